package io.egret.adapters.aurora.scheduler;

import static java.util.Objects.requireNonNull;

import io.egret.adapters.aurora.AuroraAdapterConfig;
import io.egret.adapters.aurora.client.AuroraClient;
import io.egret.adapters.aurora.client.AuroraCommands;
import io.egret.adapters.aurora.client.AuroraFailures;
import io.egret.adapters.aurora.client.JobStatusReader;
import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import io.egret.domain.packing.ContainerPlan;
import io.egret.ports.out.ContainerStatus;
import io.egret.ports.out.SchedulerCapabilities;
import io.egret.ports.out.SchedulerPort;
import io.egret.ports.out.TopologyHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Heron's Aurora scheduler as a library in the CLI: every operation is one {@code aurora} client command on the
 * topology's job {@code cluster/role/environ/name}.
 */
public final class AuroraScheduler implements SchedulerPort {
    private final AuroraAdapterConfig config;
    private final AuroraClient client;
    private final LaunchLedger ledger;

    public AuroraScheduler(AuroraAdapterConfig config, AuroraClient client, LaunchLedger ledger) {
        this.config = requireNonNull(config, "config is null");
        this.client = requireNonNull(client, "client is null");
        this.ledger = requireNonNull(ledger, "ledger is null");
    }

    @Override
    public SchedulerCapabilities capabilities() {
        return SchedulerCapabilities.all();
    }

    /**
     * {@code aurora job killall}, tried up to {@code heron.scheduler.job.max.kill.attempts} times with
     * {@code heron.scheduler.job.kill.retry.interval.ms} in between. A job that is already gone counts as killed,
     * and so does one whose launch in this process was refused before the job was created.
     */
    @Override
    public void kill(TopologyHandle topology, Duration timeout) {
        String key = JobKeys.of(topology.target(), topology.name());
        if (ledger.wasRefusedBeforeCreate(key)) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        EgretException last = null;
        for (int attempt = 1; attempt <= config.maxKillAttempts(); attempt++) {
            Duration remaining = Duration.ofNanos(Math.max(deadline - System.nanoTime(), 0));
            try {
                AuroraClient.Outcome outcome = client.run(AuroraCommands.killAll(key), shorter(remaining));
                if (outcome.succeeded() || jobIsGone(outcome)) {
                    return;
                }
                last = AuroraFailures.of("kill the Aurora job " + key, outcome);
            } catch (EgretException e) {
                if (e.code() != ErrorCode.UNREACHABLE) {
                    throw e;
                }
                last = e;
            }
            if (attempt < config.maxKillAttempts() && !pause(deadline)) {
                break;
            }
        }
        throw new EgretException(
                last.code(),
                last.getMessage() + " (after " + config.maxKillAttempts() + " attempt(s), "
                        + "heron.scheduler.job.max.kill.attempts)",
                last.getCause());
    }

    /** {@code aurora job restart} of the whole job or one instance; an instance that does not run is not found. */
    @Override
    public void restart(TopologyHandle topology, OptionalInt containerId) {
        String key = JobKeys.of(topology.target(), topology.name());
        if (containerId.isPresent()) {
            int id = containerId.getAsInt();
            boolean known = status(topology).stream()
                    .anyMatch(container ->
                            container.containerId() == id && container.phase() != ContainerStatus.Phase.FINISHED);
            if (!known) {
                throw EgretException.notFound("container " + id + " of topology '" + topology.name()
                        + "' is not an active instance of the Aurora job " + key);
            }
        }
        AuroraClient.Outcome outcome = client.run(AuroraCommands.restart(key, containerId), config.clientTimeout());
        if (!outcome.succeeded()) {
            throw AuroraFailures.of(
                    "restart " + (containerId.isPresent() ? "instance " + containerId.getAsInt() + " of " : "")
                            + "the Aurora job " + key,
                    outcome);
        }
    }

    /**
     * {@code aurora job add} clones instance 0 as many times as asked; Aurora numbers the new instances after the
     * highest active one, and they must be the plan's new container ids, since each instance runs the container
     * of its own id. New instances with other ids are killed again and the update refused.
     */
    @Override
    public void addContainers(TopologyHandle topology, Set<ContainerPlan> containers) {
        if (containers.isEmpty()) {
            return;
        }
        String key = JobKeys.of(topology.target(), topology.name());
        AuroraClient.Outcome outcome = client.run(AuroraCommands.add(key, containers.size()), config.clientTimeout());
        if (!outcome.succeeded()) {
            throw AuroraFailures.of("add " + containers.size() + " instance(s) to the Aurora job " + key, outcome);
        }
        Set<Integer> added = AuroraCommands.addedInstances(outcome.output());
        Set<Integer> wanted = containers.stream().map(ContainerPlan::id).collect(Collectors.toCollection(TreeSet::new));
        if (!added.equals(wanted)) {
            AuroraClient.Outcome undo = client.run(AuroraCommands.kill(key, added), config.clientTimeout());
            EgretException failure = EgretException.conflict("Aurora numbered the new instances of " + key + " " + added
                    + ", but the new plan needs containers " + wanted + "; the instances were killed again");
            if (!undo.succeeded()) {
                failure.addSuppressed(AuroraFailures.of("kill the new instances " + added + " of " + key, undo));
            }
            throw failure;
        }
    }

