package io.egret.application.testing;

import io.egret.domain.lifecycle.TopologyState;
import io.egret.domain.topology.TopologyId;
import io.egret.domain.topology.TopologyName;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What runs on the fake cluster manager: per topology, its incarnation, its containers and whether its spouts
 * emit. Shared by {@link TestingLauncher}, {@link TestingScheduler} and {@link TestingTopologyControl}.
 */
public final class TestingCluster {
    private final Map<TopologyName, Job> jobs = new HashMap<>();

    void start(TopologyName name, TopologyId id, Set<Integer> containers, TopologyState state) {
        jobs.put(name, new Job(id, new TreeSet<>(containers), state));
    }

    Optional<Job> job(TopologyName name) {
        return Optional.ofNullable(jobs.get(name));
    }

    /** The job that runs an incarnation, if any. */
    Optional<Job> jobOf(TopologyId id) {
        return jobs.values().stream().filter(job -> job.id().equals(id)).findFirst();
    }

    void remove(TopologyName name) {
        jobs.remove(name);
    }

    /** The containers of a topology that run, container 0 (the topology master) included; empty when none. */
    public Set<Integer> containers(TopologyName name) {
        return job(name).map(job -> Set.copyOf(job.containers())).orElse(Set.of());
    }

    /** Whether the topology's spouts emit, as its topology master would say. */
    public Optional<TopologyState> state(TopologyName name) {
        return job(name).map(Job::state);
    }

    /** Whether anything of any topology runs. */
    public boolean isEmpty() {
        return jobs.isEmpty();
    }

    /** Starts a topology directly, as if an earlier submit had launched it. */
    public void startDirectly(TopologyName name, TopologyId id, Set<Integer> containers, TopologyState state) {
        start(name, id, containers, state);
    }

    static final class Job {
        private final TopologyId id;
        private final TreeSet<Integer> containers;
        private TopologyState state;

        Job(TopologyId id, TreeSet<Integer> containers, TopologyState state) {
            this.id = id;
            this.containers = containers;
            this.state = state;
        }

        TopologyId id() {
            return id;
        }

        TreeSet<Integer> containers() {
            return containers;
        }

        TopologyState state() {
            return state;
        }

        void state(TopologyState newState) {
            state = newState;
        }
    }
}
