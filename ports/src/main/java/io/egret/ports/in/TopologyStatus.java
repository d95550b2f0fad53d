package io.egret.ports.in;

import static java.util.Objects.requireNonNull;

import io.egret.domain.lifecycle.ExecutionState;
import io.egret.domain.packing.PackingPlan;
import io.egret.ports.out.ContainerStatus;
import io.egret.ports.out.TopologyRuntimeStatus;
import java.util.List;
import java.util.Optional;

/**
 * {@code heron status}: the recorded state, the scheduler's view of each container and, when the topology
 * master answers, its view of the running topology.
 *
 * @param problems what could not be read, one line each (an unreachable master is reported, not fatal)
 * @param jobLinks links to the topology's job in the cluster manager's UI; empty when the scheduler has none
 */
public record TopologyStatus(
        ExecutionState executionState,
        PackingPlan packingPlan,
        List<ContainerStatus> containers,
        Optional<TopologyRuntimeStatus> runtime,
        List<String> problems,
        List<String> jobLinks) {
    public TopologyStatus {
        requireNonNull(executionState, "executionState is null");
        requireNonNull(packingPlan, "packingPlan is null");
        containers = List.copyOf(requireNonNull(containers, "containers is null"));
        requireNonNull(runtime, "runtime is null");
        problems = List.copyOf(requireNonNull(problems, "problems is null"));
        jobLinks = List.copyOf(requireNonNull(jobLinks, "jobLinks is null"));
    }

    public TopologyStatus(
            ExecutionState executionState,
            PackingPlan packingPlan,
            List<ContainerStatus> containers,
            Optional<TopologyRuntimeStatus> runtime,
            List<String> problems) {
        this(executionState, packingPlan, containers, runtime, problems, List.of());
    }
}
