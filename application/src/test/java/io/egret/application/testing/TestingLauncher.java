package io.egret.application.testing;

import static java.util.Objects.requireNonNull;

import io.egret.domain.lifecycle.TopologyState;
import io.egret.domain.packing.ContainerPlan;
import io.egret.domain.runtime.TopologyMasterLocation;
import io.egret.domain.topology.TopologyName;
import io.egret.ports.out.LaunchRequest;
import io.egret.ports.out.LauncherPort;
import io.egret.ports.out.StateStorePort;
import java.util.Set;
import java.util.TreeSet;

/**
 * Starts container 0 and every planned container on the {@link TestingCluster}. Like a real topology master, the
 * started master records its location in the state store, unless told not to (a master that never comes up).
 *
 * <p>Fault points: {@code launcher.launch} before anything starts, {@code launcher.afterStart} once the containers
 * run (a launch that fails half-way).
 */
public final class TestingLauncher implements LauncherPort {
    public static final int CONTROLLER_PORT = 8080;

    private final FaultInjector faults;
    private final TestingCluster cluster;
    private final StateStorePort stateStore;
    private boolean masterRegisters = true;
    private int launches;

    public TestingLauncher(FaultInjector faults, TestingCluster cluster, StateStorePort stateStore) {
        this.faults = requireNonNull(faults, "faults is null");
        this.cluster = requireNonNull(cluster, "cluster is null");
        this.stateStore = requireNonNull(stateStore, "stateStore is null");
    }

    @Override
    public synchronized void launch(LaunchRequest request) {
        faults.check("launcher.launch");
        launches++;
        TopologyName name = request.definition().name();
        Set<Integer> containers = new TreeSet<>();
        containers.add(0);
        for (ContainerPlan container : request.packingPlan().containers()) {
            containers.add(container.id());
        }
        // The fake master always reports RUNNING: no test here depends on what a deactivated deploy shows.
        cluster.start(name, request.executionState().id(), containers, TopologyState.RUNNING);
        faults.check("launcher.afterStart");
        if (masterRegisters) {
            stateStore.putTopologyMasterLocation(
                    name,
                    new TopologyMasterLocation(
                            request.executionState().id(), "master-" + name, CONTROLLER_PORT, CONTROLLER_PORT + 1));
        }
    }

    /** Whether the started topology master records its location (false: a master that never comes up). */
    public synchronized void masterRegisters(boolean registers) {
        masterRegisters = registers;
    }

    public synchronized int launches() {
        return launches;
    }
}
