package io.egret.adapters.local.scheduler;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The working directory of one local topology ({@code heron.scheduler.local.working.directory}), laid out as
 * Heron's: {@code heron-core/}, the unpacked topology package, {@code heron-executor-<N>.stdout|stderr} per
 * container, and the scheduler service's output. Egret adds {@code pids/}: one record per started process.
 */
public record Sandbox(Path directory) {
    /**
     * Set to the sandbox directory in the environment of every process the local scheduler starts (inherited by
     * their children): how a kill finds a topology's processes that no record names.
     */
    public static final String MARKER_VARIABLE = "EGRET_SANDBOX";

    /** The scheduler service's output file. */
    public static final String SCHEDULER_OUTPUT = "heron-scheduler.stderr";

    public Sandbox {
        requireNonNull(directory, "directory is null");
        directory = directory.toAbsolutePath().normalize();
    }

    public Path coreDirectory() {
        return directory.resolve("heron-core");
    }

    public Path schedulerOutput() {
        return directory.resolve(SCHEDULER_OUTPUT);
    }

    public Path executorStdout(int containerId) {
        return directory.resolve("heron-executor-" + containerId + ".stdout");
    }

    public Path executorStderr(int containerId) {
        return directory.resolve("heron-executor-" + containerId + ".stderr");
    }

    Path processesDirectory() {
        return directory.resolve("pids");
    }

    Path schedulerRecord() {
        return processesDirectory().resolve("scheduler.pid");
    }

    Path containerRecord(int containerId) {
        return processesDirectory().resolve("container-" + containerId + ".pid");
    }

    /**
     * Records the scheduler service process, so that a kill can end it (and find the sandbox's executors) when
     * it no longer answers.
     */
    public void recordScheduler(String topologyId, ProcessHandle process) throws IOException {
        boolean leadsGroup = ProcessGroups.groupOf(process.pid())
                .map(group -> group == process.pid())
                .orElse(false);
        recordScheduler(topologyId, process, leadsGroup);
    }

    /** Records the scheduler service process, stating whether it leads its own process group. */
    void recordScheduler(String topologyId, ProcessHandle process, boolean leadsGroup) throws IOException {
        ProcessRecord.of(topologyId, ProcessRecord.SCHEDULER, process, leadsGroup)
                .write(schedulerRecord());
    }

    /** Every process record in the sandbox: the scheduler's first, then containers'. */
    List<ProcessRecord> processRecords() throws IOException {
        List<ProcessRecord> records = new ArrayList<>();
        if (!Files.isDirectory(processesDirectory())) {
            return records;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(processesDirectory(), "*.pid")) {
            for (Path file : files) {
                try {
                    records.add(ProcessRecord.read(file));
                } catch (NoSuchFileException e) {
                    // Deleted between listing and reading: its process ended and its owner removed the record.
                    continue;
                }
            }
        }
        records.sort((left, right) -> Integer.compare(left.containerId(), right.containerId()));
        return records;
    }
}
