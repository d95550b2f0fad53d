package io.egret.application;

import static java.util.Objects.requireNonNull;

import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import io.egret.domain.lifecycle.ExecutionState;
import io.egret.domain.lifecycle.Lifecycle;
import io.egret.domain.packing.ContainerPlan;
import io.egret.domain.packing.PackingPlan;
import io.egret.domain.runtime.PhysicalPlan;
import io.egret.domain.runtime.StreamManagerLocation;
import io.egret.domain.runtime.TopologyMasterLocation;
import io.egret.domain.topology.ReliabilityMode;
import io.egret.domain.topology.TopologyDefinition;
import io.egret.domain.topology.TopologyId;
import io.egret.domain.topology.TopologyName;
import io.egret.ports.in.SubmitCommand;
import io.egret.ports.in.SubmitResult;
import io.egret.ports.in.SubmitTopologyUseCase;
import io.egret.ports.in.WaitCondition;
import io.egret.ports.out.ContainerStatus;
import io.egret.ports.out.LaunchRequest;
import io.egret.ports.out.LauncherPort;
import io.egret.ports.out.LoadRequest;
import io.egret.ports.out.PackageRequest;
import io.egret.ports.out.ProgressPort;
import io.egret.ports.out.SchedulerPort;
import io.egret.ports.out.StateStorePort;
import io.egret.ports.out.StoredTopology;
import io.egret.ports.out.TopologyControlPort;
import io.egret.ports.out.TopologyHandle;
import io.egret.ports.out.TopologyLoaderPort;
import io.egret.ports.out.TopologyPackage;
import io.egret.ports.out.TopologyPackagerPort;
import io.egret.ports.out.TopologyRuntimeStatus;
import io.egret.ports.out.UploadedPackage;
import io.egret.ports.out.UploaderPort;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * {@code heron submit}: load the definition, pack and fit-check it, build and upload the package, record all state
 * in one atomic step, launch, mark it running and optionally wait until every container reports. Each step that
 * changes something registers its undo; a failure undoes them in reverse, so a failed submit leaves no state, no
 * package and no process behind.
 */
public final class SubmitTopologyService implements SubmitTopologyUseCase {
    private static final String REPLACE_PREFIX = "replace: ";
    /** Where a dry run's launch preview says the package is: it is not uploaded. */
    static final String DRY_RUN_PACKAGE = "dry-run:///not-uploaded/topology.tar.gz";

    private final TopologyLoaderPort loader;
    private final Packer packer;
    private final TopologyPackagerPort packager;
    private final UploaderPort uploader;
    private final StateStorePort stateStore;
    private final LauncherPort launcher;
    private final SchedulerPort scheduler;
    private final TopologyControlPort topologyControl;
    private final ProgressPort progress;
    private final LifecycleSettings settings;
    private final Clock clock;
    private final Supplier<UUID> uuids;
    private final TopologyKiller killer;

