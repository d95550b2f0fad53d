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
            "--package-uri=file:///tmp/topology.tar.gz",
            "--topology-defn-file=wc.defn.json",
            "--working-dir=/tmp/work",
            "--host=node-1",
            "--bind-host=127.0.0.1",
            "--tm-server-port=6001",
            "--tm-controller-port=6002",
            "--data-port=6003",
            "--state-change-timeout-seconds=5"
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
        assertThat(ExecutorArguments.parse(arguments.toFlags().toArray(new String[0])))
                .isEqualTo(arguments);
    }

    @Test
    void namesMissingUnknownAndMalformedFlags() {
        assertThatThrownBy(() -> ExecutorArguments.parse(new String[] {"--topology-name=a"}))
                .hasMessageContaining("missing --topology-id");
        assertThatThrownBy(() -> ExecutorArguments.parse(new String[] {"--shard=1"}))
                .hasMessageContaining("unknown flag --shard");
        assertThatThrownBy(() -> ExecutorArguments.parse(
                        new String[] {"--topology-name=a", "--topology-id=b", "--container-id=one", "--state-root=/s"}))
                .hasMessageContaining("--container-id must be a whole number, got 'one'");
        assertThatThrownBy(() -> ExecutorArguments.parse(
                        new String[] {"--topology-name=a", "--topology-id=b", "--container-id=1", "--state-root=/s"}))
                .hasMessageContaining("container 1 needs --package-uri");
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
