package io.egret.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.egret.domain.error.EgretException;
import io.egret.domain.lifecycle.ExecutionState;
import io.egret.domain.lifecycle.Lifecycle;
import io.egret.domain.lifecycle.TopologyState;
import io.egret.domain.lifecycle.UpdateIntent;
import io.egret.domain.packing.ContainerPlan;
import io.egret.domain.packing.InstanceId;
import io.egret.domain.packing.InstancePlan;
import io.egret.domain.packing.PackingPlan;
import io.egret.domain.resource.ByteAmount;
import io.egret.domain.resource.Resources;
import io.egret.domain.runtime.PhysicalPlan;
import io.egret.domain.runtime.SchedulerLocation;
import io.egret.domain.runtime.StreamManagerLocation;
import io.egret.domain.runtime.TopologyMasterLocation;
import io.egret.domain.topology.ClusterTarget;
import io.egret.domain.topology.ComponentDefinition;
import io.egret.domain.topology.ComponentKind;
import io.egret.domain.topology.Grouping;
import io.egret.domain.topology.StreamDeclaration;
import io.egret.domain.topology.StreamInput;
import io.egret.domain.topology.TopologyDefinition;
import io.egret.domain.topology.TopologyId;
import io.egret.domain.topology.TopologyName;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

final class EgretJsonTest {
    private static final TopologyName NAME = TopologyName.of("wordcount");
    private static final TopologyId ID = TopologyId.of("wordcount-1");

    @Test
    void topologyDefinitionRoundTripsWithEveryGrouping() {
        TopologyDefinition definition = definition();

        byte[] json = EgretJson.toBytes(definition);

        assertThat(EgretJson.fromBytes(json, TopologyDefinition.class)).isEqualTo(definition);
        assertThat(new String(json, StandardCharsets.UTF_8))
                .contains("\"name\":\"wordcount\"")
                .contains("\"type\":\"fields\"")
                .contains("\"type\":\"global\"")
                .contains("\"type\":\"direct\"")
                .contains("\"type\":\"none\"")
                .contains("\"type\":\"custom\"");
    }

    @Test
    void packingPlanRoundTripsWithBytesAsNumbers() {
        PackingPlan plan = plan();

        byte[] json = EgretJson.toBytes(plan);

        assertThat(EgretJson.fromBytes(json, PackingPlan.class)).isEqualTo(plan);
        assertThat(new String(json, StandardCharsets.UTF_8)).contains("\"ram\":1073741824");
    }

    @Test
    void executionStateRoundTripsWithUpdateIntent() {
        ExecutionState submitting = Lifecycle.submitting(
                NAME,
                ID,
                new ClusterTarget("local", "alice", "default"),
                "alice",
                Instant.parse("2026-11-21T06:00:00Z"),
                "0.1.0");
        ExecutionState updating = Lifecycle.beginUpdate(
                Lifecycle.launched(submitting, false),
                new UpdateIntent(
                        Map.of("word", 4),
                        OptionalInt.of(3),
                        TopologyState.RUNNING,
                        Instant.parse("2026-11-21T06:01:00Z")));

        byte[] json = EgretJson.toBytes(updating);

        assertThat(EgretJson.fromBytes(json, ExecutionState.class)).isEqualTo(updating);
        assertThat(new String(json, StandardCharsets.UTF_8))
                .contains("\"submittedAt\":\"2026-11-21T06:00:00Z\"")
                .doesNotContain("updating");
    }

    @Test
    void locationsAndPhysicalPlanRoundTrip() {
        SchedulerLocation scheduler = new SchedulerLocation("host:1234", List.of("http://ui"));
        TopologyMasterLocation master = new TopologyMasterLocation(ID, "host", 5000, 5001);
        PhysicalPlan physicalPlan = new PhysicalPlan(
                ID, 3, TopologyState.PAUSED, plan(), List.of(new StreamManagerLocation(1, "host", 6000)));

        assertThat(EgretJson.fromBytes(EgretJson.toBytes(scheduler), SchedulerLocation.class))
                .isEqualTo(scheduler);
        assertThat(new String(EgretJson.toBytes(scheduler), StandardCharsets.UTF_8))
                .doesNotContain("service");
        assertThat(EgretJson.fromBytes(EgretJson.toBytes(master), TopologyMasterLocation.class))
                .isEqualTo(master);
        assertThat(EgretJson.fromBytes(EgretJson.toBytes(physicalPlan), PhysicalPlan.class))
                .isEqualTo(physicalPlan);
    }

