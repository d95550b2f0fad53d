package io.egret.adapters.local.scheduler;

import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Ends recorded processes: the scheduler service first, so that it restarts nothing, then executor groups. */
final class RecordedProcesses {
    private RecordedProcesses() {}

    /**
     * @param waitForScheduler whether the scheduler acknowledged a kill and gets {@code grace} to exit by itself
     * @return what still runs after {@code timeout}, for the error message; empty when everything ended
     */
    static List<String> end(List<ProcessRecord> records, Duration grace, Duration timeout, boolean waitForScheduler) {
        List<String> survivors = new ArrayList<>();
        try {
            for (ProcessRecord record : records) {
                if (record.isScheduler()) {
                    Optional<ProcessHandle> service = record.process();
                    if (waitForScheduler && service.isPresent()) {
                        waitForExit(service.get(), grace);
                    }
                    endScheduler(record, grace, timeout).ifPresent(survivors::add);
                }
            }
            List<Long> groups = new ArrayList<>();
            for (ProcessRecord record : records) {
                if (!record.isScheduler() && record.isAlive()) {
                    groups.add(record.groupId() != 0 ? record.groupId() : record.pid());
                }
            }
            for (long group : ProcessGroups.terminate(groups, grace, timeout)) {
                survivors.add("process group " + group);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EgretException(ErrorCode.INTERNAL, "interrupted while ending processes", e);
        }
        return survivors;
    }

    private static Optional<String> endScheduler(ProcessRecord record, Duration grace, Duration timeout)
            throws InterruptedException {
        if (!record.isAlive()) {
            return Optional.empty();
        }
        if (record.groupId() != 0) {
            List<Long> left = ProcessGroups.terminate(List.of(record.groupId()), grace, timeout);
            return left.isEmpty() ? Optional.empty() : Optional.of("scheduler process group " + record.groupId());
        }
        Optional<ProcessHandle> process = record.process();
        if (process.isEmpty()) {
            return Optional.empty();
        }
        process.get().destroy();
        if (waitForExit(process.get(), grace)) {
            return Optional.empty();
        }
        process.get().destroyForcibly();
        return waitForExit(process.get(), timeout)
                ? Optional.empty()
                : Optional.of("scheduler process " + record.pid());
    }

    /** Whether the process ended within {@code timeout} (a zombie has ended: only its parent's bookkeeping is left). */
    private static boolean waitForExit(ProcessHandle process, Duration timeout) throws InterruptedException {
        return ProcessGroups.awaitEnd(process.pid(), timeout);
    }
}
