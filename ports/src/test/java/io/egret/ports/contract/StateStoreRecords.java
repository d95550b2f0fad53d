package io.egret.ports.contract;

import io.egret.domain.lifecycle.ExecutionState;
import io.egret.domain.lifecycle.Lifecycle;
import io.egret.domain.lifecycle.TopologyState;
import io.egret.domain.packing.ContainerPlan;
import io.egret.domain.packing.InstanceId;
import io.egret.domain.packing.InstancePlan;
import io.egret.domain.packing.PackingPlan;
import io.egret.domain.resource.ByteAmount;
import io.egret.domain.resource.Resources;
import io.egret.domain.runtime.PhysicalPlan;
import io.egret.domain.runtime.StreamManagerLocation;
import io.egret.domain.topology.ClusterTarget;
import io.egret.domain.topology.ComponentDefinition;
import io.egret.domain.topology.ComponentKind;
import io.egret.domain.topology.Grouping;
import io.egret.domain.topology.StreamDeclaration;
import io.egret.domain.topology.StreamInput;
import io.egret.domain.topology.TopologyDefinition;
import io.egret.domain.topology.TopologyId;
import io.egret.domain.topology.TopologyName;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Small, valid records for state store tests. */
public final class StateStoreRecords {
    public static final ClusterTarget TARGET = new ClusterTarget("local", "alice", "default");

    private StateStoreRecords() {}

    public static TopologyDefinition definition(String name) {
        ComponentDefinition spout = new ComponentDefinition(
                "sentence",
                ComponentKind.SPOUT,
                1,
                "io.egret.examples.SentenceSpout",
                List.of(new StreamDeclaration("default", List.of("sentence"))),
                List.of(),
                Map.of(),
                new byte[] {1, 2, 3});
        ComponentDefinition split = new ComponentDefinition(
                "split",
                ComponentKind.BOLT,
                2,
                "io.egret.examples.SplitBolt",
                List.of(),
                List.of(new StreamInput("sentence", "default", Grouping.shuffle())),
                Map.of(),
                new byte[0]);
        return new TopologyDefinition(TopologyName.of(name), List.of(spout, split), Map.of("topology.stmgrs", "1"));
    }

    public static PackingPlan plan() {
        Resources instance = new Resources(1.0, ByteAmount.ofGigabytes(1), ByteAmount.ofGigabytes(1));
        ContainerPlan container = new ContainerPlan(
                1,
                List.of(
                        new InstancePlan(new InstanceId("sentence", 1, 0), instance),
                        new InstancePlan(new InstanceId("split", 2, 0), instance),
                        new InstancePlan(new InstanceId("split", 3, 1), instance)),
                new Resources(4.0, ByteAmount.ofGigabytes(4), ByteAmount.ofGigabytes(4)));
        return new PackingPlan("RoundRobin", List.of(container));
    }

    public static ExecutionState submitting(String name, String id) {
        return Lifecycle.submitting(
                TopologyName.of(name),
                TopologyId.of(id),
                TARGET,
                "alice",
                Instant.parse("2026-11-21T06:00:00Z"),
                "0.1.0");
    }

    public static PhysicalPlan physicalPlan(TopologyId id) {
        return new PhysicalPlan(
                id, 1, TopologyState.RUNNING, plan(), List.of(new StreamManagerLocation(1, "localhost", 7000)));
    }
}
