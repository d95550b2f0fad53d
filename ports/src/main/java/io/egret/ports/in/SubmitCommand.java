package io.egret.ports.in;

import static java.util.Objects.requireNonNull;

import io.egret.domain.topology.ClusterTarget;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code heron submit}.
 *
 * @param topologyFile the author's jar (or tar)
 * @param className the author's main class
 * @param arguments arguments for the main class (by convention the first is the topology name)
 * @param systemProperties {@code --topology-main-jvm-property} values
 * @param deployDeactivated start with spouts paused
 * @param replace kill a running topology of the same name first
 * @param waitUntil when to return
 * @param timeout how long to wait at most
 * @param extraClassPath {@code --extra-launch-classpath}: more jars or directories the main class runs with
 */
public record SubmitCommand(
        ClusterTarget target,
        String submitUser,
        Path topologyFile,
        String className,
        List<String> arguments,
        Map<String, String> systemProperties,
        boolean deployDeactivated,
        boolean dryRun,
        boolean replace,
        WaitCondition waitUntil,
        Duration timeout,
        List<Path> extraClassPath) {
    public SubmitCommand {
        requireNonNull(target, "target is null");
        requireNonNull(submitUser, "submitUser is null");
        requireNonNull(topologyFile, "topologyFile is null");
        requireNonNull(className, "className is null");
        arguments = List.copyOf(requireNonNull(arguments, "arguments is null"));
        systemProperties = Map.copyOf(requireNonNull(systemProperties, "systemProperties is null"));
        requireNonNull(waitUntil, "waitUntil is null");
        requireNonNull(timeout, "timeout is null");
        extraClassPath = List.copyOf(requireNonNull(extraClassPath, "extraClassPath is null"));
    }

    /** A command without extra class path entries. */
    public SubmitCommand(
            ClusterTarget target,
            String submitUser,
            Path topologyFile,
            String className,
            List<String> arguments,
            Map<String, String> systemProperties,
            boolean deployDeactivated,
            boolean dryRun,
            boolean replace,
            WaitCondition waitUntil,
            Duration timeout) {
        this(
                target,
                submitUser,
                topologyFile,
                className,
                arguments,
                systemProperties,
                deployDeactivated,
                dryRun,
                replace,
                waitUntil,
                timeout,
                List.of());
    }
}
