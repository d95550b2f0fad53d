package io.egret.adapters.marathon.group;

import static org.assertj.core.api.Assertions.assertThat;

import io.egret.adapters.marathon.MarathonAdapterConfig;
import io.egret.domain.topology.ClusterTarget;
import io.egret.domain.topology.TopologyId;
import io.egret.domain.topology.TopologyName;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class ExecutorCommandTest {
    private static final ClusterTarget TARGET = new ClusterTarget("dcos", "alice", "prod");

    @Test
    void theImagesCoreIsUsedWhenTheCoreIsNotFetchedAndValuesAreQuotedForTheShell() {
        MarathonAdapterConfig.Executor executor = new MarathonAdapterConfig.Executor(
                Optional.empty(),
                "/opt/heron core/",
                "/usr/lib/jvm/java 17",
                "zk-1:2181,zk-2:2181",
                "/heron's root",
                Map.of());

        String command = ExecutorCommand.render(
                executor,
                TopologyName.of("wc"),
                TopologyId.of("wc-1"),
                TARGET,
                URI.create("hdfs://nn:8020/heron/wc/topology.tar.gz"),
                3,
                1536);

        assertThat(command)
                .isEqualTo("cd \"$MESOS_SANDBOX\" && JAVA_HOME='/usr/lib/jvm/java 17' exec"
                        + " '/opt/heron core/bin/heron-executor' --topology-name=wc --topology-id=wc-1"
                        + " --container-id=3 --heap-mb=1536 --state-connection=zk-1:2181,zk-2:2181 --state-root='/heron'\\''s root'"
                        + " --package-uri=hdfs://nn:8020/heron/wc/topology.tar.gz --working-dir=\"$MESOS_SANDBOX\""
                        + " --host=\"$HOST\" --bind-host=0.0.0.0 --server-port=\"$PORT0\""
                        + " --tmanager-controller-port=\"$PORT1\" --cluster=dcos --role=alice --environment=prod");
    }

    @Test
    void theContainersJavaHomeStaysAVariable() {
        MarathonAdapterConfig.Executor executor = new MarathonAdapterConfig.Executor(
                Optional.of(URI.create("https://example.com/core.tar.gz")),
                "",
                "${JAVA_HOME}",
                "LOCALMODE",
                "/s",
                Map.of());

        assertThat(ExecutorCommand.render(
                        executor,
                        TopologyName.of("wc"),
                        TopologyId.of("wc-1"),
                        TARGET,
                        URI.create("file:///p"),
                        0,
                        256))
                .contains("JAVA_HOME=\"${JAVA_HOME}\" exec \"$CORE/bin/heron-executor\"");
    }

    @Test
    void theStoresSettingsReachTheFetchersInKeyOrder() {
        MarathonAdapterConfig.Executor executor = new MarathonAdapterConfig.Executor(
                Optional.empty(),
                "/opt/heron",
                "",
                "zk:2181",
                "/heron",
                Map.of(
                        "heron.uploader.s3.uri", "http://s3.internal:9000",
                        "heron.uploader.s3.region", "eu west"));

        assertThat(ExecutorCommand.render(
                        executor,
                        TopologyName.of("wc"),
                        TopologyId.of("wc-1"),
                        TARGET,
                        URI.create("s3://heron/wc/topology.tar.gz"),
                        1,
                        512))
                .contains(" --package-uri=s3://heron/wc/topology.tar.gz"
                        + " --fetch-config-property='heron.uploader.s3.region=eu west'"
                        + " --fetch-config-property=heron.uploader.s3.uri=http://s3.internal:9000 ");
    }
}
