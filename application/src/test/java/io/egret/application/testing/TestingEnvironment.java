package io.egret.application.testing;

import io.egret.application.ActivateTopologyService;
import io.egret.application.DeactivateTopologyService;
import io.egret.application.KillTopologyService;
import io.egret.application.LifecycleSettings;
import io.egret.application.ListTopologiesService;
import io.egret.application.RestartTopologyService;
import io.egret.application.SubmitTopologyService;
import io.egret.application.TopologyStatusService;
import io.egret.application.UpdateTopologyService;
import io.egret.domain.topology.ClusterTarget;
import io.egret.domain.topology.TopologyDefinition;
import io.egret.domain.topology.TopologyName;
import io.egret.ports.in.KillCommand;
import io.egret.ports.in.SubmitCommand;
import io.egret.ports.in.TopologyCommand;
import io.egret.ports.in.WaitCondition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/** Every fake wired to every service, as the Guice modules wire the real adapters. One per test. */
public final class TestingEnvironment {
    public static final ClusterTarget TARGET = new ClusterTarget("local", "alice", "default");
    public static final String NAME = "wordcount";
    public static final Duration TIMEOUT = Duration.ofMinutes(1);

    private final FaultInjector faults = new FaultInjector();
    private final TestingCluster cluster = new TestingCluster();
    private final TestingStateStore stateStore = new TestingStateStore(faults);
    private final TestingUploader uploader = new TestingUploader(faults);
    private final TestingPackager packager = new TestingPackager(faults);
    private final TestingLauncher launcher = new TestingLauncher(faults, cluster, stateStore);
    private final TestingScheduler scheduler = new TestingScheduler(faults, cluster);
    private final TestingTopologyControl topologyControl = new TestingTopologyControl(faults, cluster);
    private final TestingTopologyLoader loader;
    private final TestingProgress progress = new TestingProgress();
    private final TestingPacker packer = new TestingPacker(faults);
    private final TestingClock clock = new TestingClock();
    private final LifecycleSettings settings =
            LifecycleSettings.defaults("0.1.0-test").withPollInterval(Duration.ZERO);
    private final Supplier<UUID> uuids;

    public TestingEnvironment() {
        this(TestingTopologies.wordCount(NAME));
    }

    public TestingEnvironment(TopologyDefinition definition) {
        this.loader = new TestingTopologyLoader(faults, definition);
        AtomicLong counter = new AtomicLong();
        this.uuids = () -> new UUID(0, counter.incrementAndGet());
    }

    public SubmitTopologyService submitService() {
        return new SubmitTopologyService(
                loader,
                packer,
                packager,
                uploader,
                stateStore,
                launcher,
                scheduler,
                topologyControl,
                progress,
                settings,
                clock,
                uuids);
    }

    public KillTopologyService killService() {
        return new KillTopologyService(stateStore, scheduler, uploader, progress, clock);
    }

    public ActivateTopologyService activateService() {
        return new ActivateTopologyService(stateStore, topologyControl, progress, clock);
    }

    public DeactivateTopologyService deactivateService() {
        return new DeactivateTopologyService(stateStore, topologyControl, progress, clock);
    }

    public RestartTopologyService restartService() {
        return new RestartTopologyService(stateStore, scheduler, progress, clock);
    }

    public UpdateTopologyService updateService() {
        return new UpdateTopologyService(stateStore, scheduler, topologyControl, packer, progress, settings, clock);
    }

    public TopologyStatusService statusService() {
        return new TopologyStatusService(stateStore, scheduler, topologyControl, progress, clock);
    }

    public ListTopologiesService listService() {
        return new ListTopologiesService(stateStore, uploader);
    }

    /** {@code heron submit local/alice/default topology.jar example.WordCount}. */
    public static SubmitCommand submitCommand() {
        return new SubmitCommand(
                TARGET,
                "alice",
                Path.of("topology.jar"),
                "example.WordCount",
                List.of(NAME),
                Map.of(),
                false,
                false,
                false,
                WaitCondition.SUBMITTED,
                TIMEOUT);
    }

    /** {@code submitCommand()} with the given flags. */
    public static SubmitCommand submitCommand(
            boolean deployDeactivated, boolean dryRun, boolean replace, WaitCondition waitUntil) {
        SubmitCommand base = submitCommand();
        return new SubmitCommand(
                base.target(),
                base.submitUser(),
                base.topologyFile(),
                base.className(),
                base.arguments(),
                base.systemProperties(),
                deployDeactivated,
                dryRun,
                replace,
                waitUntil,
                base.timeout());
    }

    public static KillCommand killCommand() {
        return new KillCommand(TARGET, TopologyName.of(NAME), false, TIMEOUT);
    }

    public static TopologyCommand topologyCommand() {
        return new TopologyCommand(TARGET, TopologyName.of(NAME), false);
    }

    public static TopologyName name() {
        return TopologyName.of(NAME);
    }

    /** Submits the loader's topology and forgets the calls and events that took, for a test of what follows. */
    public void submitted() {
        submitService().submit(submitCommand());
        faults.resetCounts();
        progress.clear();
    }

    /** True when nothing of any topology is left: no record, no package, no temporary file, no container. */
    public boolean nothingLeftBehind() {
        return stateStore.isEmpty()
                && uploader.storedPackages().isEmpty()
                && packager.temporaryFiles().isEmpty()
                && cluster.isEmpty();
    }

    /**
     * True when nothing is left but uploaded packages: kill does not delete packages, which are content-addressed
     * and may be shared with another incarnation.
     */
    public boolean nothingLeftBehindButPackages() {
        return stateStore.isEmpty() && packager.temporaryFiles().isEmpty() && cluster.isEmpty();
    }

    public FaultInjector faults() {
        return faults;
    }

    public TestingCluster cluster() {
        return cluster;
    }

    public TestingStateStore stateStore() {
        return stateStore;
    }

    public TestingUploader uploader() {
        return uploader;
    }

    public TestingPackager packager() {
        return packager;
    }

    public TestingLauncher launcher() {
        return launcher;
    }

    public TestingScheduler scheduler() {
        return scheduler;
    }

    public TestingTopologyControl topologyControl() {
        return topologyControl;
    }

    public TestingTopologyLoader loader() {
        return loader;
    }

    public TestingProgress progress() {
        return progress;
    }

    public TestingPacker packer() {
        return packer;
    }

    public TestingClock clock() {
        return clock;
    }
}
