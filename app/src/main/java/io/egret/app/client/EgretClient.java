package io.egret.app.client;

import static java.util.Objects.requireNonNull;

import com.google.inject.Injector;
import io.egret.domain.config.ClientConfig;
import io.egret.domain.config.ConfigEntry;
import io.egret.domain.config.ConfigKey;
import io.egret.domain.config.ConfigValidator;
import io.egret.domain.config.ConfigWarning;
import io.egret.domain.config.EffectiveConfig;
import io.egret.domain.config.ResolvedConfig;
import io.egret.domain.error.EgretException;
import io.egret.domain.topology.ClusterTarget;
import io.egret.modules.EgretWiring;
import io.egret.modules.config.ClusterConfigLoader;
import io.egret.modules.config.ConfigRequest;
import io.egret.modules.wiring.WiringContext;
import io.egret.ports.in.ActivateTopologyUseCase;
import io.egret.ports.in.DeactivateTopologyUseCase;
import io.egret.ports.in.KillCommand;
import io.egret.ports.in.KillResult;
import io.egret.ports.in.KillTopologyUseCase;
import io.egret.ports.in.LifecycleResult;
import io.egret.ports.in.ListQuery;
import io.egret.ports.in.ListTopologiesUseCase;
import io.egret.ports.in.RestartCommand;
import io.egret.ports.in.RestartTopologyUseCase;
import io.egret.ports.in.SubmitCommand;
import io.egret.ports.in.SubmitResult;
import io.egret.ports.in.SubmitTopologyUseCase;
import io.egret.ports.in.TopologyCommand;
import io.egret.ports.in.TopologyStatus;
import io.egret.ports.in.TopologyStatusUseCase;
import io.egret.ports.in.TopologySummary;
import io.egret.ports.in.UpdateCommand;
import io.egret.ports.in.UpdateResult;
import io.egret.ports.in.UpdateTopologyUseCase;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Egret for programs: the operations of the {@code heron} command with the same semantics, errors and results.
 * The CLI is built on it. One client serves one cluster; it is not thread-safe.
 *
 * <pre>{@code
 * try (EgretClient egret = EgretClient.open(EgretClientOptions.of(heronHome, "local"))) {
 *     ClusterTarget target = egret.target("local", "alice");
 *     egret.submit(new SubmitCommand(target, "alice", jar, "com.acme.Main", List.of("acme"), Map.of(),
 *             false, false, false, WaitCondition.RUNNING, Duration.ofMinutes(1)));
 * }
 * }</pre>
 */
public final class EgretClient implements AutoCloseable {
    private final EgretClientOptions options;
    private final ResolvedConfig resolved;
    private final Clock clock;
    private final Map<ClusterTarget, Injector> injectors = new HashMap<>();

    private EgretClient(EgretClientOptions options, ResolvedConfig resolved, Clock clock) {
        this.options = options;
        this.resolved = resolved;
        this.clock = clock;
    }

    /**
     * Loads the cluster's configuration: the cluster's files, then the options' config properties.
     *
     * @throws EgretException {@code USER_ERROR} for a missing cluster directory or invalid configuration
     */
    public static EgretClient open(EgretClientOptions options) {
        requireNonNull(options, "options is null");
        ConfigRequest request = new ConfigRequest(
                options.heronHome(),
                options.cluster(),
                Optional.of(options.configPath()),
                options.configProperties(),
                options.legacyConfigFile(),
                options.configLoader(),
                options.releaseFile(),
                options.strictConfig(),
                ConfigRequest.processEnvironment());
        return new EgretClient(options, new ClusterConfigLoader().load(request), Clock.systemUTC());
    }

    /** The cluster's effective configuration, before it is bound to a role and environ. */
    public EffectiveConfig config() {
        return resolved.config();
    }

    /** What loading the configuration found worth saying: unknown keys, old key names. */
    public List<ConfigWarning> warnings() {
        return resolved.warnings();
    }

