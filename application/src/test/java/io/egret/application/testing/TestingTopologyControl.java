package io.egret.application.testing;

import static java.util.Objects.requireNonNull;

import io.egret.domain.error.EgretException;
import io.egret.domain.lifecycle.TopologyState;
import io.egret.domain.runtime.TopologyMasterLocation;
import io.egret.domain.topology.RuntimeConfigChange;
import io.egret.ports.out.ComponentStatistics;
import io.egret.ports.out.TopologyControlPort;
import io.egret.ports.out.TopologyRuntimeStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A topology master per running job on the {@link TestingCluster}: it answers when its container 0 runs and its
 * incarnation matches the location's topology id, and reports a container alive when it runs. Fault points are
 * {@code control.<method>}.
 */
public final class TestingTopologyControl implements TopologyControlPort {
    private final FaultInjector faults;
    private final TestingCluster cluster;
    private final List<String> calls = new ArrayList<>();
    private final Set<Integer> hiddenContainers = new TreeSet<>();

    public TestingTopologyControl(FaultInjector faults, TestingCluster cluster) {
        this.faults = requireNonNull(faults, "faults is null");
        this.cluster = requireNonNull(cluster, "cluster is null");
    }

    @Override
    public synchronized void activate(TopologyMasterLocation master) {
        faults.check("control.activate");
        job(master).state(TopologyState.RUNNING);
        calls.add("activate " + master.topologyId());
    }

    @Override
    public synchronized void deactivate(TopologyMasterLocation master) {
        faults.check("control.deactivate");
        job(master).state(TopologyState.PAUSED);
        calls.add("deactivate " + master.topologyId());
    }

    @Override
    public synchronized void updateRuntimeConfig(TopologyMasterLocation master, List<RuntimeConfigChange> changes) {
        faults.check("control.updateRuntimeConfig");
        job(master);
        calls.add("runtime-config " + master.topologyId() + " "
                + changes.stream().map(RuntimeConfigChange::item).toList());
    }

    @Override
    public synchronized TopologyRuntimeStatus status(TopologyMasterLocation master) {
        faults.check("control.status");
        TestingCluster.Job job = job(master);
        Map<Integer, Boolean> alive = new TreeMap<>();
        for (int container : job.containers()) {
            if (container > 0) {
                alive.put(container, !hiddenContainers.contains(container));
            }
        }
        return new TopologyRuntimeStatus(job.state(), List.of(new ComponentStatistics("word", 1, 10, 0)), alive);
    }

    /** Makes a container look as if its stream manager never registers. */
    public synchronized void hideContainer(int containerId) {
        hiddenContainers.add(containerId);
    }

    /**
     * Calls that reached a master, as {@code activate <topology id>}, {@code deactivate <topology id>} or
     * {@code runtime-config <topology id> [item, ...]}.
     */
    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    private TestingCluster.Job job(TopologyMasterLocation master) {
        return cluster.jobOf(master.topologyId())
                .filter(job -> job.containers().contains(0))
                .orElseThrow(() -> EgretException.unreachable(
                        "no topology master answers at " + master.controllerEndpoint(), null));
    }
}
