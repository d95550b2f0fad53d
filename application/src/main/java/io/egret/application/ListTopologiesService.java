package io.egret.application;

import static java.util.Objects.requireNonNull;

import io.egret.domain.lifecycle.ExecutionState;
import io.egret.domain.topology.ClusterTarget;
import io.egret.domain.topology.TopologyName;
import io.egret.ports.in.ListQuery;
import io.egret.ports.in.ListTopologiesUseCase;
import io.egret.ports.in.TopologySummary;
import io.egret.ports.out.StateNode;
import io.egret.ports.out.StateStorePort;
import io.egret.ports.out.StoredTopology;
import io.egret.ports.out.UploaderPort;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code heron list}: the topologies of a cluster, optionally of one role and environ, sorted by name. Partial and
 * damaged state is listed too, without an execution state, because it is exactly what an operator has to find and
 * kill; so are names that have no record at all but an uploaded package or a lock left by a crashed submit.
 */
public final class ListTopologiesService implements ListTopologiesUseCase {
    private static final String PACKAGE = "uploaded package";
    private static final String LOCK = "lock";

    private final StateStorePort stateStore;
    private final UploaderPort uploader;

    @Inject
    public ListTopologiesService(StateStorePort stateStore, UploaderPort uploader) {
        this.stateStore = requireNonNull(stateStore, "stateStore is null");
        this.uploader = requireNonNull(uploader, "uploader is null");
    }

    @Override
    public List<TopologySummary> list(ListQuery query) {
        requireNonNull(query, "query is null");
        Map<TopologyName, TopologySummary> summaries = new TreeMap<>();
        try {
            List<TopologyName> names = stateStore.list();
            for (TopologyName name : names) {
                // A topology killed between listing and reading is simply not there any more.
                Optional<StoredTopology> stored = stateStore.read(name);
                if (stored.isPresent() && matches(stored.get(), query)) {
                    summaries.put(name, summary(stored.get()));
                }
            }
            Map<TopologyName, List<String>> leftovers = new TreeMap<>();
            for (TopologyName name : uploader.topologiesWithPackages(query.cluster(), query.role(), query.environ())) {
                if (!names.contains(name)) {
                    leftovers.computeIfAbsent(name, key -> new ArrayList<>()).add(PACKAGE);
                }
            }
            for (TopologyName name : stateStore.leftovers()) {
                leftovers.computeIfAbsent(name, key -> new ArrayList<>()).add(LOCK);
            }
            leftovers.forEach((name, what) ->
                    summaries.putIfAbsent(name, new TopologySummary(name, Optional.empty(), 0, List.of(), what)));
        } catch (RuntimeException failure) {
            throw Saga.wrap("listing the topologies of " + query.cluster() + " failed", failure);
        }
        return List.copyOf(summaries.values());
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
        List<String> damaged = stored.damaged().keySet().stream()
                .map(StateNode::directory)
                .sorted()
                .toList();
        return new TopologySummary(stored.name(), stored.executionState(), containers, damaged, List.of());
    }
}