    /**
     * Parses {@code CLUSTER[/ROLE[/ENV]]} with this cluster's rules: a missing role is the user, a missing environ
     * is {@code default}, unless the cluster's {@code client.yaml} requires them.
     */
    public ClusterTarget target(String spec, String submitUser) {
        ClientConfig client = ClientConfig.from(config());
        ClusterTarget target = ClusterTarget.parse(spec, submitUser, client.roleRequired(), client.environRequired());
        if (!target.cluster().equals(options.cluster())) {
            throw EgretException.userError(
                    "this client serves cluster '" + options.cluster() + "', not '" + target.cluster() + "'");
        }
        return target;
    }

    public SubmitResult submit(SubmitCommand command) {
        return useCase(command.target(), SubmitTopologyUseCase.class).submit(command);
    }

    public LifecycleResult activate(TopologyCommand command) {
        return useCase(command.target(), ActivateTopologyUseCase.class).activate(command);
    }

    public LifecycleResult deactivate(TopologyCommand command) {
        return useCase(command.target(), DeactivateTopologyUseCase.class).deactivate(command);
    }

    public KillResult kill(KillCommand command) {
        return useCase(command.target(), KillTopologyUseCase.class).kill(command);
    }

    public LifecycleResult restart(RestartCommand command) {
        return useCase(command.target(), RestartTopologyUseCase.class).restart(command);
    }

    public UpdateResult update(UpdateCommand command) {
        return useCase(command.target(), UpdateTopologyUseCase.class).update(command);
    }

    public TopologyStatus status(TopologyCommand command) {
        return useCase(command.target(), TopologyStatusUseCase.class).status(command);
    }

    public List<TopologySummary> list(ListQuery query) {
        // The wiring is per target; listing reads only the cluster's state root, so the defaults of an unqualified
        // target (this user, environ 'default') serve whatever role and environ the query filters on.
        ClusterTarget wiring = new ClusterTarget(
                query.cluster(),
                query.role().orElse(System.getProperty("user.name", "heron")),
                query.environ().orElse(ClusterTarget.DEFAULT_ENVIRON));
        return useCase(wiring, ListTopologiesUseCase.class).list(query);
    }

    /** Refuses a key Egret does not know (topology config keys are always allowed), with a "did you mean". */
    public void checkKnownKey(String key) {
        if (key.startsWith("topology.") || ConfigKey.find(key).isPresent()) {
            return;
        }
        throw EgretException.userError("unknown config key '" + key + "'"
                + ConfigValidator.suggestion(key)
                        .map(s -> "; did you mean " + s + "?")
                        .orElse(""));
    }

    /** {@code heron config CLUSTER explain KEY}: meaning, default, effective value and where it came from. */
    public Map<String, Object> explain(String key) {
        ConfigKey known = ConfigKey.find(key)
                .orElseThrow(() -> EgretException.userError("unknown config key '" + key + "'"
                        + ConfigValidator.suggestion(key)
                                .map(s -> "; did you mean " + s + "?")
                                .orElse("")));
        Map<String, Object> explanation = new LinkedHashMap<>();
        explanation.put("key", known.key());
        explanation.put("description", known.description());
        explanation.put("default", known.defaultValue().orElse("(none)"));
        Optional<ConfigEntry> entry = config().entry(known.key());
        explanation.put("value", entry.map(ConfigEntry::displayValue).orElse("(unset)"));
        explanation.put("source", entry.map(found -> found.source().toString()).orElse("(unset)"));
        if (!known.aliases().isEmpty()) {
            explanation.put("also accepted", String.join(", ", known.aliases()));
        }
        explanation.put("secret", known.isSecret());
        return explanation;
    }

    private <T> T useCase(ClusterTarget target, Class<T> type) {
        Injector injector = injectors.computeIfAbsent(target, this::createInjector);
        return EgretWiring.instance(injector, type);
    }

    private Injector createInjector(ClusterTarget target) {
        // ${SUBMIT_USER} is whoever runs this process, as Heron's CLI takes it; the role may be another name.
        EffectiveConfig bound = config().bind(target, System.getProperty("user.name", target.role()));
        WiringContext context = new WiringContext(bound, target, options.heronHome(), options.progress(), clock);
        return EgretWiring.injector(context, io.egret.app.cli.Release.version());
    }

    /** Releases state-store connections, topology-master connections and SSH tunnels; never changes a topology. */
    @Override
    public void close() {
        try {
            for (Injector injector : injectors.values()) {
                EgretWiring.close(injector);
            }
        } finally {
            injectors.clear();
        }
    }
}
