package io.egret.adapters.aurora.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.egret.domain.error.EgretException;
import io.egret.domain.packing.ContainerPlan;
import io.egret.domain.packing.InstanceId;
import io.egret.domain.packing.InstancePlan;
import io.egret.domain.packing.PackingPlan;
import io.egret.domain.resource.ByteAmount;
import io.egret.domain.resource.Resources;
import io.egret.domain.topology.ClusterTarget;
import io.egret.domain.topology.TopologyId;
import io.egret.domain.topology.TopologyName;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class JobTemplateTest {
    static final Path STOCK = Path.of("../app/src/dist/conf/aurora/heron.aurora");

    @TempDir
    Path directory;

    static JobBindings bindings(String environ, URI topologyPackage) {
        return bindings(environ, topologyPackage.toString());
    }

    static JobBindings bindings(String environ, String topologyPackage) {
        return JobBindings.of(
                new ClusterTarget("aurora", "www-data", environ),
                TopologyName.of("wordcount"),
                TopologyId.of("wordcount-1234"),
                JobTemplateTest.plan(),
                topologyPackage,
                "file:///opt/heron/heron-core.tar.gz",
                "./heron-core/bin/heron-executor",
                List.of("--state-root=/var/heron/state", "--state-connection=LOCALMODE"),
                "/usr/lib/jvm/java-17",
                List.of("team=streams"));
    }

    static PackingPlan plan() {
        Resources small = new Resources(1.5, ByteAmount.ofMegabytes(512), ByteAmount.ofGigabytes(1));
        Resources large = new Resources(2.0, ByteAmount.ofMegabytes(384), ByteAmount.ofGigabytes(2));
        return new PackingPlan(
                "test",
                List.of(
                        new ContainerPlan(1, List.of(instance("word", 0, 1)), small),
                        new ContainerPlan(2, List.of(instance("count", 1, 2)), large)));
    }

    private static InstancePlan instance(String component, int index, int task) {
        return new InstancePlan(
                new InstanceId(component, task, index),
                new Resources(1, ByteAmount.ofMegabytes(128), ByteAmount.ofMegabytes(128)));
    }

    @Test
    void bindingsAreHeronsNamesWithTheLargestContainersResources() {
        JobBindings bindings = bindings("prod", URI.create("file:///tmp/pkg.tar.gz"));

        assertThat(bindings.values())
                .containsEntry("CLUSTER", "aurora")
                .containsEntry("ROLE", "www-data")
                .containsEntry("ENVIRON", "prod")
                .containsEntry("TOPOLOGY_NAME", "wordcount")
                .containsEntry("EXECUTOR_BINARY", "./heron-core/bin/heron-executor")
                .containsEntry("CPUS_PER_CONTAINER", "2.0")
                .containsEntry("RAM_PER_CONTAINER", Long.toString(512L * 1024 * 1024))
                .containsEntry("DISK_PER_CONTAINER", Long.toString(2L * 1024 * 1024 * 1024))
                .containsEntry("NUM_CONTAINERS", "3")
                .containsEntry("CORE_PACKAGE_URI", "file:///opt/heron/heron-core.tar.gz")
                .containsEntry("TOPOLOGY_PACKAGE_URI", "file:///tmp/pkg.tar.gz")
                .containsEntry("TIER", "preferred")
                .containsEntry("AURORA_METADATA_1", "team=streams");
        assertThat(bindings.values().get("TOPOLOGY_ARGUMENTS"))
                .isEqualTo("--topology-name=wordcount --topology-id=wordcount-1234 --state-root=/var/heron/state"
                        + " --state-connection=LOCALMODE --heron-java-home=/usr/lib/jvm/java-17 --cluster=aurora"
                        + " --role=www-data --environment=prod");
        assertThat(bindings("devel", URI.create("file:///x")).values()).containsEntry("TIER", "preemptible");
        assertThat(bindings.bindArguments()).startsWith("--bind", "CLUSTER=aurora", "--bind", "ROLE=www-data");
    }

    @Test
    void theStockJobFileUsesOnlyBoundNamesAndRendersThem() {
        JobTemplate stock = JobTemplate.read(STOCK);
        JobBindings bindings = bindings("devel", URI.create("file:///tmp/pkg.tar.gz"));

        stock.checkBound(bindings);
        String rendered = stock.render(bindings);

        assertThat(rendered)
                .contains("heron-downloader file:///opt/heron/heron-core.tar.gz .")
                .contains("heron-downloader file:///tmp/pkg.tar.gz .")
                .contains("./heron-core/bin/heron-executor --topology-name=wordcount")
                .contains("--container-id={{mesos.instance}}")
                .contains("{{thermos.ports[server]}}")
                .contains("instances = '3'")
                .doesNotContain("{{CLUSTER}}", "{{TOPOLOGY_ARGUMENTS}}", "{{RAM_PER_CONTAINER}}");
    }

    @Test
    void aMisspelledBindingIsRefusedWithTheNearestName() throws Exception {
        Path file = directory.resolve("heron.aurora");
        Files.writeString(
                file,
                "p = Process(name = 'x', cmdline = 'run {{TOPOLOGY_NAM}} {{mesos.instance}} {{role}}')\n"
                        + "q = Process(name = 'y', cmdline = '{{SOMETHING_ELSE}}')\n");

        assertThatThrownBy(() -> JobTemplate.read(file).checkBound(bindings("devel", URI.create("file:///x"))))
                .isInstanceOf(EgretException.class)
                .hasMessageContaining("uses {{TOPOLOGY_NAM}} (did you mean {{TOPOLOGY_NAME}}?), {{SOMETHING_ELSE}}")
                .hasMessageContaining("which nothing binds")
                .hasMessageNotContaining("mesos.instance")
                .hasMessageNotContaining("{{role}}");
    }

    @Test
    void aMissingJobFileNamesTheKeys() {
        assertThatThrownBy(() -> JobTemplate.read(directory.resolve("nope.aurora")))
                .isInstanceOf(EgretException.class)
                .hasMessageContaining("does not exist")
                .hasMessageContaining("heron.scheduler.job.template");
    }

    @Test
    void fetchCommandsMustFetchTheUploadersScheme() throws Exception {
        Path curl = directory.resolve("curl.aurora");
        Files.writeString(curl, "p = Process(name = 'f', cmdline = 'curl {{TOPOLOGY_PACKAGE_URI}} -o t.tar.gz')\n");
        Path hdfs = directory.resolve("hdfs.aurora");
        Files.writeString(
                hdfs, "p = Process(name = 'f', cmdline = 'hdfs dfs -get {{TOPOLOGY_PACKAGE_URI}} t.tar.gz')\n");
        Path custom = directory.resolve("custom.aurora");
        Files.writeString(custom, "p = Process(name = 'f', cmdline = 'my-fetch {{TOPOLOGY_PACKAGE_URI}}')\n");

        assertThatThrownBy(() -> FetchCommands.check(JobTemplate.read(curl), "hdfs", "the topology package"))
                .isInstanceOf(EgretException.class)
                .hasMessageContaining("fetches with [curl], which cannot fetch hdfs: URIs")
                .hasMessageContaining("heron-downloader");
        FetchCommands.check(JobTemplate.read(curl), "file", "the topology package");
        FetchCommands.check(JobTemplate.read(hdfs), "hdfs", "the topology package");
        assertThatThrownBy(() -> FetchCommands.check(JobTemplate.read(hdfs), "s3", "the topology package"))
                .hasMessageContaining("[hdfs dfs -get]");
        FetchCommands.check(JobTemplate.read(STOCK), "hdfs", "the topology package");
        FetchCommands.check(JobTemplate.read(STOCK), "s3", "the topology package");
        FetchCommands.check(JobTemplate.read(custom), "hdfs", "the topology package");
    }
}
