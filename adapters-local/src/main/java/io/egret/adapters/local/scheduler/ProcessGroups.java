package io.egret.adapters.local.scheduler;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Finds and ends process groups. Executors run in their own session ({@code setsid}), so an executor's process
 * id is also the id of a group that holds everything it started; ending the group leaves nothing behind, even
 * when the executor itself already exited and its children were re-parented.
 *
 * <p>Group members are read from {@code /proc} (Linux), so no {@code ps} output is parsed. Zombies count as gone.
 */
final class ProcessGroups {
    private static final Path PROC = Path.of("/proc");
    private static final long POLL_MILLIS = 50;

    private ProcessGroups() {}

    /** The live members of the process group, its leader included. */
    static List<ProcessHandle> members(long groupId) {
        List<ProcessHandle> members = new ArrayList<>();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(PROC, ProcessGroups::isProcessDirectory)) {
            for (Path process : processes) {
                Optional<long[]> stat = readStat(process);
                if (stat.isPresent() && stat.get()[1] == groupId) {
                    ProcessHandle.of(stat.get()[0]).ifPresent(members::add);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list processes in " + PROC + ": " + e, e);
        }
        return members;
    }

    /**
     * The groups of live processes whose environment holds {@code variable=value} (read from
     * {@code /proc/<pid>/environ}; processes of other users are not readable and not found), this process's own
     * group left out.
     */
    static List<Long> groupsMarkedWith(String variable, String value) {
        byte[] marker = (variable + "=" + value + "\u0000").getBytes(UTF_8);
        long self = ProcessHandle.current().pid();
        Optional<Long> ownGroup = groupOf(self);
        java.util.Set<Long> groups = new java.util.TreeSet<>();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(PROC, ProcessGroups::isProcessDirectory)) {
            for (Path process : processes) {
                byte[] environment;
                try {
                    environment = Files.readAllBytes(process.resolve("environ"));
                } catch (IOException e) {
                    continue;
                }
                if (!contains(environment, marker)) {
                    continue;
                }
                Optional<long[]> stat = readStat(process);
                if (stat.isPresent() && stat.get()[0] != self && !ownGroup.equals(Optional.of(stat.get()[1]))) {
                    groups.add(stat.get()[1]);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list processes in " + PROC + ": " + e, e);
        }
        return List.copyOf(groups);
    }

    /** Whether {@code entry} (NUL-terminated) is one of the NUL-separated entries of {@code environment}. */
    private static boolean contains(byte[] environment, byte[] entry) {
        for (int start = 0; start + entry.length <= environment.length; ) {
            if (java.util.Arrays.equals(environment, start, start + entry.length, entry, 0, entry.length)) {
                return true;
            }
            int end = start;
            while (end < environment.length && environment[end] != 0) {
                end++;
            }
            start = end + 1;
        }
        return false;
    }

    /** The process group of a live process. */
    /**
     * Whether the process runs: a zombie does not. {@link ProcessHandle#isAlive} counts a zombie as alive, and a
     * service whose parent (the CLI that started it) is gone stays a zombie until init reaps it, which may take
     * seconds: a kill must not wait for that.
     */
    static boolean isRunning(long pid) {
        return readStat(Path.of("/proc", Long.toString(pid))).isPresent();
    }

    /** Waits until the process no longer runs; true if it ended within {@code timeout}. */
    static boolean awaitEnd(long pid, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (isRunning(pid)) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.sleep(POLL_MILLIS);
        }
        return true;
    }

    static Optional<Long> groupOf(long pid) {
        return readStat(PROC.resolve(Long.toString(pid))).map(stat -> stat[1]);
    }

    /** Whether any process of the group is still alive. */
    static boolean isAlive(long groupId) {
        return !members(groupId).isEmpty();
    }

    /**
     * Asks every member of every group to terminate (SIGTERM), waits up to {@code grace}, then kills what is left
     * (SIGKILL) and waits up to {@code timeout} more.
     *
     * @return the groups that still have live members
     */
    static List<Long> terminate(Collection<Long> groupIds, Duration grace, Duration timeout)
            throws InterruptedException {
        List<Long> remaining = awaitGone(groupIds, grace, false);
        if (remaining.isEmpty()) {
            return remaining;
        }
        return awaitGone(remaining, timeout, true);
    }

    private static void signal(long groupId, boolean forcibly) {
        for (ProcessHandle member : members(groupId)) {
            if (member.pid() == ProcessHandle.current().pid()) {
                continue;
            }
            if (forcibly) {
                member.destroyForcibly();
            } else {
                member.destroy();
            }
        }
    }

    private static List<Long> awaitGone(Collection<Long> groupIds, Duration timeout, boolean forcibly)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Long> remaining = new ArrayList<>(groupIds);
        while (true) {
            // Signalled on every round: a member may have forked after the previous signal.
            for (long groupId : remaining) {
                signal(groupId, forcibly);
            }
            remaining.removeIf(groupId -> !isAlive(groupId));
            if (remaining.isEmpty() || System.nanoTime() - deadline >= 0) {
                return remaining;
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    private static boolean isProcessDirectory(Path path) {
        String name = path.getFileName().toString();
        return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
    }

    /** {pid, process group id} of a live (non-zombie) process, or empty if it is gone or a zombie. */
    private static Optional<long[]> readStat(Path process) {
        String stat;
        try {
            stat = Files.readString(process.resolve("stat"), UTF_8);
        } catch (IOException e) {
            // The process exited between listing /proc and reading its stat file (ENOENT or ESRCH): it is gone.
            return Optional.empty();
        }
        // "pid (command) state ppid pgrp ...": the command may contain spaces and parentheses, so split after the
        // last ')'.
        int commandEnd = stat.lastIndexOf(')');
        if (commandEnd < 0) {
            return Optional.empty();
        }
        String[] fields = stat.substring(commandEnd + 2).split(" ");
        String state = fields[0];
        if (state.equals("Z") || state.equals("X")) {
            return Optional.empty();
        }
        long pid = Long.parseLong(stat.substring(0, stat.indexOf(' ')));
        return Optional.of(new long[] {pid, Long.parseLong(fields[2])});
    }
}
