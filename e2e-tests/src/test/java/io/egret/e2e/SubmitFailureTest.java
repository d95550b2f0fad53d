package io.egret.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A submit that fails at a real step (pack, upload, launch, wait) through the real {@code bin/heron}: one line,
 * the right exit code, and nothing left behind: no state, no uploaded package, no process.
 */
final class SubmitFailureTest {
    @TempDir
    Path home;

    @AfterEach
    void endLeftovers() {
        Processes.killAllUnder(home);
    }

    @Test
    void aPlanThatCannotBePackedIsAUserErrorNamingTheComponent() {
        Heron heron = new Heron(home);

        Heron.Result result = heron.run(
                "submit",
                "local",
                heron.examplesJar().toString(),
                "io.egret.examples.Synthetic",
                "--name=tiny",
                "--instance-ram-mb=1");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr())
                .contains("component '")
                .contains("minimum of 16 MB")
                .contains("fix:");
        assertNothingLeft();
    }

    @Test
    void anUploadThatFailsLeavesNothing() {
        Heron heron = new Heron(home);
        Path blocked = home.resolve("blocked");
        write(blocked, "a file where the package directory should go");

        Heron.Result result = heron.run(
                "submit",
                "local",
                heron.examplesJar().toString(),
                "io.egret.examples.WordCount",
                "unuploadable",
                "--config-property",
                "heron.uploader.localfs.file.system.directory=" + blocked + "/${TOPOLOGY}");

        assertThat(result.exitCode()).as(result.toString()).isNotZero();
        assertThat(result.stderr()).contains("upload").contains(blocked.toString());
        assertNothingLeft();
    }

    @Test
    void aTopologyThatDoesNotRunInTimeIsUndoneCompletely() {
        Heron heron = new Heron(home);

        Heron.Result result = heron.run(
                "submit",
                "local",
                heron.examplesJar().toString(),
                "io.egret.examples.WordCount",
                "slow",
                "--wait-until",
                "RUNNING",
                "--timeout",
                "0");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(5);
        assertThat(result.stderr()).contains("slow");
        assertThat(Processes.awaitNoneUnder(home, Duration.ofSeconds(10)))
                .as("processes left")
                .isEmpty();
        assertNothingLeft();
    }

    private void assertNothingLeft() {
        new LocalClusterFiles(home).assertNothingLeft();
    }

    private static void write(Path file, String content) {
        try {
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
