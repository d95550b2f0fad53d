package io.egret.adapters.marathon.group;

import static java.util.Objects.requireNonNull;

import io.egret.adapters.marathon.MarathonAdapterConfig;
import io.egret.domain.topology.ClusterTarget;
import io.egret.domain.topology.TopologyId;
import io.egret.domain.topology.TopologyName;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The shell command of one container's app ({@code cmd}, run by Marathon with {@code /bin/sh -c}): the executor
 * with the ports Marathon assigns. Ports are named and always in this order, so {@code $PORT0} is the server port
 * and {@code $PORT1} the topology master's control port in every app.
 */
public final class ExecutorCommand {
    /** The port names, in the order of the app's {@code portDefinitions} and of {@code $PORT0}, {@code $PORT1}. */
    public static final List<String> PORT_NAMES = List.of("server", "tmanager-ctl");

    /** Index of the port the topology master serves its HTTP control API (and {@code /health}) on. */
    public static final int CONTROL_PORT_INDEX = 1;

    /** Index of the port every container serves tuples (or, in container 0, registrations) on. */
    public static final int SERVER_PORT_INDEX = 0;

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:/=@%+,-]+");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?[A-Za-z_][A-Za-z0-9_]*}?(/[A-Za-z0-9._/-]*)?");

    private ExecutorCommand() {}

    /** The command for one container, whose executor gets {@code heapMb} of heap at most. */
    public static String render(
            MarathonAdapterConfig.Executor executor,
            TopologyName name,
            TopologyId id,
            ClusterTarget target,
            URI topologyPackage,
            int containerId,
            long heapMb) {
        requireNonNull(executor, "executor is null");
        List<String> parts = new ArrayList<>();
        parts.add("cd \"$MESOS_SANDBOX\" &&");
        String binary;
        if (executor.corePackageUri().isPresent()) {
            // Marathon unpacks the core into the sandbox: under heron-core/ (Heron's layout) or at its root (Egret's).
            parts.add("CORE=heron-core && { [ -x \"$CORE/bin/heron-executor\" ] || CORE=.; } &&");
            binary = "\"$CORE/bin/heron-executor\"";
        } else {
            binary = quote(stripSlash(executor.coreDirectory()) + "/bin/heron-executor");
        }
        if (!executor.sandboxJavaHome().isBlank()) {
            parts.add("JAVA_HOME=" + javaHome(executor.sandboxJavaHome()));
        }
        parts.add("exec");
        parts.add(binary);
        parts.add(flag("topology-name", name.value()));
        parts.add(flag("topology-id", id.value()));
        parts.add(flag("container-id", Integer.toString(containerId)));
        // The executor JVM's heap bound, from the packing plan (see ExecutorHeap).
        parts.add(flag("heap-mb", Long.toString(heapMb)));
        parts.add(flag("state-connection", executor.stateConnection()));
        parts.add(flag("state-root", executor.stateRoot()));
        // Containers 1 and up fetch the package themselves, with the downloader for its URI's scheme.
        parts.add(flag("package-uri", topologyPackage.toString()));
        // Where the uploader's store is (an S3 endpoint, region): no secret, the container brings its credentials.
        executor.fetchSettings().forEach((key, value) -> parts.add(flag("fetch-config-property", key + "=" + value)));
        parts.add("--working-dir=\"$MESOS_SANDBOX\"");
        parts.add("--host=\"$HOST\"");
        parts.add("--bind-host=0.0.0.0");
        parts.add("--server-port=\"$PORT" + SERVER_PORT_INDEX + "\"");
        parts.add("--tmanager-controller-port=\"$PORT" + CONTROL_PORT_INDEX + "\"");
        parts.add(flag("cluster", target.cluster()));
        parts.add(flag("role", target.role()));
        parts.add(flag("environment", target.environ()));
        return String.join(" ", parts);
    }

    private static String flag(String name, String value) {
        return "--" + name + "=" + quote(value);
    }

    /** A value the shell must take literally. */
    static String quote(String value) {
        if (!value.isEmpty() && SAFE.matcher(value).matches()) {
            return value;
        }
        return "'" + value.replace("'", "'\\''") + "'";
    }

    /** {@code $JAVA_HOME} (the container's own) stays a variable; any other value is taken literally. */
    private static String javaHome(String value) {
        if (VARIABLE.matcher(value).matches()) {
            return "\"" + value + "\"";
        }
        return quote(value);
    }

    private static String stripSlash(String directory) {
        return directory.endsWith("/") && directory.length() > 1
                ? directory.substring(0, directory.length() - 1)
                : directory;
    }
}