    /** {@code aurora job kill} of the containers' instances; instances already gone are fine. */
    @Override
    public void removeContainers(TopologyHandle topology, Set<ContainerPlan> containers) {
        if (containers.isEmpty()) {
            return;
        }
        String key = JobKeys.of(topology.target(), topology.name());
        List<Integer> ids = containers.stream().map(ContainerPlan::id).toList();
        AuroraClient.Outcome outcome = client.run(AuroraCommands.kill(key, ids), config.clientTimeout());
        if (!outcome.succeeded() && !jobIsGone(outcome)) {
            throw AuroraFailures.of("kill instances " + new TreeSet<>(ids) + " of the Aurora job " + key, outcome);
        }
    }

    /** {@code aurora job status --write-json}; a job Aurora does not know has no containers. */
    @Override
    public List<ContainerStatus> status(TopologyHandle topology) {
        String key = JobKeys.of(topology.target(), topology.name());
        AuroraClient.Outcome outcome = client.run(AuroraCommands.status(key), config.clientTimeout());
        if (outcome.output().contains("No matching jobs found") || jobIsGone(outcome)) {
            return List.of();
        }
        if (!outcome.succeeded()) {
            throw AuroraFailures.of("read the status of the Aurora job " + key, outcome);
        }
        return JobStatusReader.read(outcome.output());
    }

    /**
     * {@code heron.scheduler.job.link.template} with the topology's tokens filled in, as Heron's
     * {@code getJobLinks} gives it; none when the key is not set.
     */
    @Override
    public List<String> jobLinks(TopologyHandle topology) {
        return config.jobLinkTemplate()
                .filter(template -> !template.isBlank())
                .map(template -> template.replace("${TOPOLOGY}", topology.name().toString())
                        .replace("${CLUSTER}", topology.target().cluster())
                        .replace("${ROLE}", topology.target().role())
                        .replace("${ENVIRON}", topology.target().environ()))
                .map(List::of)
                .orElse(List.of());
    }

    /** The {@code killall} a kill runs (and repeats up to {@code heron.scheduler.job.max.kill.attempts} times). */
    @Override
    public List<String> previewKill(TopologyHandle topology) {
        String key = JobKeys.of(topology.target(), topology.name());
        return List.of(client.display(AuroraCommands.killAll(key)));
    }

    @Override
    public List<String> previewRestart(TopologyHandle topology, OptionalInt containerId) {
        String key = JobKeys.of(topology.target(), topology.name());
        return List.of(client.display(AuroraCommands.restart(key, containerId)));
    }

    /** {@code aurora job add} for the new containers, then {@code aurora job kill} of the removed ones. */
    @Override
    public List<String> previewUpdate(TopologyHandle topology, Set<ContainerPlan> added, Set<ContainerPlan> removed) {
        String key = JobKeys.of(topology.target(), topology.name());
        List<String> commands = new ArrayList<>();
        if (!added.isEmpty()) {
            commands.add(client.display(AuroraCommands.add(key, added.size())));
        }
        if (!removed.isEmpty()) {
            commands.add(client.display(AuroraCommands.kill(
                    key, removed.stream().map(ContainerPlan::id).toList())));
        }
        return commands;
    }

    /** The client's words for a job (or instances) that no longer exist. */
    private static boolean jobIsGone(AuroraClient.Outcome outcome) {
        String output = outcome.output();
        return outcome.exitCode() == 6
                && (output.contains("No tasks to kill") || output.contains("Found no jobs matching"));
    }

    private Duration shorter(Duration remaining) {
        return remaining.compareTo(config.clientTimeout()) < 0 && !remaining.isZero()
                ? remaining
                : config.clientTimeout();
    }

    /** Waits the retry interval; false when the kill's deadline would pass first. */
    private boolean pause(long deadline) {
        long interval = config.killRetryInterval().toNanos();
        if (System.nanoTime() + interval - deadline > 0) {
            return false;
        }
        try {
            Thread.sleep(config.killRetryInterval().toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