    /**
     * @param uuids makes each submission's topology id unique
     */
    @Inject
    public SubmitTopologyService(
            TopologyLoaderPort loader,
            Packer packer,
            TopologyPackagerPort packager,
            UploaderPort uploader,
            StateStorePort stateStore,
            LauncherPort launcher,
            SchedulerPort scheduler,
            TopologyControlPort topologyControl,
            ProgressPort progress,
            LifecycleSettings settings,
            Clock clock,
            Supplier<UUID> uuids) {
        this.loader = requireNonNull(loader, "loader is null");
        this.packer = requireNonNull(packer, "packer is null");
        this.packager = requireNonNull(packager, "packager is null");
        this.uploader = requireNonNull(uploader, "uploader is null");
        this.stateStore = requireNonNull(stateStore, "stateStore is null");
        this.launcher = requireNonNull(launcher, "launcher is null");
        this.scheduler = requireNonNull(scheduler, "scheduler is null");
        this.topologyControl = requireNonNull(topologyControl, "topologyControl is null");
        this.progress = requireNonNull(progress, "progress is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.uuids = requireNonNull(uuids, "uuids is null");
        this.killer = new TopologyKiller(stateStore, scheduler);
    }

    @Override
    public SubmitResult submit(SubmitCommand command) {
        requireNonNull(command, "command is null");
        validate(command);
        Saga saga = new Saga("submit", "main class " + command.className(), progress, clock);
        try {
            return submit(command, saga);
        } catch (RuntimeException failure) {
            throw saga.rollBack(failure);
        }
    }

    private SubmitResult submit(SubmitCommand command, Saga saga) {
        TopologyDefinition definition = saga.step(
                "load definition",
                () -> loader.load(new LoadRequest(
                        command.topologyFile(),
                        command.className(),
                        command.arguments(),
                        command.systemProperties(),
                        command.extraClassPath())));
        TopologyName name = definition.name();
        saga.subject("topology '" + name + "'");
        saga.cleanupHint("run '" + StoredState.killCommand(command.target(), name)
                + "' to remove state and containers, and delete any package named above");
        // Before packing, so every packer and cluster refuses it the same way, dry run included.
        ReliabilityMode.requireAvailable(definition);
        PackingPlan packingPlan = saga.step("pack", () -> packer.pack(definition));
        List<String> violations = saga.step("check fit", () -> packer.fitViolations(packingPlan, definition));
        if (!violations.isEmpty()) {
            throw EgretException.userError(
                    "topology '" + name + "' does not fit the cluster: " + String.join("; ", violations));
        }
        if (command.dryRun()) {
            // The id and the package URI only exist once state is recorded and the package uploaded: placeholders.
            ExecutionState preview = Lifecycle.submitting(
                    name,
                    TopologyId.newFor(name, uuids.get()),
                    command.target(),
                    command.submitUser(),
                    clock.instant(),
                    settings.releaseVersion());
            UploadedPackage notUploaded = new UploadedPackage(URI.create(DRY_RUN_PACKAGE), "", false);
            Optional<String> launchPreview = saga.step(
                    "preview launch",
                    () -> launcher.preview(new LaunchRequest(definition, packingPlan, preview, notUploaded)));
            return new SubmitResult(definition, packingPlan, Optional.empty(), true, launchPreview);
        }

        Optional<StoredTopology> existing = saga.step("check name", () -> stateStore.read(name));
        if (existing.isPresent()) {
            checkReplaceable(command, existing.get());
        }

        TopologyPackage topologyPackage = saga.step(
                "build package",
                () -> packager.build(new PackageRequest(definition, command.topologyFile(), settings.packageConfig())));
        saga.onFailure(
                "build package",
                "the temporary package " + topologyPackage.file(),
                () -> packager.discard(topologyPackage));
        UploadedPackage uploaded =
                saga.step("upload package", () -> uploader.upload(command.target(), topologyPackage));
        // Set when another submission of this name recorded its state first. Packages are content-addressed under
        // the topology's name, so that submission may be using the very package this one stored: it is kept.
        AtomicBoolean lostTheName = new AtomicBoolean();
        saga.onFailure("upload package", "the uploaded package " + uploaded.uri(), () -> {
            if (!lostTheName.get()) {
                uploader.undo(uploaded);
            }
        });
        // The containers fetch the uploaded copy; the local file is not needed any more.
        saga.step("discard package file", () -> packager.discard(topologyPackage));

        if (existing.isPresent()) {
            // Only now, with the new package uploaded, is the old topology killed: that keeps the downtime short.
            StoredTopology old = existing.get();
            // Killing cannot be undone: from here on a failure says how far the kill got, or the operator would
            // expect the old topology to still run.
            saga.advice("the topology it was to replace may be marked KILLING and still run; run '"
                    + StoredState.killCommand(command.target(), name) + "' to finish killing it, then submit again");
            killer.kill(saga, REPLACE_PREFIX, old, StoredState.handle(old, command.target()), settings.killTimeout());
            saga.advice("the topology it was to replace had been killed already");
        }

        ExecutionState submitting = Lifecycle.submitting(
                name,
                TopologyId.newFor(name, uuids.get()),
                command.target(),
                command.submitUser(),
                clock.instant(),
                settings.releaseVersion());
        saga.step("record state", () -> {
            try {
                stateStore.create(definition, packingPlan, submitting);
            } catch (EgretException e) {
                if (e.code() == ErrorCode.CONFLICT && uploaded.created()) {
                    lostTheName.set(true);
                    saga.advice("the uploaded package " + uploaded.uri() + " was kept: the submission that recorded '"
                            + name + "' first may be using it");
                }
                throw e;
            }
        });
        saga.onFailure("record state", "the state records of '" + name + "'", () -> stateStore.deleteAll(name));

        // Registered before launching: a launch that fails half-way may already have started some containers.
        saga.onFailure("launch", "the containers of '" + name + "'", () -> killLaunched(submitting));
        saga.step("launch", () -> launcher.launch(new LaunchRequest(definition, packingPlan, submitting, uploaded)));

        ExecutionState launched = Lifecycle.launched(submitting, command.deployDeactivated());
        saga.step(
                command.deployDeactivated() ? "mark paused" : "mark running",
                () -> stateStore.replaceExecutionState(submitting, launched));

        if (command.waitUntil() == WaitCondition.RUNNING) {
            saga.step("wait for running", () -> waitUntilRunning(launched, packingPlan, command.timeout()));
        }
        return new SubmitResult(definition, packingPlan, Optional.of(launched), false);
    }

    private static void validate(SubmitCommand command) {
        if (command.className().isBlank()) {
            throw EgretException.userError("the topology's main class name is empty");
        }
        if (command.submitUser().isBlank()) {
            throw EgretException.userError("the submitting user name is empty");
        }
        if (command.timeout().isNegative()) {
            throw EgretException.userError("the timeout must not be negative, got " + command.timeout());
        }
    }

    /** Refuses an existing topology of the same name, unless it is to be replaced and runs where we submit. */
    private static void checkReplaceable(SubmitCommand command, StoredTopology existing) {
        if (!command.replace()) {
            throw EgretException.conflict(describeConflict(command, existing));
        }
        existing.executionState()
                .ifPresent(executionState -> StoredState.requireTarget(executionState, command.target()));
    }

    private static String describeConflict(SubmitCommand command, StoredTopology existing) {
        TopologyName name = existing.name();
        String where = existing.executionState()
                .map(executionState -> executionState.target().toString())
                .orElse(command.target().toString());
        String records = StoredState.describeNodes(existing) + " of topology id " + StoredState.topologyId(existing);
        String kill = "'heron kill " + where + " " + name + "'";
        if (existing.executionState().isEmpty()) {
            return "topology '" + name + "' already exists as partial state (" + records
                    + "), stale from an earlier failure; run " + kill + " to clean it up";
        }
        ExecutionState executionState = existing.executionState().get();
        String state = executionState.state() + " since submission at " + executionState.submittedAt() + " by "
                + executionState.submitUser();
        return switch (executionState.state()) {
            case SUBMITTING ->
                "topology '" + name + "' already exists (" + records + "), " + state
                        + ": a submit that did not finish is stale; run " + kill + " to clean it up";
            case KILLING ->
                "topology '" + name + "' already exists (" + records + "), " + state
                        + ": a kill that did not finish; run " + kill + " to finish it";
            case RUNNING, PAUSED ->
                "topology '" + name + "' already exists on " + where + " (" + records + "), " + state
                        + "; use --replace to replace it, or run " + kill + " first";
        };
    }

    private void killLaunched(ExecutionState executionState) {
        // A scheduler service records its location while launching, and kill needs it: read it now.
        Optional<StoredTopology> stored = stateStore.read(executionState.name());
        TopologyHandle handle = new TopologyHandle(
                executionState.name(),
                executionState.id(),
                executionState.target(),
                stored.flatMap(StoredTopology::scheduler));
        scheduler.kill(handle, settings.killTimeout());
    }

    /**
     * Polls until the topology master reports every container of the plan, through the physical plan it publishes
     * or its status endpoint. An unreachable master is expected while it starts, so that only counts against the
     * deadline; the deadline's error says what was still missing and what the scheduler reports.
     */
    private void waitUntilRunning(ExecutionState executionState, PackingPlan packingPlan, Duration timeout) {
        Instant deadline = clock.instant().plus(timeout);
        Set<Integer> expected =
                packingPlan.containers().stream().map(ContainerPlan::id).collect(Collectors.toCollection(TreeSet::new));
        String lastProblem = "the topology master has not registered yet";
        while (true) {
            StoredTopology stored = stateStore
                    .read(executionState.name())
                    .orElseThrow(() -> EgretException.conflict(
                            "the state of topology '" + executionState.name() + "' disappeared: it was killed"));
            Optional<PhysicalPlan> physicalPlan =
                    stored.physicalPlan().filter(plan -> plan.topologyId().equals(executionState.id()));
            if (physicalPlan.isPresent() && registered(physicalPlan.get()).containsAll(expected)) {
                return;
            }
            Optional<TopologyMasterLocation> master = stored.topologyMaster()
                    .filter(location -> location.topologyId().equals(executionState.id()));
            if (master.isPresent()) {
                Optional<String> problem = askMaster(master.get(), expected);
                if (problem.isEmpty()) {
                    return;
                }
                lastProblem = problem.get();
            }
            if (!clock.instant().isBefore(deadline)) {
                throw EgretException.unreachable(
                        "topology '" + executionState.name() + "' was not running within " + timeout + ": "
                                + lastProblem + "; " + schedulerView(executionState, stored),
                        null);
            }
            sleep(settings.pollInterval());
        }
    }

    private static Set<Integer> registered(PhysicalPlan physicalPlan) {
        return physicalPlan.streamManagers().stream()
                .map(StreamManagerLocation::containerId)
                .collect(Collectors.toSet());
    }

    /** Empty when every expected container is alive, else what is missing. */
    private Optional<String> askMaster(TopologyMasterLocation master, Set<Integer> expected) {
        TopologyRuntimeStatus status;
        try {
            status = topologyControl.status(master);
        } catch (EgretException failure) {
            if (failure.code() != ErrorCode.UNREACHABLE) {
                throw failure;
            }
            // A master that is still starting does not answer yet; the deadline decides when that is a failure.
            return Optional.of("the topology master at " + master.controllerEndpoint() + " does not answer: "
                    + failure.getMessage());
        }
        Set<Integer> missing = new TreeSet<>(expected);
        for (Map.Entry<Integer, Boolean> entry : status.containersAlive().entrySet()) {
            if (entry.getValue()) {
                missing.remove(entry.getKey());
            }
        }
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("containers " + missing + " have not registered with the topology master");
    }

    private String schedulerView(ExecutionState executionState, StoredTopology stored) {
        List<ContainerStatus> containers;
        try {
            containers = scheduler.status(StoredState.handle(executionState, stored));
        } catch (RuntimeException failure) {
            // This only adds detail to a timeout that is already being reported: say why the detail is missing.
            return "the scheduler's view is unavailable: " + Saga.oneLine(failure);
        }
        List<String> notRunning = containers.stream()
                .filter(container -> container.phase() != ContainerStatus.Phase.RUNNING)
                .map(container -> "container " + container.containerId() + " " + container.phase()
                        + (container.detail().isEmpty() ? "" : " (" + container.detail() + ")"))
                .toList();
        if (notRunning.isEmpty()) {
            return "the scheduler reports every container running";
        }
        return "the scheduler reports " + String.join(", ", notRunning);
    }

    private static void sleep(Duration interval) {
        try {
            Thread.sleep(interval.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw EgretException.internal("interrupted while waiting for the topology to run", interrupted);
        }
    }
}
