package io.egret.adapters.aurora.scheduler;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The jobs whose launch in this process was refused before {@code aurora job create} ran (the job file failed
 * its check, or the client is not installed). Undoing such a launch kills nothing: no job can exist from it, and
 * running {@code killall} (or failing to, without a client) would only make a clean refusal look half-done.
 */
public final class LaunchLedger {
    private final Set<String> refusedBeforeCreate = ConcurrentHashMap.newKeySet();

    void refusedBeforeCreate(String jobKey) {
        refusedBeforeCreate.add(jobKey);
    }

    void createRan(String jobKey) {
        refusedBeforeCreate.remove(jobKey);
    }

    boolean wasRefusedBeforeCreate(String jobKey) {
        return refusedBeforeCreate.contains(jobKey);
    }
}
