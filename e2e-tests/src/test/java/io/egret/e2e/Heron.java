package io.egret.e2e;

import static java.util.Objects.requireNonNull;

import io.egret.testsupport.TestTime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the distribution's {@code bin/heron} as a separate process with its own {@code HOME}, so that every
 * {@code ${HOME}/.herondata} path of the stock config lands in a temporary directory. By default it runs a copy of
 * the built install made elsewhere, as an operator's install is, never the build directory itself.
 */
final class Heron {
    private final Path distribution;
    private final Path home;
    private final Map<String, String> extraEnvironment;

    Heron(Path home) {
        this(home, Installs.copied());
    }

    /** Runs the install at {@code distribution}: a copy, an unpacked tarball or a link to one. */
    Heron(Path home, Path distribution) {
        this(home, distribution, Map.of());
    }

    private Heron(Path home, Path distribution, Map<String, String> extraEnvironment) {
        this.distribution = requireNonNull(distribution, "distribution is null");
        this.home = requireNonNull(home, "home is null");
        this.extraEnvironment = Map.copyOf(extraEnvironment);
    }

    /** The same CLI with more environment variables (a cluster manager's client on the PATH, say). */
    Heron withEnvironment(Map<String, String> environment) {
        return new Heron(home, distribution, environment);
    }

    /** Where the build put the install; tests run copies of it (see {@link Installs}). */
    static Path distribution() {
        Path path = Path.of(System.getProperty("egret.distribution", "../distribution/target/egret"))
                .toAbsolutePath()
                .normalize();
        if (!Files.isExecutable(path.resolve("bin/heron"))) {
            throw new IllegalStateException("no distribution at " + path + "; build it with 'mvn package' first");
        }
        return path;
    }

    Path install() {
        return distribution;
    }

    Path home() {
        return home;
    }

    Path examplesJar() {
        return distribution.resolve("examples/egret-examples.jar");
    }

    Result run(String... arguments) {
        return run("bin/heron", List.of(arguments));
    }

    Result run(String program, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(distribution.resolve(program).toString());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> environment = builder.environment();
        environment.put("HOME", home.toString());
        environment.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        // The CLI must pass user.home from HOME: the JVM reads it from the password database, so set it too.
        environment.put("EGRET_CLI_JAVA_OPTS", "-Duser.home=" + home);
        environment.putAll(extraEnvironment);
        try {
            Path stdout = Files.createTempFile(home, "stdout", ".txt");
            Path stderr = Files.createTempFile(home, "stderr", ".txt");
            builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
            Process process = builder.start();
            long deadline = TestTime.scaled(Duration.ofSeconds(120)).toMillis();
            if (!process.waitFor(deadline, TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError("heron " + arguments + " did not finish in " + deadline + " ms");
            }
            return new Result(
                    process.exitValue(),
                    Files.readString(stdout, StandardCharsets.UTF_8),
                    Files.readString(stderr, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** What a command printed and how it exited. */
    record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }
}
