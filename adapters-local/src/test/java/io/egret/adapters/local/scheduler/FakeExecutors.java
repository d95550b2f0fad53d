package io.egret.adapters.local.scheduler;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.egret.adapters.local.testing.TestingProcesses;
import io.egret.testsupport.TestTime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Shell scripts that stand in for {@code heron-executor}. Each finds its container in a {@code --shard=N}
 * argument (or takes the first argument), appends its pid to {@code starts-N.log} in its working directory, and
 * the long-running one starts a grandchild {@code sleep} whose pid it writes to {@code grandchild-N.pid}: a kill
 * that leaves the grandchild behind did not end the process group.
 */
final class FakeExecutors {
    private static final String FIND_SHARD = "shard=\"$1\"\n"
            + "for argument in \"$@\"; do case \"$argument\" in --shard=*) shard=\"${argument#--shard=}\";; esac; done\n";

    private FakeExecutors() {}

    /** Runs until killed, with a grandchild process. */
    static Path longRunning(Path directory) throws IOException {
        return script(
                directory.resolve("heron-executor"),
                FIND_SHARD
                        + "echo $$ >> \"starts-$shard.log\"\n"
                        + "sleep 600 &\n"
                        + "echo $! > \"grandchild-$shard.pid\"\n"
                        + "wait\n");
    }

    /** Fails at once with status 7. */
    static Path failing(Path directory) throws IOException {
        return script(
                directory.resolve("failing-executor"),
                FIND_SHARD + "echo $$ >> \"starts-$shard.log\"\necho \"boom in $shard\" >&2\nexit 7\n");
    }

    static Path script(Path file, String body) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n" + body, UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    /** The pids that started container {@code containerId} so far, oldest first. */
    static List<Long> starts(Path sandbox, int containerId) {
        Path log = sandbox.resolve("starts-" + containerId + ".log");
        try {
            return Files.exists(log)
                    ? Files.readAllLines(log, UTF_8).stream()
                            .filter(line -> !line.isBlank())
                            .map(line -> Long.parseLong(line.strip()))
                            .toList()
                    : List.of();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The current grandchild of container {@code containerId}, once it was started. */
    static Optional<Long> grandchild(Path sandbox, int containerId) {
        Path file = sandbox.resolve("grandchild-" + containerId + ".pid");
        try {
            String content = Files.exists(file) ? Files.readString(file, UTF_8).strip() : "";
            return content.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(content));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the process runs; zombies are dead, their parent just did not reap them yet. */
    static boolean isAlive(long pid) {
        return TestingProcesses.isRunning(pid);
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        TestTime.await(what, timeout, condition);
    }
}
