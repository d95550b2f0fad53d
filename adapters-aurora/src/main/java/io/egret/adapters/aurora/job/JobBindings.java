package io.egret.adapters.aurora.job;

import static java.util.Objects.requireNonNull;

import io.egret.domain.packing.PackingPlan;
import io.egret.domain.resource.Resources;
import io.egret.domain.topology.ClusterTarget;
import io.egret.domain.topology.TopologyId;
import io.egret.domain.topology.TopologyName;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Heron's job-file bindings, in a fixed order so that the client's argument list is the same on every run. The
 * names are Heron's ({@code CLUSTER}, {@code ROLE}, ..., {@code TIER}); every container asks for the resources
 * of the largest one, because an Aurora job has one task configuration for all its instances.
 */
public record JobBindings(Map<String, String> values) {
    public static final String CLUSTER = "CLUSTER";
    public static final String ROLE = "ROLE";
    public static final String ENVIRON = "ENVIRON";
    public static final String TOPOLOGY_NAME = "TOPOLOGY_NAME";
    public static final String EXECUTOR_BINARY = "EXECUTOR_BINARY";
    public static final String TOPOLOGY_ARGUMENTS = "TOPOLOGY_ARGUMENTS";
    public static final String CPUS_PER_CONTAINER = "CPUS_PER_CONTAINER";
    public static final String RAM_PER_CONTAINER = "RAM_PER_CONTAINER";
    public static final String DISK_PER_CONTAINER = "DISK_PER_CONTAINER";
    public static final String NUM_CONTAINERS = "NUM_CONTAINERS";
    public static final String CORE_PACKAGE_URI = "CORE_PACKAGE_URI";
    public static final String TOPOLOGY_PACKAGE_URI = "TOPOLOGY_PACKAGE_URI";
    public static final String TIER = "TIER";
    private static final String METADATA_PREFIX = "AURORA_METADATA_";

    public JobBindings {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(values, "values is null")));
    }

    /**
     * What one topology's job is bound to.
     *
     * @param executorFlags the executor's flags that every container gets (state store, for instance)
     * @param executorHeapMb the executor JVM's heap bound, passed as {@code --heap-mb}: one for every instance,
     *     since every instance gets the largest container's resources
     * @param metadata the values bound as {@code AURORA_METADATA_1}, {@code _2}, ...
     */
    public static JobBindings of(
            ClusterTarget target,
            TopologyName name,
            TopologyId id,
            PackingPlan plan,
            String topologyPackage,
            String corePackage,
            String executorBinary,
            List<String> executorFlags,
            long executorHeapMb,
            String sandboxJavaHome,
            List<String> metadata) {
        Resources largest = plan.maxContainerResources();
        Map<String, String> values = new LinkedHashMap<>();
        values.put(CLUSTER, target.cluster());
        values.put(ROLE, target.role());
        values.put(ENVIRON, target.environ());
        values.put(TOPOLOGY_NAME, name.toString());
        values.put(EXECUTOR_BINARY, executorBinary);
        values.put(
                TOPOLOGY_ARGUMENTS,
                String.join(" ", topologyArguments(target, name, id, executorFlags, executorHeapMb, sandboxJavaHome)));
        values.put(CPUS_PER_CONTAINER, Double.toString(largest.cpu()));
        values.put(RAM_PER_CONTAINER, Long.toString(largest.ram().bytes()));
        values.put(DISK_PER_CONTAINER, Long.toString(largest.disk().bytes()));
        // Container 0 (the topology master) is never packed, and Aurora runs it as instance 0 of the job.
        values.put(NUM_CONTAINERS, Integer.toString(plan.containers().size() + 1));
        values.put(CORE_PACKAGE_URI, corePackage);
        values.put(TOPOLOGY_PACKAGE_URI, topologyPackage);
        values.put(TIER, target.environ().equals("prod") ? "preferred" : "preemptible");
        for (int i = 0; i < metadata.size(); i++) {
            values.put(METADATA_PREFIX + (i + 1), metadata.get(i));
        }
        return new JobBindings(values);
    }

    /** The executor's topology flags: the same in every container; the job file adds the container's own. */
    private static List<String> topologyArguments(
            ClusterTarget target,
            TopologyName name,
            TopologyId id,
            List<String> executorFlags,
            long heapMb,
            String javaHome) {
        List<String> arguments = new ArrayList<>();
        arguments.add("--topology-name=" + name);
        arguments.add("--topology-id=" + id.value());
        arguments.addAll(executorFlags);
        arguments.add("--heap-mb=" + heapMb);
        arguments.add("--heron-java-home=" + javaHome);
        arguments.add("--cluster=" + target.cluster());
        arguments.add("--role=" + target.role());
        arguments.add("--environment=" + target.environ());
        return arguments;
    }

    /** The client's {@code --bind NAME=value} arguments, in order. */
    public List<String> bindArguments() {
        List<String> arguments = new ArrayList<>();
        values.forEach((key, value) -> {
            arguments.add("--bind");
            arguments.add(key + "=" + value);
        });
        return arguments;
    }
}
