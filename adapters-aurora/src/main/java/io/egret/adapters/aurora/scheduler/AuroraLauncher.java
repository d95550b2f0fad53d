package io.egret.adapters.aurora.scheduler;

import static java.util.Objects.requireNonNull;

import io.egret.adapters.aurora.AuroraAdapterConfig;
import io.egret.adapters.aurora.client.AuroraClient;
import io.egret.adapters.aurora.client.AuroraCommands;
import io.egret.adapters.aurora.client.AuroraFailures;
import io.egret.adapters.aurora.job.FetchCommands;
import io.egret.adapters.aurora.job.JobBindings;
import io.egret.adapters.aurora.job.JobTemplate;
import io.egret.domain.lifecycle.ExecutionState;
import io.egret.domain.packing.ExecutorHeap;
import io.egret.domain.packing.PackingPlan;
import io.egret.domain.topology.ClusterTarget;
import io.egret.domain.topology.TopologyConfig;
import io.egret.domain.topology.TopologyId;
import io.egret.domain.topology.TopologyName;
import io.egret.ports.out.LaunchRequest;
import io.egret.ports.out.LauncherPort;
import java.util.List;
import java.util.Optional;

/**
 * Heron's Aurora launcher: binds the job file, checks it, and creates the job with
 * {@code aurora job create --wait-until RUNNING}, bounded by the client timeout. A job that does not reach
 * RUNNING in time is reported as unreachable; the submit then kills what was created.
 */
public final class AuroraLauncher implements LauncherPort {
    private final AuroraAdapterConfig config;
    private final AuroraClient client;
    private final LaunchLedger ledger;

    public AuroraLauncher(AuroraAdapterConfig config, AuroraClient client, LaunchLedger ledger) {
        this.config = requireNonNull(config, "config is null");
        this.client = requireNonNull(client, "client is null");
        this.ledger = requireNonNull(ledger, "ledger is null");
    }

    @Override
    public void launch(LaunchRequest request) {
        requireNonNull(request, "request is null");
        ExecutionState state = request.executionState();
        String key = JobKeys.of(state.target(), state.name());
        Job job;
        try {
            job = prepare(
                    state.target(),
                    state.name(),
                    state.id(),
                    request.packingPlan(),
                    request.definition().topologyConfig(),
                    request.topologyPackage().uri().toString());
            client.requireInstalled();
        } catch (RuntimeException refused) {
            ledger.refusedBeforeCreate(key);
            throw refused;
        }
        ledger.createRan(key);
        create(job);
    }

    /**
     * The bound job file and the client's exact argument list. The topology id and the package URI are only known
     * at submit, so they show as placeholders; everything else is what a submit would run.
     */
    @Override
    public Optional<String> preview(LaunchRequest request) {
        TopologyName name = request.executionState().name();
        ClusterTarget target = request.executionState().target();
        PackingPlan plan = request.packingPlan();
        String packageUri = config.packageScheme() + "://<uploaded at submit>/topology.tar.gz";
        Job job = prepare(
                target,
                name,
                TopologyId.of(name + "-<id at submit>"),
                plan,
                request.definition().topologyConfig(),
                packageUri);
        StringBuilder text = new StringBuilder();
        text.append("Aurora job ").append(job.key()).append(" from ").append(config.jobTemplate());
        text.append(", bound as 'aurora job create' binds it:\n\n");
        text.append(job.renderedFile().strip()).append("\n\n");
        text.append("Command (an argument list, run without a shell; quoted here for copying):\n");
        text.append(client.display(job.arguments()));
        text.append('\n');
        return Optional.of(text.toString());
    }

    /**
     * Creates a prepared job and waits until every instance runs, within the client timeout.
     *
     * @throws io.egret.domain.error.EgretException as {@link io.egret.adapters.aurora.client.AuroraFailures} maps
     *     the client's exit code, or {@code UNREACHABLE} when the timeout passes
     */
    public void create(Job job) {
        AuroraClient.Outcome outcome = client.run(job.arguments(), config.clientTimeout());
        if (!outcome.succeeded()) {
            throw AuroraFailures.of("create the Aurora job " + job.key(), outcome);
        }
    }

    /**
     * The job a launch would create, checked as a launch checks it, without running anything.
     *
     * @param topologyConfig the topology's config, for the executor's heap bound ({@link ExecutorHeap})
     * @param topologyPackage where the package is (or would be) uploaded
     */
    public Job prepare(
            ClusterTarget target,
            TopologyName name,
            TopologyId id,
            PackingPlan plan,
            TopologyConfig topologyConfig,
            String topologyPackage) {
        JobTemplate template = JobTemplate.read(config.jobTemplate());
        JobBindings bindings = JobBindings.of(
                target,
                name,
                id,
                plan,
                topologyPackage,
                config.corePackageUri(),
                config.executorBinary(),
                config.executorFlags(),
                executorHeapMb(plan, topologyConfig),
                config.sandboxJavaHome(),
                config.metadataBindings());
        template.checkBound(bindings);
        FetchCommands.check(template, scheme(topologyPackage), "the topology package " + topologyPackage);
        FetchCommands.check(
                template,
                scheme(config.corePackageUri()),
                "the Heron core package " + config.corePackageUri() + " of heron.package.core.uri");
        String key = JobKeys.of(target, name);
        List<String> arguments = AuroraCommands.create(key, template.file(), bindings);
        return new Job(key, template.render(bindings), arguments, client.argv(arguments));
    }

    /**
     * The largest executor heap of the plan's containers: Aurora gives every instance the largest container's
     * resources from one task configuration, so every executor gets the same bound, container 0's included.
     */
    static long executorHeapMb(PackingPlan plan, TopologyConfig topologyConfig) {
        return plan.containers().stream()
                .mapToLong(container -> ExecutorHeap.megabytes(container, topologyConfig))
                .max()
                .orElse(ExecutorHeap.MIN_HEAP_MB);
    }

    private static String scheme(String uri) {
        int colon = uri.indexOf(':');
        return colon < 0 ? "file" : uri.substring(0, colon);
    }

    /**
     * A job ready to create.
     *
     * @param key {@code cluster/role/environ/name}
     * @param renderedFile the job file with every binding filled in
     * @param arguments the client's arguments
     * @param argv the exact command: the client and its arguments
     */
    public record Job(String key, String renderedFile, List<String> arguments, List<String> argv) {
        public Job {
            requireNonNull(key, "key is null");
            requireNonNull(renderedFile, "renderedFile is null");
            arguments = List.copyOf(requireNonNull(arguments, "arguments is null"));
            argv = List.copyOf(requireNonNull(argv, "argv is null"));
        }
    }
}
