package io.egret.application.testing;

import static java.util.Objects.requireNonNull;

import io.egret.domain.error.EgretException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts calls per named operation (such as {@code stateStore.create}) and throws at the call it was told to fail.
 * Shared by all fakes of one test, so a test can fail any step of an operation by its name.
 */
public final class FaultInjector {
    private final Map<String, Integer> calls = new TreeMap<>();
    private final Map<String, List<Fault>> faults = new HashMap<>();
    private final Map<String, Map<Integer, Runnable>> interleavings = new HashMap<>();

    /** Fails the first call of {@code operation} with an UNREACHABLE {@link EgretException}. */
    public void failOn(String operation) {
        failOn(operation, 1, injected(operation));
    }

    /** Fails every call of {@code operation}, from the first on. */
    public void failAlwaysOn(String operation) {
        faults.computeIfAbsent(operation, key -> new ArrayList<>()).add(new Fault(1, true, injected(operation)));
    }

    /**
     * Fails the {@code nthCall}th call of {@code operation} (counting from 1) with {@code failure}, in addition to
     * the faults already set for it.
     */
    public void failOn(String operation, int nthCall, RuntimeException failure) {
        requireNonNull(operation, "operation is null");
        requireNonNull(failure, "failure is null");
        if (nthCall < 1) {
            throw new IllegalArgumentException("nthCall must be at least 1, got " + nthCall);
        }
        faults.computeIfAbsent(operation, key -> new ArrayList<>()).add(new Fault(nthCall, false, failure));
    }

    /**
     * Runs {@code action} at the start of the {@code nthCall}th call of {@code operation}, before the call does
     * anything: how a test lets another process act in between two steps.
     */
    public void beforeCall(String operation, int nthCall, Runnable action) {
        requireNonNull(operation, "operation is null");
        requireNonNull(action, "action is null");
        interleavings.computeIfAbsent(operation, key -> new HashMap<>()).put(nthCall, action);
    }

    /** Stops failing {@code operation} at all. */
    public void heal(String operation) {
        faults.remove(operation);
    }

    /** Called by a fake at the start of {@code operation}; throws when this call is to fail. */
    public void check(String operation) {
        int call = calls.merge(operation, 1, Integer::sum);
        Runnable action = interleavings.getOrDefault(operation, Map.of()).get(call);
        if (action != null) {
            action.run();
        }
        for (Fault fault : faults.getOrDefault(operation, List.of())) {
            if (call == fault.nthCall() || (fault.always() && call >= fault.nthCall())) {
                throw fault.failure();
            }
        }
    }

    /** How often {@code operation} was called. */
    public int calls(String operation) {
        return calls.getOrDefault(operation, 0);
    }

    /** Every operation called so far, sorted. */
    public List<String> calledOperations() {
        return List.copyOf(calls.keySet());
    }

    /** Forgets the call counts (keeps the faults): lets a test set things up before the operation under test. */
    public void resetCounts() {
        calls.clear();
    }

    private static EgretException injected(String operation) {
        return EgretException.unreachable("injected failure at " + operation, null);
    }

    private record Fault(int nthCall, boolean always, RuntimeException failure) {}
}
