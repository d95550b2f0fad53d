package io.egret.application.testing;

import static java.util.Objects.requireNonNull;

import io.egret.domain.error.EgretException;
import io.egret.domain.packing.ContainerPlan;
import io.egret.ports.out.ContainerStatus;
import io.egret.ports.out.SchedulerCapabilities;
import io.egret.ports.out.SchedulerPort;
import io.egret.ports.out.TopologyHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Controls the containers on the {@link TestingCluster}, finding jobs by topology name as cluster managers do.
 * Fault points are {@code scheduler.<method>}, where a failing call changes nothing, and
 * {@code scheduler.afterAddContainers} and {@code scheduler.afterRemoveContainers}, where a call fails after it
 * started or stopped the containers (a cluster manager that times out after acting).
 */
public final class TestingScheduler implements SchedulerPort {
    private final FaultInjector faults;
    private final TestingCluster cluster;
    private final List<String> restarts = new ArrayList<>();
    private final List<TopologyHandle> kills = new ArrayList<>();
    private SchedulerCapabilities capabilities = SchedulerCapabilities.all();

    public TestingScheduler(FaultInjector faults, TestingCluster cluster) {
        this.faults = requireNonNull(faults, "faults is null");
        this.cluster = requireNonNull(cluster, "cluster is null");
    }

    @Override
    public synchronized SchedulerCapabilities capabilities() {
        return capabilities;
    }

    @Override
    public synchronized void kill(TopologyHandle topology, Duration timeout) {
        faults.check("scheduler.kill");
        kills.add(topology);
        cluster.remove(topology.name());
    }

    @Override
    public synchronized void restart(TopologyHandle topology, OptionalInt containerId) {
        faults.check("scheduler.restart");
        TestingCluster.Job job = job(topology);
        if (containerId.isPresent() && !job.containers().contains(containerId.getAsInt())) {
            throw EgretException.notFound("no container " + containerId.getAsInt() + " in " + topology.name());
        }
        restarts.add(topology.name() + (containerId.isPresent() ? "/" + containerId.getAsInt() : "/all"));
    }

    @Override
    public synchronized void addContainers(TopologyHandle topology, Set<ContainerPlan> containers) {
        faults.check("scheduler.addContainers");
        TestingCluster.Job job = job(topology);
        for (ContainerPlan container : containers) {
            if (job.containers().contains(container.id())) {
                throw EgretException.conflict("container " + container.id() + " of " + topology.name() + " runs");
            }
        }
        containers.forEach(container -> job.containers().add(container.id()));
        faults.check("scheduler.afterAddContainers");
    }

    @Override
    public synchronized void removeContainers(TopologyHandle topology, Set<ContainerPlan> containers) {
        faults.check("scheduler.removeContainers");
        TestingCluster.Job job = job(topology);
        containers.forEach(container -> job.containers().remove(container.id()));
        faults.check("scheduler.afterRemoveContainers");
    }

    @Override
    public synchronized List<ContainerStatus> status(TopologyHandle topology) {
        faults.check("scheduler.status");
        Optional<TestingCluster.Job> job = cluster.job(topology.name());
        if (job.isEmpty()) {
            return List.of();
        }
        return job.get().containers().stream()
                .map(id -> new ContainerStatus(id, ContainerStatus.Phase.RUNNING, "", 0))
                .toList();
    }

    public synchronized void capabilities(SchedulerCapabilities newCapabilities) {
        capabilities = requireNonNull(newCapabilities, "newCapabilities is null");
    }

    /** Restarts asked for, as {@code name/container} or {@code name/all}. */
    public synchronized List<String> restarts() {
        return List.copyOf(restarts);
    }

    /** The handles of every kill asked for. */
    public synchronized List<TopologyHandle> kills() {
        return List.copyOf(kills);
    }

    private TestingCluster.Job job(TopologyHandle topology) {
        return cluster.job(topology.name())
                .filter(job -> job.id().equals(topology.id()))
                .orElseThrow(() -> EgretException.notFound(
                        "no job of topology " + topology.name() + " (" + topology.id() + ") runs"));
    }
}
