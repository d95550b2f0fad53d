package io.egret.e2e;

import io.egret.testsupport.TestTime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Installs of the built distribution in other places, made the way operators make them: {@code cp -a} of the
 * layout, the tarball unpacked, a symbolic link to an install. Nothing of an install may depend on where it was
 * built.
 */
final class Installs {
    private static Path copied;

    private Installs() {}

    /** One copy of the built install per test JVM, shared by every test that does not ask for another. */
    static synchronized Path copied() {
        if (copied == null) {
            try {
                Path parent = Files.createTempDirectory("egret-install-");
                copied = copyTo(parent.resolve("egret"));
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(parent)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return copied;
    }

    /** {@code cp -a BUILT target}. */
    static Path copyTo(Path target) {
        run(List.of("cp", "-a", Heron.distribution().toString(), target.toString()));
        return target;
    }

    /** The distribution's {@code egret.tar.gz} unpacked into {@code directory}; returns its {@code egret/}. */
    static Path unpackTarballInto(Path directory) {
        Path tarball = Heron.distribution().resolveSibling("egret.tar.gz");
        if (!Files.isRegularFile(tarball)) {
            throw new IllegalStateException("no tarball at " + tarball + "; build it with 'mvn package' first");
        }
        run(List.of("tar", "-xzf", tarball.toString(), "-C", directory.toString()));
        return directory.resolve("egret");
    }

    /** A symbolic link at {@code link} to {@code install}. */
    static Path linkTo(Path install, Path link) {
        try {
            return Files.createSymbolicLink(link, install);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).inheritIO().start();
            Duration deadline = TestTime.scaled(Duration.ofSeconds(120));
            if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not finish in " + deadline);
            }
            if (process.exitValue() != 0) {
                throw new AssertionError(command + " failed with exit code " + process.exitValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static void deleteQuietly(Path directory) {
        try {
            new ProcessBuilder("rm", "-rf", directory.toString()).start().waitFor();
        } catch (IOException e) {
            // best effort at JVM exit: the directory is under the temporary directory
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
