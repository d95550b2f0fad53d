package io.egret.executor;

import static java.util.Objects.requireNonNull;

import io.egret.domain.error.EgretException;
import io.egret.domain.topology.TopologyId;
import io.egret.domain.topology.TopologyName;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The executor's command line, as {@code --name=value} flags. See {@link #USAGE}. Heron's own executor flags are
 * understood too, so that schedulers and job files written for Heron's {@code heron-executor} start Egret's:
 * {@code --shard}, {@code --state-manager-root}, {@code --state-manager-connection},
 * {@code --state-manager-config-file}, {@code --tmanager-controller-port}, {@code --server-port}, {@code --cluster},
 * {@code --role} and {@code --environment} carry meaning; the rest of Heron's flags (binaries, class paths, JVM
 * options of Heron's C++ and Python processes) are accepted and ignored.
 *
 * @param stateRoot the state store's root ({@code heron.statemgr.root.path}); empty when the state store factory
 *     knows it from elsewhere
 * @param stateConnection the state store's connection string; may be empty
 * @param stateConfigFile the state store's config file ({@code statemgr.yaml}); may be empty
 * @param packageUri where containers 1 and up fetch the topology package; empty when the package is already
 *     unpacked in the working directory (a scheduler that prepares the sandbox, as the local scheduler does)
 * @param definitionFile the definition's file name inside the package; empty means {@code <topology>.defn.json}
 * @param host the address other processes use to reach this container
 * @param bindHost the address this container's ports listen on
 * @param cluster the cluster, role and environment, for logs; may be empty
 * @param fetchConfigFile a {@code key: value} file (such as the cluster's {@code uploader.yaml}) configuring the
 *     fetchers of {@code --package-uri} (region, endpoint, Hadoop config directory); may be empty
 * @param fetchConfig {@code --fetch-config-property} settings of the fetchers, which win over the file's
 */
public record ExecutorArguments(
        TopologyName topologyName,
        TopologyId topologyId,
        int containerId,
        String stateRoot,
        String stateConnection,
        String stateConfigFile,
        Optional<URI> packageUri,
        String definitionFile,
        Path workingDirectory,
        String host,
        String bindHost,
        int masterServerPort,
        int masterControllerPort,
        int dataPort,
        Duration stateChangeTimeout,
        String cluster,
        String fetchConfigFile,
        Map<String, String> fetchConfig) {

    public static final String USAGE = String.join(
            "\n",
            "Usage: heron-executor --topology-name=NAME --topology-id=ID --container-id=N [options]",
            "",
            "Runs one container of a topology. Container 0 runs the topology master; containers 1 and up run a",
            "stream manager and their instances.",
            "",
            "Required:",
            "  --topology-name=NAME          the topology's name",
            "  --topology-id=ID              the submission's topology id; records of other incarnations are ignored",
            "  --container-id=N              0 for the topology master, 1 and up for instance containers (Heron: --shard)",
            "",
            "Options:",
            "  --state-root=PATH             the state store root (Heron: --state-manager-root)",
            "  --state-connection=STRING     the state store connection string (Heron: --state-manager-connection)",
            "  --state-config-file=PATH      the state store config file (Heron: --state-manager-config-file)",
            "  --package-uri=URI             where containers 1 and up fetch topology.tar.gz (file:, http(s):, and",
            "                                hdfs: or s3: when installed; #sha256=HEX verifies it); without it the",
            "                                package must already be unpacked in the working directory",
            "  --fetch-config-file=PATH      key: value file configuring the fetchers (e.g. the cluster's uploader.yaml)",
            "  --fetch-config-property=KEY=VALUE  one fetcher setting, winning over the file's (repeatable)",
            "  --topology-defn-file=NAME     the definition file in the package (default: NAME.defn.json)",
            "  --working-dir=PATH            where the package is (or is unpacked) (default: the current directory)",
            "  --host=HOST                   the address other containers and the CLI use (default: this host's name)",
            "  --bind-host=HOST              the address ports listen on (default: 0.0.0.0)",
            "  --tm-server-port=PORT         container 0: port stream managers register on (default 0: ephemeral)",
            "  --tm-controller-port=PORT     container 0: HTTP control port (default 0) (Heron: --tmanager-controller-port)",
            "  --data-port=PORT              containers 1+: port other stream managers send tuples to (default 0)",
            "                                (Heron: --server-port, which in container 0 sets --tm-server-port)",
            "  --state-change-timeout-seconds=N  container 0: how long activate/deactivate wait (default 15)",
            "  --cluster=C --role=R --environment=E  where the topology runs, for logs",
            "  --help                        prints this text",
            "",
            "Other Heron executor flags (binaries, class paths, JVM options) are accepted and ignored.",
            "Exit codes: 0 after a clean shutdown (SIGTERM), 1 when the container failed, 2 for bad arguments.",
            "");

    private static final List<String> FLAGS = List.of(
            "topology-name",
            "topology-id",
            "container-id",
            "state-root",
            "state-connection",
            "state-config-file",
            "package-uri",
            "fetch-config-file",
            "topology-defn-file",
            "working-dir",
            "host",
            "bind-host",
            "tm-server-port",
            "tm-controller-port",
            "data-port",
            "state-change-timeout-seconds",
            "cluster",
            "role",
            "environment");

    /** Heron's names for flags this executor has under its own names. */
    private static final Map<String, String> HERON_ALIASES = Map.of(
            "shard", "container-id",
            "state-manager-root", "state-root",
            "state-manager-connection", "state-connection",
            "state-manager-config-file", "state-config-file",
            "tmanager-controller-port", "tm-controller-port");

    /** Heron's flags for its own processes (C++ managers, Python instances, metrics, checkpoints): no meaning here. */
    private static final Set<String> IGNORED_HERON_FLAGS = Set.of(
            "tmanager-binary",
            "stmgr-binary",
            "metrics-manager-classpath",
            "instance-jvm-opts",
            "classpath",
            "heron-internals-config-file",
            "override-config-file",
            "component-ram-map",
            "component-jvm-opts",
            "pkg-type",
            "topology-binary-file",
            "heron-java-home",
            "verbose-gc",
            "heron-shell-binary",
            "instance-classpath",
            "metrics-sinks-config-file",
            "scheduler-classpath",
            "python-instance-binary",
            "cpp-instance-binary",
            "metricscache-manager-classpath",
            "metricscache-manager-mode",
            "is-stateful",
            "checkpoint-manager-classpath",
            "stateful-config-file",
            "checkpoint-manager-ram",
            "health-manager-mode",
            "health-manager-classpath",
            "tmanager-stats-port",
            "shell-port",
            "metrics-manager-port",
            "scheduler-port",
            "metricscache-manager-server-port",
            "metricscache-manager-stats-port",
            "checkpoint-manager-port",
            "jvm-remote-debugger-ports");

    public ExecutorArguments {
        requireNonNull(topologyName, "topologyName is null");
        requireNonNull(topologyId, "topologyId is null");
        requireNonNull(stateRoot, "stateRoot is null");
        requireNonNull(stateConnection, "stateConnection is null");
        requireNonNull(stateConfigFile, "stateConfigFile is null");
        requireNonNull(packageUri, "packageUri is null");
        requireNonNull(definitionFile, "definitionFile is null");
        requireNonNull(workingDirectory, "workingDirectory is null");
        requireNonNull(host, "host is null");
        requireNonNull(bindHost, "bindHost is null");
        requireNonNull(stateChangeTimeout, "stateChangeTimeout is null");
        requireNonNull(cluster, "cluster is null");
        requireNonNull(fetchConfigFile, "fetchConfigFile is null");
        fetchConfig = Collections.unmodifiableMap(new LinkedHashMap<>(fetchConfig));
        if (containerId < 0) {
            throw EgretException.userError("--container-id must be 0 or more, got " + containerId);
        }
    }

    /** Whether the arguments ask for help. */
    public static boolean wantsHelp(String[] args) {
        return args.length == 0
                || List.of(args).contains("--help")
                || List.of(args).contains("-h");
    }

    /**
     * @throws EgretException {@code USER_ERROR} naming the flag that is missing, unknown or malformed
     */
    public static ExecutorArguments parse(String[] args) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> fetchConfig = new LinkedHashMap<>();
        String serverPort = null;
        for (String argument : args) {
            int equals = argument.indexOf('=');
            String name =
                    argument.startsWith("--") ? argument.substring(2, equals < 0 ? argument.length() : equals) : "";
            if (IGNORED_HERON_FLAGS.contains(name)) {
                continue;
            }
            if (!argument.startsWith("--") || equals < 3) {
                throw EgretException.userError("unexpected argument '" + argument + "'; flags look like --name=value");
            }
            String value = argument.substring(equals + 1);
            if (name.equals("server-port")) {
                serverPort = value;
                continue;
            }
            if (name.equals("fetch-config-property")) {
                int split = value.indexOf('=');
                if (split <= 0) {
                    throw EgretException.userError("--fetch-config-property needs KEY=VALUE, got '" + value + "'");
                }
                fetchConfig.put(value.substring(0, split), value.substring(split + 1));
                continue;
            }
            String canonical = HERON_ALIASES.getOrDefault(name, name);
            if (!FLAGS.contains(canonical)) {
                throw EgretException.userError("unknown flag --" + name + "; see --help");
            }
            values.put(canonical, value);
        }
        TopologyName topologyName = TopologyName.of(required(values, "topology-name"));
        TopologyId topologyId = TopologyId.of(required(values, "topology-id"));
        int containerId = integer(values, "container-id", null);
        if (serverPort != null) {
            // Heron gives every container one server port: the master's in container 0, the stream manager's else.
            values.putIfAbsent(containerId == 0 ? "tm-server-port" : "data-port", serverPort);
        }
        String cluster = String.join(
                "/",
                values.getOrDefault("cluster", ""),
                values.getOrDefault("role", ""),
                values.getOrDefault("environment", ""));
        return new ExecutorArguments(
                topologyName,
                topologyId,
                containerId,
                values.getOrDefault("state-root", ""),
                values.getOrDefault("state-connection", ""),
                values.getOrDefault("state-config-file", ""),
                Optional.ofNullable(values.get("package-uri")).map(ExecutorArguments::uri),
                values.getOrDefault("topology-defn-file", ""),
                Path.of(values.getOrDefault("working-dir", ".")),
                values.getOrDefault("host", defaultHost()),
                values.getOrDefault("bind-host", "0.0.0.0"),
                integer(values, "tm-server-port", 0),
                integer(values, "tm-controller-port", 0),
                integer(values, "data-port", 0),
                Duration.ofSeconds(integer(values, "state-change-timeout-seconds", 15)),
                cluster.equals("//") ? "" : cluster,
                values.getOrDefault("fetch-config-file", ""),
                fetchConfig);
    }

    /** The flags that reproduce these arguments. */
    public List<String> toFlags() {
        List<String> flags = new ArrayList<>(List.of(
                "--topology-name=" + topologyName,
                "--topology-id=" + topologyId,
                "--container-id=" + containerId,
                "--state-root=" + stateRoot,
                "--state-connection=" + stateConnection,
                "--state-config-file=" + stateConfigFile,
                "--topology-defn-file=" + definitionFile,
                "--working-dir=" + workingDirectory,
                "--host=" + host,
                "--bind-host=" + bindHost,
                "--tm-server-port=" + masterServerPort,
                "--tm-controller-port=" + masterControllerPort,
                "--data-port=" + dataPort,
                "--state-change-timeout-seconds=" + stateChangeTimeout.toSeconds()));
        packageUri.ifPresent(uri -> flags.add("--package-uri=" + uri));
        if (!fetchConfigFile.isEmpty()) {
            flags.add("--fetch-config-file=" + fetchConfigFile);
        }
        fetchConfig.forEach((key, value) -> flags.add("--fetch-config-property=" + key + "=" + value));
        if (!cluster.isEmpty()) {
            String[] parts = cluster.split("/", -1);
            flags.add("--cluster=" + parts[0]);
            flags.add("--role=" + parts[1]);
            flags.add("--environment=" + parts[2]);
        }
        return flags;
    }

    private static String required(Map<String, String> values, String name) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw EgretException.userError("missing --" + name + "; see --help");
        }
        return value;
    }

    private static int integer(Map<String, String> values, String name, Integer defaultValue) {
        String value = defaultValue == null ? required(values, name) : values.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw EgretException.userError("--" + name + " must be a whole number, got '" + value + "'");
        }
    }

    private static URI uri(String value) {
        try {
            return URI.create(value);
        } catch (IllegalArgumentException e) {
            throw EgretException.userError("--package-uri is not a URI: '" + value + "'");
        }
    }

    private static String defaultHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return InetAddress.getLoopbackAddress().getHostAddress();
        }
    }
}
