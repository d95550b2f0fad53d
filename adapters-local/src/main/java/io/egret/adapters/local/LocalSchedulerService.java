package io.egret.adapters.local;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.type.TypeReference;
import io.egret.adapters.local.packaging.TarGzTopologyPackager;
import io.egret.adapters.local.scheduler.ExecutorSupervisor;
import io.egret.adapters.local.scheduler.Sandbox;
import io.egret.adapters.local.scheduler.SchedulerHttpApi;
import io.egret.codec.EgretJson;
import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import io.egret.domain.lifecycle.ExecutionState;
import io.egret.domain.packing.ContainerPlan;
import io.egret.domain.packing.ExecutorHeap;
import io.egret.domain.packing.PackingPlan;
import io.egret.domain.runtime.SchedulerLocation;
import io.egret.domain.topology.ClusterTarget;
import io.egret.domain.topology.TopologyConfig;
import io.egret.domain.topology.TopologyDefinition;
import io.egret.domain.topology.TopologyId;
import io.egret.domain.topology.TopologyName;
import io.egret.ports.out.Endpoint;
import io.egret.ports.out.StateStorePort;
import io.egret.ports.out.StoredTopology;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local scheduler service: the long-lived process the local launcher starts for one topology (Heron's
 * {@code SchedulerMain} with the local scheduler). It runs in the topology's sandbox, starts one executor per
 * container (container 0 included), restarts executors that exit, serves kill, restart, add, remove and status
 * over HTTP, records its endpoint in the state store and returns from {@link #run} after a kill.
 *
 * <p>A {@code main} method (in the app) parses its arguments with {@link Settings#fromArguments}, builds the
 * state store from the config snapshot ({@link #readEffectiveConfig}) and calls {@link #run}.
 */
public final class LocalSchedulerService implements AutoCloseable {
    /** Where the package puts the effective config snapshot, relative to the sandbox. */
    public static final String EFFECTIVE_CONFIG = TarGzTopologyPackager.CONFIG_ENTRY;

    private final Settings settings;
    private final StateStorePort stateStore;
    private final Sandbox sandbox;
    private final ExecutorSupervisor supervisor;
    private final CountDownLatch killed = new CountDownLatch(1);
    private SchedulerHttpApi api;

    /** A service that logs nothing. */
    public LocalSchedulerService(Settings settings, StateStorePort stateStore) {
        this(settings, stateStore, line -> {});
    }

    /**
     * @param log receives one line per executor start, exit, restart and stop (the service's main writes them to
     *     its output file in the sandbox)
     */
    public LocalSchedulerService(Settings settings, StateStorePort stateStore, Consumer<String> log) {
        this.settings = requireNonNull(settings, "settings is null");
        this.stateStore = requireNonNull(stateStore, "stateStore is null");
        this.sandbox = new Sandbox(settings.sandbox());
        this.supervisor = new ExecutorSupervisor(
                sandbox,
                settings.topologyId().value(),
                this::executorCommand,
                new ExecutorSupervisor.Policy(
                        settings.maxRestarts(),
                        settings.restartBackoff(),
                        settings.maxRestartBackoff(),
                        Duration.ofSeconds(60),
                        settings.killGrace()),
                requireNonNull(log, "log is null"));
    }

    /**
     * Runs the service until it is killed over HTTP: start, wait, close. Executor events go to {@code log}, one
     * line each.
     */
    public static void run(Settings settings, StateStorePort stateStore, Consumer<String> log)
            throws InterruptedException {
        try (LocalSchedulerService service = new LocalSchedulerService(settings, stateStore, log)) {
            Endpoint endpoint = service.start();
            log.accept("scheduler service of " + settings.topologyName() + " (" + settings.topologyId()
                    + ") listening on " + endpoint);
            service.awaitKilled();
            log.accept("scheduler service of " + settings.topologyName() + " killed; exiting");
        }
    }

    /** The config snapshot the topology was submitted with, as the package carries it into the sandbox. */
    public static Map<String, String> readEffectiveConfig(Path sandbox) {
        Path file = sandbox.resolve(EFFECTIVE_CONFIG);
        try {
            return Map.copyOf(EgretJson.mapper().readValue(file.toFile(), new TypeReference<Map<String, String>>() {}));
        } catch (IOException e) {
            throw new EgretException(
                    ErrorCode.INTERNAL, "cannot read the topology's config snapshot " + file + ": " + e, e);
        }
    }

    /**
     * Starts every container of the stored packing plan plus container 0, then the HTTP API, and records the
     * API's endpoint as the topology's scheduler location.
     *
     * @throws EgretException {@code NOT_FOUND} if the topology's records are gone, {@code CONFLICT} if they
     *     belong to another incarnation
     */
    public Endpoint start() {
        TopologyName name = settings.topologyName();
        StoredTopology stored = stateStore
                .read(name)
                .orElseThrow(() -> EgretException.notFound(
                        "topology '" + name + "' has no state: it was killed before its scheduler started"));
        ExecutionState executionState = stored.executionState()
                .orElseThrow(() -> EgretException.notFound("topology '" + name + "' has no execution state"));
        if (!executionState.id().equals(settings.topologyId())) {
            throw EgretException.conflict("the state of topology '" + name + "' belongs to incarnation "
                    + executionState.id() + ", not to this scheduler's " + settings.topologyId());
        }
        PackingPlan plan = stored.packingPlan()
                .orElseThrow(() -> EgretException.notFound("topology '" + name + "' has no packing plan"));
        try {
            sandbox.recordScheduler(settings.topologyId().value(), ProcessHandle.current());
        } catch (IOException e) {
            throw new EgretException(
                    ErrorCode.INTERNAL, "cannot record the scheduler process in " + sandbox.directory() + ": " + e, e);
        }
        List<Integer> containers = new ArrayList<>();
        containers.add(0);
        plan.containers().stream().map(ContainerPlan::id).forEach(containers::add);
        try {
            supervisor.start(containers);
            api = new SchedulerHttpApi(
                    supervisor,
                    settings.topologyId().value(),
                    settings.host(),
                    settings.port(),
                    settings.killGrace().multipliedBy(4),
                    killed::countDown);
            api.start();
            Endpoint endpoint = advertised(api.endpoint());
            stateStore.putSchedulerLocation(name, new SchedulerLocation(endpoint.toString(), List.of()));
            return endpoint;
        } catch (IOException | RuntimeException e) {
            EgretException failure = e instanceof EgretException egret
                    ? egret
                    : new EgretException(
                            ErrorCode.INTERNAL, "cannot start the scheduler service of '" + name + "': " + e, e);
            try {
                supervisor.killAll(settings.killGrace().multipliedBy(2));
            } catch (RuntimeException cleanup) {
                failure.addSuppressed(cleanup);
            }
            throw failure;
        }
    }

    /**
     * The command of one container's executor, with its heap bound ({@code ${HEAP_MB}}) from the packing plan
     * stored now, so containers added by an update get theirs too: {@link ExecutorHeap} for instance containers,
     * {@link Settings#TOPOLOGY_MASTER_HEAP_MB} for container 0.
     */
    private List<String> executorCommand(int containerId) {
        if (containerId == 0) {
            return settings.executorCommand(containerId, Settings.TOPOLOGY_MASTER_HEAP_MB);
        }
        StoredTopology stored = stateStore
                .read(settings.topologyName())
                .orElseThrow(() -> EgretException.notFound(
                        "topology '" + settings.topologyName() + "' has no state: it was killed"));
        PackingPlan plan = stored.packingPlan()
                .orElseThrow(() ->
                        EgretException.notFound("topology '" + settings.topologyName() + "' has no packing plan"));
        TopologyConfig config = new TopologyConfig(
                stored.definition().map(TopologyDefinition::config).orElse(Map.of()));
        // A container the plan does not hold (never expected) gets the largest container's bound.
        long heapMb = plan.containers().stream()
                .filter(container -> container.id() == containerId)
                .findFirst()
                .or(() -> plan.containers().stream()
                        .max(Comparator.comparing(
                                container -> container.required().ram())))
                .map(container -> ExecutorHeap.megabytes(container, config))
                .orElse(Settings.TOPOLOGY_MASTER_HEAP_MB);
        return settings.executorCommand(containerId, heapMb);
    }

    /** Blocks until a kill request ended every executor. */
    public void awaitKilled() throws InterruptedException {
        killed.await();
    }

    /** Waits at most {@code timeout} for a kill; true if it happened. */
    public boolean awaitKilled(Duration timeout) throws InterruptedException {
        return killed.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Stops serving and supervising. Never ends executors: only a kill does. The service's own process record
     * stays: whoever killed it deletes the record once it has seen this process gone, so that a kill never
     * reports success while this JVM is still shutting down.
     */
    @Override
    public void close() {
        if (api != null) {
            api.close();
        }
        supervisor.close();
    }

    private Endpoint advertised(Endpoint bound) {
        if (!bound.host().equals("0.0.0.0") && !bound.host().equals("::")) {
            return bound;
        }
        try {
            return new Endpoint(InetAddress.getLocalHost().getHostName(), bound.port());
        } catch (IOException e) {
            throw new EgretException(ErrorCode.INTERNAL, "cannot find this host's name to advertise: " + e, e);
        }
    }

    /**
     * What one scheduler service runs: which incarnation, where, with which executor command and restart policy.
     * The local launcher writes these as the service's arguments ({@link #toArguments}); the service's main
     * parses them back ({@link #fromArguments}).
     *
     * @param executorCommand the executor command line with tokens {@code ${SHARD}} (the container id),
     *     {@code ${TOPOLOGY}}, {@code ${TOPOLOGY_ID}}, {@code ${CLUSTER}}, {@code ${ROLE}}, {@code ${ENVIRON}},
     *     {@code ${SANDBOX}} and {@code ${HEAP_MB}} (the executor JVM's heap bound in megabytes)
     * @param maxRestarts how often in a row a failing executor is restarted before it is left failed
     * @param restartBackoff the wait before the first restart, doubled per further failure
     * @param maxRestartBackoff the longest wait between restarts
     * @param killGrace how long an executor gets between SIGTERM and SIGKILL
     * @param host the interface the HTTP API binds (127.0.0.1: the API has no authentication)
     * @param port the HTTP port, 0 for any free one
     */
    public record Settings(
            TopologyName topologyName,
            TopologyId topologyId,
            ClusterTarget target,
            Path sandbox,
            List<String> executorCommandTemplate,
            int maxRestarts,
            Duration restartBackoff,
            Duration maxRestartBackoff,
            Duration killGrace,
            String host,
            int port) {
        /** The heap bound of container 0's executor, which runs the topology master and no instances. */
        public static final long TOPOLOGY_MASTER_HEAP_MB = ExecutorHeap.TOPOLOGY_MASTER_HEAP_MB;

        private static final Pattern TOKEN = Pattern.compile("\\$\\{([A-Z_]+)}");

        public Settings {
            requireNonNull(topologyName, "topologyName is null");
            requireNonNull(topologyId, "topologyId is null");
            requireNonNull(target, "target is null");
            requireNonNull(sandbox, "sandbox is null");
            executorCommandTemplate =
                    List.copyOf(requireNonNull(executorCommandTemplate, "executorCommandTemplate is null"));
            requireNonNull(restartBackoff, "restartBackoff is null");
            requireNonNull(maxRestartBackoff, "maxRestartBackoff is null");
            requireNonNull(killGrace, "killGrace is null");
            requireNonNull(host, "host is null");
            if (executorCommandTemplate.isEmpty()) {
                throw EgretException.userError("the local scheduler's executor command is empty");
            }
            for (String part : executorCommandTemplate) {
                Matcher matcher = TOKEN.matcher(part);
                while (matcher.find()) {
                    if (!List.of("SHARD", "TOPOLOGY", "TOPOLOGY_ID", "CLUSTER", "ROLE", "ENVIRON", "SANDBOX", "HEAP_MB")
                            .contains(matcher.group(1))) {
                        throw EgretException.userError("the local executor command " + executorCommandTemplate
                                + " uses the unknown token " + matcher.group() + "; known: ${SHARD}, ${TOPOLOGY},"
                                + " ${TOPOLOGY_ID}, ${CLUSTER}, ${ROLE}, ${ENVIRON}, ${SANDBOX}, ${HEAP_MB}");
                    }
                }
            }
        }

        /** The executor command line for container 0 (the topology master's heap bound), tokens filled in. */
        public List<String> executorCommand(int containerId) {
            return executorCommand(containerId, TOPOLOGY_MASTER_HEAP_MB);
        }

        /** The executor command line for one container with the given heap bound, tokens filled in. */
        public List<String> executorCommand(int containerId, long heapMb) {
            Map<String, String> values = Map.of(
                    "HEAP_MB", Long.toString(heapMb),
                    "SHARD", Integer.toString(containerId),
                    "TOPOLOGY", topologyName.value(),
                    "TOPOLOGY_ID", topologyId.value(),
                    "CLUSTER", target.cluster(),
                    "ROLE", target.role(),
                    "ENVIRON", target.environ(),
                    "SANDBOX", sandbox.toString());
            List<String> command = new ArrayList<>();
            for (String part : executorCommandTemplate) {
                Matcher matcher = TOKEN.matcher(part);
                StringBuilder resolved = new StringBuilder();
                while (matcher.find()) {
                    matcher.appendReplacement(resolved, Matcher.quoteReplacement(values.get(matcher.group(1))));
                }
                matcher.appendTail(resolved);
                command.add(resolved.toString());
            }
            return command;
        }

        /** The service's command-line arguments; the executor command comes last, after {@code --}. */
        public List<String> toArguments() {
            List<String> arguments = new ArrayList<>(List.of(
                    "--topology-name",
                    topologyName.value(),
                    "--topology-id",
                    topologyId.value(),
                    "--cluster",
                    target.cluster(),
                    "--role",
                    target.role(),
                    "--environment",
                    target.environ(),
                    "--sandbox",
                    sandbox.toString(),
                    "--max-restarts",
                    Integer.toString(maxRestarts),
                    "--restart-backoff",
                    restartBackoff.toString(),
                    "--max-restart-backoff",
                    maxRestartBackoff.toString(),
                    "--kill-grace",
                    killGrace.toString(),
                    "--host",
                    host,
                    "--port",
                    Integer.toString(port),
                    "--"));
            arguments.addAll(executorCommandTemplate);
            return arguments;
        }

        /**
         * Parses {@link #toArguments}.
         *
         * @throws EgretException {@code USER_ERROR} naming a missing or malformed argument
         */
        public static Settings fromArguments(List<String> arguments) {
            requireNonNull(arguments, "arguments is null");
            Map<String, String> options = new HashMap<>();
            int index = 0;
            while (index < arguments.size() && !arguments.get(index).equals("--")) {
                String option = arguments.get(index);
                if (!option.startsWith("--") || index + 1 >= arguments.size()) {
                    throw EgretException.userError("scheduler service argument '" + option
                            + "' is not '--name value'; arguments were " + arguments);
                }
                options.put(option.substring(2), arguments.get(index + 1));
                index += 2;
            }
            List<String> executorCommand =
                    index < arguments.size() ? arguments.subList(index + 1, arguments.size()) : List.of();
            try {
                return new Settings(
                        TopologyName.of(required(options, "topology-name")),
                        TopologyId.of(required(options, "topology-id")),
                        new ClusterTarget(
                                required(options, "cluster"),
                                required(options, "role"),
                                required(options, "environment")),
                        Path.of(required(options, "sandbox")),
                        executorCommand,
                        Integer.parseInt(required(options, "max-restarts")),
                        Duration.parse(required(options, "restart-backoff")),
                        Duration.parse(required(options, "max-restart-backoff")),
                        Duration.parse(required(options, "kill-grace")),
                        required(options, "host"),
                        Integer.parseInt(required(options, "port")));
            } catch (NumberFormatException | DateTimeParseException e) {
                throw new EgretException(
                        ErrorCode.USER_ERROR, "malformed scheduler service argument: " + e.getMessage(), e);
            }
        }

        private static String required(Map<String, String> options, String name) {
            String value = options.get(name);
            if (value == null) {
                throw EgretException.userError("scheduler service argument --" + name + " is missing");
            }
            return value;
        }
    }
}
