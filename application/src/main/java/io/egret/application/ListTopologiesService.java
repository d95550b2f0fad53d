package io.egret.application;

import static java.util.Objects.requireNonNull;

import io.egret.domain.lifecycle.ExecutionState;
import io.egret.domain.topology.ClusterTarget;
import io.egret.domain.topology.TopologyName;
import io.egret.ports.in.ListQuery;
import io.egret.ports.in.ListTopologiesUseCase;
import io.egret.ports.in.TopologySummary;
import io.egret.ports.out.StateStorePort;
import io.egret.ports.out.StoredTopology;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code heron list}: the topologies of a cluster, optionally of one role and environ, sorted by name. Partial state
 * is listed too, without an execution state, because it is exactly what an operator has to find and kill.
 */
public final class ListTopologiesService implements ListTopologiesUseCase {
    private final StateStorePort stateStore;

    @Inject
    public ListTopologiesService(StateStorePort stateStore) {
        this.stateStore = requireNonNull(stateStore, "stateStore is null");
    }

    @Override
    public List<TopologySummary> list(ListQuery query) {
        requireNonNull(query, "query is null");
        List<TopologySummary> summaries = new ArrayList<>();
        try {
            for (TopologyName name : stateStore.list()) {
                // A topology killed between listing and reading is simply not there any more.
                Optional<StoredTopology> stored = stateStore.read(name);
                if (stored.isPresent() && matches(stored.get(), query)) {
                    summaries.add(summary(stored.get()));
                }
            }
        } catch (RuntimeException failure) {
            throw Saga.wrap("listing the topologies of " + query.cluster() + " failed", failure);
        }
        return summaries;
    }

    /** Partial state has no recorded target; it lives in this cluster's store, so it is listed. */
    private static boolean matches(StoredTopology stored, ListQuery query) {
        if (stored.executionState().isEmpty()) {
            return true;
        }
        ClusterTarget target =
                stored.executionState().map(ExecutionState::target).orElseThrow();
        return target.cluster().equals(query.cluster())
                && query.role().map(role -> role.equals(target.role())).orElse(true)
                && query.environ()
                        .map(environ -> environ.equals(target.environ()))
                        .orElse(true);
    }

    private static TopologySummary summary(StoredTopology stored) {
        int containers =
                stored.packingPlan().map(plan -> plan.containers().size()).orElse(0);
        return new TopologySummary(stored.name(), stored.executionState(), containers);
    }
}