    @Test
    void envelopeCarriesVersionKindAndTopologyId() {
        byte[] stored = Envelope.wrap("packingplan", ID, plan());

        Envelope envelope = Envelope.read(stored, "packingplans/wordcount");

        assertThat(envelope.schemaVersion()).isEqualTo(Envelope.CURRENT_SCHEMA_VERSION);
        assertThat(envelope.kind()).isEqualTo("packingplan");
        assertThat(envelope.topologyId()).isEqualTo(ID);
        assertThat(envelope.bodyAs(PackingPlan.class, "packingplans/wordcount")).isEqualTo(plan());
    }

    @Test
    void envelopeFromANewerEgretIsRefusedWithAnUpgradeHint() {
        byte[] stored = "{\"schemaVersion\":99,\"kind\":\"topology\",\"topologyId\":\"x\",\"body\":{}}"
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> Envelope.read(stored, "topologies/x"))
                .isInstanceOf(EgretException.class)
                .hasMessageContaining("schema version 99")
                .hasMessageContaining("upgrade");
    }

    @Test
    void garbageIsAnInternalErrorNamingTheRecord() {
        assertThatThrownBy(() -> Envelope.read("not json".getBytes(StandardCharsets.UTF_8), "topologies/x"))
                .isInstanceOf(EgretException.class)
                .hasMessageContaining("topologies/x");
    }

    static TopologyDefinition definition() {
        ComponentDefinition spout = new ComponentDefinition(
                "sentence",
                ComponentKind.SPOUT,
                2,
                "io.egret.examples.SentenceSpout",
                List.of(new StreamDeclaration("default", List.of("sentence"))),
                List.of(),
                Map.of(),
                new byte[] {1, 2, 3});
        ComponentDefinition split = new ComponentDefinition(
                "split",
                ComponentKind.BOLT,
                3,
                "io.egret.examples.SplitBolt",
                List.of(new StreamDeclaration("default", List.of("word"))),
                List.of(new StreamInput("sentence", "default", Grouping.shuffle())),
                Map.of(),
                new byte[0]);
        ComponentDefinition count = new ComponentDefinition(
                "count",
                ComponentKind.BOLT,
                2,
                "io.egret.examples.CountBolt",
                List.of(),
                List.of(new StreamInput("split", "default", Grouping.fields("word"))),
                Map.of("k", "v"),
                new byte[0]);
        ComponentDefinition report = new ComponentDefinition(
                "report",
                ComponentKind.BOLT,
                1,
                "io.egret.examples.ReportBolt",
                List.of(),
                List.of(
                        new StreamInput("split", "default", Grouping.global()),
                        new StreamInput("sentence", "default", Grouping.all()),
                        new StreamInput("sentence", "default", Grouping.direct()),
                        new StreamInput("sentence", "default", Grouping.none()),
                        new StreamInput(
                                "split",
                                "default",
                                new Grouping.Custom("io.egret.examples.ByLength", new byte[] {1, 2, 3}))),
                Map.of(),
                new byte[0]);
        return new TopologyDefinition(NAME, List.of(spout, split, count, report), Map.of("topology.stmgrs", "2"));
    }

    static PackingPlan plan() {
        Resources instance = new Resources(1.0, ByteAmount.ofGigabytes(1), ByteAmount.ofGigabytes(1));
        ContainerPlan container = new ContainerPlan(
                1,
                List.of(
                        new InstancePlan(new InstanceId("sentence", 1, 0), instance),
                        new InstancePlan(new InstanceId("split", 2, 0), instance)),
                new Resources(3.0, ByteAmount.ofGigabytes(4), ByteAmount.ofGigabytes(14)));
        return new PackingPlan("RoundRobin", List.of(container));
    }
}
