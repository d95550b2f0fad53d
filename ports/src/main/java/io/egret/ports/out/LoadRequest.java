package io.egret.ports.out;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How to run a topology author's main class.
 *
 * @param topologyFile the author's jar (or tar)
 * @param systemProperties {@code --topology-main-jvm-property} values, passed as {@code -D}
 * @param extraClassPath {@code --extra-launch-classpath}: more jars or directories the main class runs with
 */
public record LoadRequest(
        Path topologyFile,
        String className,
        List<String> arguments,
        Map<String, String> systemProperties,
        List<Path> extraClassPath) {
    public LoadRequest {
        requireNonNull(topologyFile, "topologyFile is null");
        requireNonNull(className, "className is null");
        arguments = List.copyOf(requireNonNull(arguments, "arguments is null"));
        systemProperties = Map.copyOf(requireNonNull(systemProperties, "systemProperties is null"));
        extraClassPath = List.copyOf(requireNonNull(extraClassPath, "extraClassPath is null"));
    }

    /** A request without extra class path entries. */
    public LoadRequest(
            Path topologyFile, String className, List<String> arguments, Map<String, String> systemProperties) {
        this(topologyFile, className, arguments, systemProperties, List.of());
    }
}
