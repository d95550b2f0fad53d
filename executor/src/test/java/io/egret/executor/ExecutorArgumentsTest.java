package io.egret.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

final class ExecutorArgumentsTest {

    @Test
    void defaults() {
        ExecutorArguments arguments = ExecutorArguments.parse(new String[] {
            "--topology-name=word-count", "--topology-id=word-count-1", "--container-id=0", "--state-root=/tmp/state"
        });

        assertThat(arguments.containerId()).isZero();
        assertThat(arguments.stateConfigFile()).isEmpty();
        assertThat(arguments.cluster()).isEmpty();
        assertThat(arguments.stateConnection()).isEmpty();
        assertThat(arguments.packageUri()).isEmpty();
        assertThat(arguments.workingDirectory()).isEqualTo(Path.of("."));
        assertThat(arguments.bindHost()).isEqualTo("0.0.0.0");
        assertThat(arguments.masterServerPort()).isZero();
        assertThat(arguments.masterControllerPort()).isZero();
        assertThat(arguments.dataPort()).isZero();
        assertThat(arguments.stateChangeTimeout()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void explicitMappingRoundTripsThroughFlags() {
        String[] flags = {
            "--topology-name=word-count",
            "--topology-id=word-count-1",
            "--container-id=2",
            "--state-root=/tmp/state",
            "--state-connection=LOCALMODE",
            "--state-config-file=/tmp/statemgr.yaml",
            "--package-uri=file:///tmp/topology.tar.gz",
            "--topology-defn-file=wc.defn.json",
            "--working-dir=/tmp/work",
            "--host=node-1",
            "--bind-host=127.0.0.1",
            "--tm-server-port=6001",
            "--tm-controller-port=6002",
            "--data-port=6003",
            "--state-change-timeout-seconds=5",
            "--fetch-config-property=heron.uploader.s3.uri=http://s3.internal:9000/?a=b",
            "--fetch-config-property=heron.uploader.s3.region=eu-west-1"
        };

        ExecutorArguments arguments = ExecutorArguments.parse(flags);

        assertThat(arguments.containerId()).isEqualTo(2);
        assertThat(arguments.packageUri()).contains(URI.create("file:///tmp/topology.tar.gz"));
        assertThat(arguments.definitionFile()).isEqualTo("wc.defn.json");
        assertThat(arguments.host()).isEqualTo("node-1");
        assertThat(arguments.masterServerPort()).isEqualTo(6001);
        assertThat(arguments.masterControllerPort()).isEqualTo(6002);
        assertThat(arguments.dataPort()).isEqualTo(6003);
        assertThat(arguments.stateChangeTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(arguments.fetchConfig())
                .containsExactly(
                        java.util.Map.entry("heron.uploader.s3.uri", "http://s3.internal:9000/?a=b"),
                        java.util.Map.entry("heron.uploader.s3.region", "eu-west-1"));
        assertThat(ExecutorArguments.parse(arguments.toFlags().toArray(new String[0])))
                .isEqualTo(arguments);
    }

    @Test
    void namesMissingUnknownAndMalformedFlags() {
        assertThatThrownBy(() -> ExecutorArguments.parse(new String[] {"--topology-name=a"}))
                .hasMessageContaining("missing --topology-id");
        assertThatThrownBy(() -> ExecutorArguments.parse(new String[] {"--shards=1"}))
                .hasMessageContaining("unknown flag --shards");
        assertThatThrownBy(() -> ExecutorArguments.parse(
                        new String[] {"--topology-name=a", "--topology-id=b", "--container-id=one", "--state-root=/s"}))
                .hasMessageContaining("--container-id must be a whole number, got 'one'");
        assertThatThrownBy(() -> ExecutorArguments.parse(new String[] {
                    "--topology-name=a", "--topology-id=b", "--container-id=1", "--fetch-config-property=no-value"
                }))
                .hasMessageContaining("--fetch-config-property needs KEY=VALUE, got 'no-value'");
    }

    @Test
    void understandsHeronExecutorFlags() {
        ExecutorArguments arguments = ExecutorArguments.parse(new String[] {
            "--topology-name=word-count",
            "--topology-id=word-count-1",
            "--topology-defn-file=word-count.defn.json",
            "--shard=0",
            "--cluster=local",
            "--role=alice",
            "--environment=default",
            "--state-manager-root=/home/alice/.herondata/repository/state/local",
            "--state-manager-connection=LOCALMODE",
            "--state-manager-config-file=./heron-conf/statemgr.yaml",
            "--tmanager-binary=./heron-core/bin/heron-tmanager",
            "--instance-jvm-opts=\"LVhYOis=(61)(61)\"",
            "--verbose-gc",
            "--server-port=6001",
            "--tmanager-controller-port=6002",
            "--tmanager-stats-port=6003"
        });

        assertThat(arguments.containerId()).isZero();
        assertThat(arguments.stateRoot()).isEqualTo("/home/alice/.herondata/repository/state/local");
        assertThat(arguments.stateConnection()).isEqualTo("LOCALMODE");
        assertThat(arguments.stateConfigFile()).isEqualTo("./heron-conf/statemgr.yaml");
        assertThat(arguments.masterServerPort()).isEqualTo(6001);
        assertThat(arguments.masterControllerPort()).isEqualTo(6002);
        assertThat(arguments.packageUri()).isEmpty();
        assertThat(arguments.cluster()).isEqualTo("local/alice/default");
        assertThat(ExecutorArguments.parse(arguments.toFlags().toArray(new String[0])))
                .isEqualTo(arguments);
        assertThat(ExecutorArguments.parse(
                                new String[] {"--topology-name=a", "--topology-id=b", "--shard=2", "--server-port=7001"
                                })
                        .dataPort())
                .isEqualTo(7001);
    }

    @Test
    void helpExitsZeroAndBadArgumentsExitTwo() {
        assertThat(ExecutorMain.run(new String[] {"--help"}, arguments -> {
                    throw new AssertionError("no store for --help");
                }))
                .isZero();
        assertThat(ExecutorMain.run(new String[] {"--bogus=1"}, arguments -> {
                    throw new AssertionError("no store for bad arguments");
                }))
                .isEqualTo(2);
    }
}
