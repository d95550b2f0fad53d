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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The executor's command line, as {@code --name=value} flags. See {@link #USAGE}.
 *
 * @param stateRoot the state store's root ({@code heron.statemgr.root.path})
 * @param stateConnection the state store's connection string ({@code heron.statemgr.connection.string}); may be
 *     empty
 * @param packageUri where containers 1 and up fetch the topology package; empty for container 0
 * @param definitionFile the definition's file name inside the package; empty means {@code <topology>.defn.json}
 * @param host the address other processes use to reach this container
 * @param bindHost the address this container's ports listen on
 */
public record ExecutorArguments(
        TopologyName topologyName,
        TopologyId topologyId,
        int containerId,
        String stateRoot,
        String stateConnection,
        Optional<URI> packageUri,
        String definitionFile,
        Path workingDirectory,
        String host,
        String bindHost,
        int masterServerPort,
        int masterControllerPort,
        int dataPort,
        Duration stateChangeTimeout) {

    public static final String USAGE = String.join(
            "\n",
            "Usage: heron-executor --topology-name=NAME --topology-id=ID --container-id=N --state-root=PATH [options]",
            "",
            "Runs one container of a topology. Container 0 runs the topology master; containers 1 and up run a",
            "stream manager and their instances.",
            "",
            "Required:",
            "  --topology-name=NAME          the topology's name",
            "  --topology-id=ID              the submission's topology id; records of other incarnations are ignored",
            "  --container-id=N              0 for the topology master, 1 and up for instance containers",
            "  --state-root=PATH             the state store root (heron.statemgr.root.path)",
            "  --package-uri=URI             where containers 1 and up fetch topology.tar.gz (file: URIs)",
            "",
            "Options:",
            "  --state-connection=STRING     the state store connection string (default: empty)",
            "  --topology-defn-file=NAME     the definition file in the package (default: NAME.defn.json)",
            "  --working-dir=PATH            where the package is unpacked (default: the current directory)",
            "  --host=HOST                   the address other containers and the CLI use (default: this host's name)",
            "  --bind-host=HOST              the address ports listen on (default: 0.0.0.0)",
            "  --tm-server-port=PORT         container 0: port stream managers register on (default 0: ephemeral)",
            "  --tm-controller-port=PORT     container 0: HTTP control port (default 0: ephemeral)",
            "  --data-port=PORT              containers 1+: port other stream managers send tuples to (default 0)",
            "  --state-change-timeout-seconds=N  container 0: how long activate/deactivate wait (default 15)",
            "  --help                        prints this text",
            "",
            "Exit codes: 0 after a clean shutdown (SIGTERM), 1 when the container failed, 2 for bad arguments.",
            "");

    private static final List<String> FLAGS = List.of(
            "topology-name",
            "topology-id",
            "container-id",
            "state-root",
            "state-connection",
            "package-uri",
            "topology-defn-file",
            "working-dir",
            "host",
            "bind-host",
            "tm-server-port",
            "tm-controller-port",
            "data-port",
            "state-change-timeout-seconds");

    public ExecutorArguments {
        requireNonNull(topologyName, "topologyName is null");
        requireNonNull(topologyId, "topologyId is null");
        requireNonNull(stateRoot, "stateRoot is null");
        requireNonNull(stateConnection, "stateConnection is null");
        requireNonNull(packageUri, "packageUri is null");
        requireNonNull(definitionFile, "definitionFile is null");
        requireNonNull(workingDirectory, "workingDirectory is null");
        requireNonNull(host, "host is null");
        requireNonNull(bindHost, "bindHost is null");
        requireNonNull(stateChangeTimeout, "stateChangeTimeout is null");
        if (containerId < 0) {
            throw EgretException.userError("--container-id must be 0 or more, got " + containerId);
        }
        if (containerId > 0 && packageUri.isEmpty()) {
            throw EgretException.userError("container " + containerId + " needs --package-uri");
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
        for (String argument : args) {
            int equals = argument.indexOf('=');
            if (!argument.startsWith("--") || equals < 3) {
                throw EgretException.userError("unexpected argument '" + argument + "'; flags look like --name=value");
            }
            String name = argument.substring(2, equals);
            if (!FLAGS.contains(name)) {
                throw EgretException.userError("unknown flag --" + name + "; see --help");
            }
            values.put(name, argument.substring(equals + 1));
        }
        return new ExecutorArguments(
                TopologyName.of(required(values, "topology-name")),
                TopologyId.of(required(values, "topology-id")),
                integer(values, "container-id", null),
                required(values, "state-root"),
                values.getOrDefault("state-connection", ""),
                Optional.ofNullable(values.get("package-uri")).map(ExecutorArguments::uri),
                values.getOrDefault("topology-defn-file", ""),
                Path.of(values.getOrDefault("working-dir", ".")),
                values.getOrDefault("host", defaultHost()),
                values.getOrDefault("bind-host", "0.0.0.0"),
                integer(values, "tm-server-port", 0),
                integer(values, "tm-controller-port", 0),
                integer(values, "data-port", 0),
                Duration.ofSeconds(integer(values, "state-change-timeout-seconds", 15)));
    }

    /** The flags that reproduce these arguments. */
    public List<String> toFlags() {
        List<String> flags = new ArrayList<>(List.of(
                "--topology-name=" + topologyName,
                "--topology-id=" + topologyId,
                "--container-id=" + containerId,
                "--state-root=" + stateRoot,
                "--state-connection=" + stateConnection,
                "--topology-defn-file=" + definitionFile,
                "--working-dir=" + workingDirectory,
                "--host=" + host,
                "--bind-host=" + bindHost,
                "--tm-server-port=" + masterServerPort,
                "--tm-controller-port=" + masterControllerPort,
                "--data-port=" + dataPort,
                "--state-change-timeout-seconds=" + stateChangeTimeout.toSeconds()));
        packageUri.ifPresent(uri -> flags.add("--package-uri=" + uri));
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
