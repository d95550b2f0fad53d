package io.egret.e2e;

import io.egret.testsupport.TestTime;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** The processes a test's cluster started: every one of them mentions the test's own home directory. */
final class Processes {
    private Processes() {}

    static List<ProcessHandle> under(Path home) {
        String marker = home.toString();
        return ProcessHandle.allProcesses()
                .filter(process -> commandLine(process).contains(marker))
                .toList();
    }

    /** pid, state and command line of each process, for assertion messages. */
    static List<String> describe(List<ProcessHandle> processes) {
        return processes.stream()
                .map(process -> process.pid() + " " + state(process) + " " + commandLine(process))
                .toList();
    }

    private static String state(ProcessHandle process) {
        try {
            String stat = java.nio.file.Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            return "state=" + stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
        } catch (java.io.IOException | RuntimeException e) {
            return "state=?";
        }
    }

    static List<ProcessHandle> matching(Path home, Predicate<String> commandLine) {
        return under(home).stream()
                .filter(process -> commandLine.test(commandLine(process)))
                .toList();
    }

    /**
     * The {@code -Xmx} of every executor JVM under {@code home} (those {@code bin/heron-executor} started: its
     * {@code -Dsun.net.httpserver.nodelay} marks them), such as {@code 256m}; {@code none} for one without.
     */
    static List<String> executorHeaps(Path home) {
        return matching(home, line -> line.contains(" -Dsun.net.httpserver.nodelay=true ")).stream()
                .map(process -> java.util.Arrays.stream(commandLine(process).split(" "))
                        .filter(argument -> argument.startsWith("-Xmx"))
                        .map(argument -> argument.substring("-Xmx".length()))
                        .findFirst()
                        .orElse("none"))
                .toList();
    }

    static String commandLine(ProcessHandle process) {
        ProcessHandle.Info info = process.info();
        Optional<String[]> arguments = info.arguments();
        return info.command().orElse("") + " "
                + arguments.map(values -> String.join(" ", values)).orElse("");
    }

    /** Waits until no process of the test's cluster is left; returns those still alive at the deadline. */
    static List<ProcessHandle> awaitNoneUnder(Path home, Duration timeout) {
        Instant deadline = Instant.now().plus(TestTime.scaled(timeout));
        List<ProcessHandle> alive = under(home);
        while (!alive.isEmpty() && Instant.now().isBefore(deadline)) {
            sleep(Duration.ofMillis(100));
            alive = under(home);
        }
        return alive;
    }

    /** Ends whatever a failed test left behind, so that one failure does not leak into the next test. */
    static void killAllUnder(Path home) {
        under(home).forEach(ProcessHandle::destroyForcibly);
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
