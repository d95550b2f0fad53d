package io.egret.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.egret.testsupport.TestTime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Faults a Heron operator meets, through the real {@code bin/heron}: damaged state records, a CLI killed with
 * SIGKILL in the middle of a submit, a full disk. Whatever happened, {@code heron list} shows what is left and
 * {@code heron kill} ends every process and removes every file of the topology: records, packages and locks.
 *
 * <p>The SIGKILL cases use the CLI's test-only hook {@code -Degret.test.halt-at-step=after:upload_package} (and
 * the like), which makes it wait at a
 * named step so that the test can SIGKILL it exactly there. The full-disk cases run the CLI in a user and mount
 * namespace ({@code unshare}) with a tmpfs of a few kilobytes over the uploader's or the state store's
 * directory; where namespaces are not available they are skipped.
 */
final class LeftoversAndFaultsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(
            Math.round(30 * Double.parseDouble(System.getProperty("egret.test.timeout.factor", "1"))));

    @TempDir
    Path home;

    @AfterEach
    void endLeftovers() {
        Processes.killAllUnder(home);
    }

    @Test
    void garbageAndTruncatedRecordsAreShownAndKillEndsEveryProcessAndRemovesThem() throws IOException {
        Heron heron = new Heron(home);
        Heron.Result submitted = heron.run(
                "submit",
                "local",
                heron.examplesJar().toString(),
                "io.egret.examples.WordCount",
                "wordcount",
                "--wait-until",
                "RUNNING",
                "--timeout",
                String.valueOf(TIMEOUT.toSeconds()));
        assertThat(submitted.exitCode()).as(submitted.toString()).isZero();
        assertThat(Processes.under(home))
                .as("processes of the running topology")
                .hasSizeGreaterThanOrEqualTo(3);
        Path state = stateRoot();
        Files.writeString(state.resolve("executionstate/wordcount"), "\u0000\u0001garbage", UTF_8);
        byte[] topology = Files.readAllBytes(state.resolve("topologies/wordcount"));
        Files.write(state.resolve("topologies/wordcount"), java.util.Arrays.copyOf(topology, topology.length / 2));

        Heron.Result status = heron.run("status", "local", "wordcount");
        Heron.Result list = heron.run("list", "local");
        Heron.Result kill = heron.run("kill", "local", "wordcount");

        assertThat(status.exitCode()).as(status.toString()).isEqualTo(4);
        assertThat(status.stderr().lines().count()).as(status.toString()).isEqualTo(1);
        assertThat(status.stderr())
                .contains("damaged records executionstate, topologies")
                .contains("heron kill");
        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(list.stdout()).containsPattern("wordcount +DAMAGED +\\(damaged executionstate, topologies");
        assertThat(kill.exitCode()).as(kill.toString()).isZero();
        assertThat(Processes.describe(Processes.awaitNoneUnder(home, TIMEOUT)))
                .as("processes left after kill")
                .isEmpty();
        assertThat(heron.run("list", "local").stdout()).contains("No topologies");
        assertNoFileLeft();
    }

    @ParameterizedTest
    @ValueSource(strings = {"after:upload_package", "before:discard_package_file", "before:record_state"})
    void aCliKilledMidSubmitLeavesAPackageThatListShowsAndKillRemoves(String haltAt) throws Exception {
        Heron heron = new Heron(home);
        Process cli = startHalted(heron, haltAt, "orphan");

        awaitHalted(cli, haltAt);
        cli.destroyForcibly();
        assertThat(cli.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(new LocalClusterFiles(home).uploadedPackages())
                .as("the package the crash left")
                .hasSize(1);

        Heron.Result list = heron.run("list", "local");
        Heron.Result kill = heron.run("kill", "local", "orphan");
        Heron.Result again = heron.run("kill", "local", "orphan");

        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(list.stdout()).containsPattern("orphan +LEFTOVER +\\(orphaned uploaded package");
        assertThat(kill.exitCode()).as(kill.toString()).isZero();
        assertThat(kill.stdout()).contains("removed 1 uploaded package");
        assertThat(again.exitCode()).as(again.toString()).isEqualTo(3);
        assertThat(heron.run("list", "local").stdout()).contains("No topologies");
        assertNoFileLeft();
    }

    @Test
    void aCliKilledAfterRecordingStateLeavesStaleStateThatKillRemovesWithThePackage() throws Exception {
        Heron heron = new Heron(home);
        Process cli = startHalted(heron, "after:record_state", "halfway");

        awaitHalted(cli, "after:record_state");
        cli.destroyForcibly();
        assertThat(cli.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        Heron.Result list = heron.run("list", "local");
        Heron.Result kill = heron.run("kill", "local", "halfway");

        assertThat(list.stdout()).containsPattern("halfway +SUBMITTING");
        assertThat(kill.exitCode()).as(kill.toString()).isZero();
        assertThat(Processes.describe(Processes.awaitNoneUnder(home, TIMEOUT))).isEmpty();
        assertNoFileLeft();
    }

    @Test
    void aSubmitThatTimesOutLeavesNoLockFile() {
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
        assertThat(Processes.describe(Processes.awaitNoneUnder(home, TIMEOUT))).isEmpty();
        assertNoFileLeft();
        assertThat(heron.run("list", "local").stdout()).contains("No topologies");
    }

    @Test
    void aFullDiskAtUploadLeavesNoPackageDirectoryOrLock() {
        Path uploads = home.resolve("full-uploads");
        String output = inNamespaceWithTinyDisk(
                uploads, "heron.uploader.localfs.file.system.directory=" + uploads + "/${TOPOLOGY}", "nospace");

        assertThat(output).contains("SUBMIT-EXIT=5").contains("No space left on device");
        assertThat(output).contains("LEFT:\nEND");
        assertThat(output).contains("No topologies");
    }

    @Test
    void aFullDiskAtRecordStateLeavesNoTemporaryStateFile() {
        Path state = home.resolve("full-state");
        String output = inNamespaceWithTinyDisk(state, "heron.statemgr.root.path=" + state, "nospace");

        assertThat(output).contains("SUBMIT-EXIT=5").contains("No space left on device");
        assertThat(output).contains("LEFT:\nEND");
        assertThat(output).contains("No topologies");
    }

    /**
     * Runs a submit with {@code directory} on a 4 KB tmpfs in a private mount namespace, then lists every file
     * left in it (between {@code LEFT:} and {@code END}) and runs {@code heron list}, all inside the namespace.
     */
    private String inNamespaceWithTinyDisk(Path directory, String property, String topology) {
        Heron heron = new Heron(home);
        Path heronBin = heron.install().resolve("bin/heron");
        String script = String.join(
                "\n",
                "set -u",
                "mkdir -p '" + directory + "'",
                "mount -t tmpfs -o size=4k tmpfs '" + directory + "' || exit 97",
                "'" + heronBin + "' submit local '" + heron.examplesJar() + "' io.egret.examples.WordCount " + topology
                        + " --config-property '" + property + "' 2>&1",
                "echo SUBMIT-EXIT=$?",
                "echo LEFT:",
                "find '" + directory + "' -type f",
                "echo END",
                "'" + heronBin + "' list local --config-property '" + property + "' 2>&1");
        ProcessBuilder builder =
                new ProcessBuilder("unshare", "--user", "--map-root-user", "--mount", "sh", "-c", script);
        builder.environment().put("HOME", home.toString());
        builder.environment().put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        builder.environment().put("EGRET_CLI_JAVA_OPTS", "-Duser.home=" + home);
        builder.redirectErrorStream(true);
        try {
            Path output = Files.createTempFile(home, "namespace", ".txt");
            builder.redirectOutput(output.toFile());
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                assumeTrue(false, "unshare is not available: " + e.getMessage());
                throw new AssertionError(e);
            }
            assertThat(process.waitFor(4 * TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                    .isTrue();
            String text = Files.readString(output, UTF_8);
            assumeTrue(
                    process.exitValue() != 97 && !text.contains("unshare: "),
                    "no user and mount namespaces with tmpfs here: " + text);
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private Process startHalted(Heron heron, String haltAt, String topology) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                heron.install().resolve("bin/heron").toString(),
                "submit",
                "local",
                heron.examplesJar().toString(),
                "io.egret.examples.WordCount",
                topology));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("HOME", home.toString());
        builder.environment().put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        builder.environment()
                .put("EGRET_CLI_JAVA_OPTS", "-Duser.home=" + home + " -Degret.test.halt-at-step=" + haltAt);
        builder.redirectOutput(home.resolve("halted.stdout").toFile());
        builder.redirectError(home.resolve("halted.stderr").toFile());
        return builder.start();
    }

    private void awaitHalted(Process cli, String haltAt) throws IOException {
        String expected = "halted " + haltAt.substring(0, haltAt.indexOf(':')) + " step '"
                + haltAt.substring(haltAt.indexOf(':') + 1).replace('_', ' ') + "'";
        // As long as any heron command may take (Heron.run): under load, starting the CLI and loading the
        // topology alone can take tens of seconds.
        Instant deadline = Instant.now().plus(TestTime.scaled(Duration.ofSeconds(120)));
        Path stderr = home.resolve("halted.stderr");
        while (Instant.now().isBefore(deadline)) {
            if (Files.readString(stderr, UTF_8).contains(expected)) {
                return;
            }
            assertThat(cli.isAlive())
                    .as("the CLI ended before halting: " + Files.readString(stderr, UTF_8))
                    .isTrue();
            Processes.sleep(Duration.ofMillis(50));
        }
        throw new AssertionError("the CLI never halted at " + haltAt + ": " + Files.readString(stderr, UTF_8));
    }

    private Path stateRoot() {
        return home.resolve(".herondata/repository/state/local");
    }

    /** No file at all, hidden ones included, in the state store or the uploader's directory. */
    private void assertNoFileLeft() {
        for (Path directory : List.of(stateRoot(), home.resolve(".herondata/repository/topologies"))) {
            if (!Files.isDirectory(directory)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(directory)) {
                assertThat(walk.filter(Files::isRegularFile).map(Path::toString).toList())
                        .as("files left in " + directory)
                        .isEmpty();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
