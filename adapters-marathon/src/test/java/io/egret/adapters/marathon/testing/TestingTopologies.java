package io.egret.adapters.marathon.testing;

import io.egret.domain.lifecycle.ExecutionState;
import io.egret.domain.lifecycle.Lifecycle;
import io.egret.domain.packing.ContainerPlan;
import io.egret.domain.packing.InstanceId;
import io.egret.domain.packing.InstancePlan;
import io.egret.domain.packing.PackingPlan;
import io.egret.domain.resource.ByteAmount;
import io.egret.domain.resource.Resources;
import io.egret.domain.topology.ClusterTarget;
import io.egret.domain.topology.ComponentDefinition;
import io.egret.domain.topology.ComponentKind;
import io.egret.domain.topology.StreamDeclaration;
import io.egret.domain.topology.TopologyDefinition;
import io.egret.domain.topology.TopologyId;
import io.egret.domain.topology.TopologyName;
import io.egret.ports.out.LaunchRequest;
import io.egret.ports.out.TopologyHandle;
import io.egret.ports.out.UploadedPackage;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Launch requests for the Marathon adapter's tests: a spout per container, containers of a chosen size. */
public final class TestingTopologies {
    public static final ClusterTarget TARGET = new ClusterTarget("dcos", "alice", "prod");
    public static final URI PACKAGE = URI.create("file:///tmp/egret/topology.tar.gz");

    private TestingTopologies() {}

    public static LaunchRequest launch(String name, int containers, double cpus, long ramMegabytes) {
        TopologyName topologyName = TopologyName.of(name);
        ComponentDefinition spout = new ComponentDefinition(
                "sentence",
                ComponentKind.SPOUT,
                containers,
                "io.egret.examples.SentenceSpout",
                List.of(new StreamDeclaration("default", List.of("sentence"))),
                List.of(),
                Map.of(),
                new byte[] {1});
        TopologyDefinition definition = new TopologyDefinition(topologyName, List.of(spout), Map.of());
        return new LaunchRequest(definition, plan(containers, cpus, ramMegabytes), executionState(name), packaged());
    }

    public static PackingPlan plan(int containers, double cpus, long ramMegabytes) {
        List<ContainerPlan> plans = new ArrayList<>();
        for (int id = 1; id <= containers; id++) {
            plans.add(container(id, cpus, ramMegabytes));
        }
        return new PackingPlan("RoundRobin", plans);
    }

    public static ContainerPlan container(int id, double cpus, long ramMegabytes) {
        Resources instance = new Resources(0.5, ByteAmount.ofMegabytes(256), ByteAmount.ofMegabytes(256));
        return new ContainerPlan(
                id,
                List.of(new InstancePlan(new InstanceId("sentence", id, id - 1), instance)),
                new Resources(cpus, ByteAmount.ofMegabytes(ramMegabytes), ByteAmount.ofMegabytes(1024)));
    }

    public static ExecutionState executionState(String name) {
        return Lifecycle.submitting(
                TopologyName.of(name), id(name), TARGET, "alice", Instant.parse("2026-12-03T06:00:00Z"), "0.1.0");
    }

    public static TopologyId id(String name) {
        return TopologyId.of(name + "-0123456789abcdef");
    }

    public static TopologyHandle handle(String name) {
        return new TopologyHandle(TopologyName.of(name), id(name), TARGET, Optional.empty());
    }

    public static UploadedPackage packaged() {
        return new UploadedPackage(PACKAGE, "0".repeat(64), true);
    }
}
