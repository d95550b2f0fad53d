package io.egret.adapters.local.scheduler;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A process the local scheduler started, as recorded in the sandbox so that a later {@code kill} finds it even
 * when the scheduler service is gone. The start time guards against a recycled process id: a live process with
 * that id but another start time is someone else's.
 *
 * @param containerId the executor's container, or {@link #SCHEDULER} for the scheduler service itself
 * @param groupId the process group the process leads (executors); equals the pid
 */
record ProcessRecord(String topologyId, int containerId, long pid, long groupId, Instant startedAt) {
    static final int SCHEDULER = -1;

    ProcessRecord {
        requireNonNull(topologyId, "topologyId is null");
        requireNonNull(startedAt, "startedAt is null");
    }

    /** A record of a running process, with the start time the OS reports for it. */
    static ProcessRecord of(String topologyId, int containerId, ProcessHandle process, boolean leadsGroup) {
        Instant started = process.info().startInstant().orElse(Instant.EPOCH);
        return new ProcessRecord(topologyId, containerId, process.pid(), leadsGroup ? process.pid() : 0, started);
    }

    boolean isScheduler() {
        return containerId == SCHEDULER;
    }

    /** The live process this record describes; empty if it exited or its id now belongs to another process. */
    Optional<ProcessHandle> process() {
        return ProcessHandle.of(pid)
                .filter(handle -> ProcessGroups.isRunning(handle.pid()))
                .filter(handle -> startedAt.equals(Instant.EPOCH)
                        || handle.info().startInstant().map(startedAt::equals).orElse(true));
    }

    /**
     * Whether anything this record stands for still runs: the process, or for an executor any member of its
     * group (children outlive an executor that crashed). A recycled leader id means the group is gone: Linux does
     * not hand out an id that is still used by a process group.
     */
    boolean isAlive() {
        if (process().isPresent()) {
            return true;
        }
        if (groupId == 0 || ProcessHandle.of(pid).isPresent()) {
            return false;
        }
        return ProcessGroups.isAlive(groupId);
    }

    void write(Path file) throws IOException {
        String content = "topologyId=" + topologyId + "\ncontainerId=" + containerId + "\npid=" + pid + "\ngroupId="
                + groupId + "\nstartedAt=" + startedAt + "\n";
        Files.createDirectories(file.getParent());
        Path temporary = file.resolveSibling("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
        Files.writeString(temporary, content, UTF_8);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static ProcessRecord read(Path file) throws IOException {
        Map<String, String> values = new HashMap<>();
        for (String line : Files.readAllLines(file, UTF_8)) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                values.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        try {
            return new ProcessRecord(
                    requireNonNull(values.get("topologyId"), "topologyId"),
                    Integer.parseInt(requireNonNull(values.get("containerId"), "containerId")),
                    Long.parseLong(requireNonNull(values.get("pid"), "pid")),
                    Long.parseLong(requireNonNull(values.get("groupId"), "groupId")),
                    Instant.parse(requireNonNull(values.get("startedAt"), "startedAt")));
        } catch (RuntimeException e) {
            throw new IOException("process record " + file + " is corrupt: " + e.getMessage(), e);
        }
    }
}
