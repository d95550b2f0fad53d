package io.egret.adapters.aurora.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.egret.adapters.aurora.AuroraAdapterConfig;
import io.egret.adapters.aurora.client.AuroraClient;
import io.egret.domain.packing.ContainerPlan;
import io.egret.domain.packing.ExecutorHeap;
import io.egret.domain.packing.InstanceId;
import io.egret.domain.packing.InstancePlan;
import io.egret.domain.packing.PackingPlan;
import io.egret.domain.resource.ByteAmount;
import io.egret.domain.resource.Resources;
import io.egret.domain.topology.ClusterTarget;
import io.egret.domain.topology.TopologyConfig;
import io.egret.domain.topology.TopologyId;
import io.egret.domain.topology.TopologyName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The executor's heap bound reaches every Aurora instance as {@code --heap-mb} in {@code TOPOLOGY_ARGUMENTS}. */
final class ExecutorHeapBindingTest {
    @TempDir
    Path directory;

    /** Container 1: 2 GB with one 512 MB instance (heap 2 GB - 1 GB stmgr); container 2: 1.5 GB, 768 MB of instances. */
    static PackingPlan plan() {
        return new PackingPlan(
                "test",
                List.of(
                        new ContainerPlan(
                                1,
                                List.of(instance("word", 1, 0, 512)),
                                new Resources(1, ByteAmount.ofMegabytes(2048), ByteAmount.ofGigabytes(1))),
                        new ContainerPlan(
                                2,
                                List.of(instance("count", 2, 0, 384), instance("count", 3, 1, 384)),
                                new Resources(1, ByteAmount.ofMegabytes(1536), ByteAmount.ofGigabytes(1)))));
    }

    private static InstancePlan instance(String component, int task, int index, long ramMb) {
        return new InstancePlan(
                new InstanceId(component, task, index),
                new Resources(0.5, ByteAmount.ofMegabytes(ramMb), ByteAmount.ofMegabytes(128)));
    }

    @Test
    void everyInstanceGetsTheLargestContainersHeapBound() {
        TopologyConfig defaults = new TopologyConfig(Map.of());

        assertThat(AuroraLauncher.executorHeapMb(plan(), defaults)).isEqualTo(1024);
        // A larger stream-manager share leaves container 1 less; container 2's instances still need their 768 MB.
        assertThat(AuroraLauncher.executorHeapMb(
                        plan(), new TopologyConfig(Map.of(TopologyConfig.STMGR_RAM, "1610612736"))))
                .isEqualTo(768);
        assertThat(AuroraLauncher.executorHeapMb(new PackingPlan("test", List.of()), defaults))
                .isEqualTo(ExecutorHeap.MIN_HEAP_MB);
    }

    @Test
    void theBoundJobFilePassesTheHeapToTheExecutor() throws IOException {
        Path template = directory.resolve("heron.aurora");
        Files.writeString(
                template,
                "run = Process(name = 'run', cmdline = '{{EXECUTOR_BINARY}} {{TOPOLOGY_ARGUMENTS}}'\n"
                        + " ' --container-id={{mesos.instance}}')\n"
                        + "jobs = [Service(cluster = '{{CLUSTER}}', role = '{{ROLE}}', environment = '{{ENVIRON}}',"
                        + " name = '{{TOPOLOGY_NAME}}', instances = '{{NUM_CONTAINERS}}', task = SequentialTask("
                        + "processes = [run], resources = Resources(cpu = '{{CPUS_PER_CONTAINER}}',"
                        + " ram = '{{RAM_PER_CONTAINER}}', disk = '{{DISK_PER_CONTAINER}}')))]\n");
        AuroraAdapterConfig config = new AuroraAdapterConfig(
                List.of("aurora"),
                template,
                List.of(),
                AuroraAdapterConfig.SANDBOX_EXECUTOR,
                List.of(),
                "file:///opt/heron-core.tar.gz",
                "/usr/lib/jvm/java",
                "file",
                1,
                Duration.ofMillis(10),
                Duration.ofSeconds(1),
                Optional.empty());
        AuroraLauncher launcher = new AuroraLauncher(config, new AuroraClient(config.client()), new LaunchLedger());

        AuroraLauncher.Job job = launcher.prepare(
                new ClusterTarget("aurora", "www-data", "devel"),
                TopologyName.of("wordcount"),
                TopologyId.of("wordcount-1"),
                plan(),
                new TopologyConfig(Map.of()),
                "file:///tmp/topology.tar.gz");

        assertThat(job.renderedFile()).contains("./heron-core/bin/heron-executor --topology-name=wordcount");
        assertThat(job.renderedFile()).contains(" --heap-mb=1024 ");
        assertThat(job.argv())
                .anyMatch(argument ->
                        argument.startsWith("TOPOLOGY_ARGUMENTS=") && argument.contains(" --heap-mb=1024 "));
    }
}
