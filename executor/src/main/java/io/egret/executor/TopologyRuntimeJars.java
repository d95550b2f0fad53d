package io.egret.executor;

import io.egret.domain.error.EgretException;
import io.egret.domain.topology.TopologyDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The jars a topology's class loader needs besides the author's: for a topology built against Heron's API (its
 * definition says {@value #TOPOLOGY_API_KEY}: {@value #HERON_API}), heron-compat and heron-api from
 * {@code lib/heron-compat/} of this installation, beside the executor's own module path (heron-api cannot be a
 * named module, so they are never on it).
 */
final class TopologyRuntimeJars {
    static final String TOPOLOGY_API_KEY = "egret.topology.api";
    static final String HERON_API = "heron";
    private static final String HERON_DIRECTORY = "heron-compat";

    private TopologyRuntimeJars() {}

    /** @throws EgretException {@code USER_ERROR} if the topology needs jars this installation lacks */
    static List<Path> forDefinition(TopologyDefinition definition) {
        if (!HERON_API.equals(definition.config().get(TOPOLOGY_API_KEY))) {
            return List.of();
        }
        Path directory = libDirectory().resolve(HERON_DIRECTORY);
        List<Path> jars = jarsIn(directory);
        if (jars.isEmpty()) {
            throw EgretException.userError("topology '" + definition.name() + "' is built against Heron's API, but"
                    + " this core package has no Heron-API support (" + directory + " is missing or empty)");
        }
        return jars;
    }

    /** The directory the executor's own jar is in: the core package's {@code lib/}. */
    private static Path libDirectory() {
        try {
            return Path.of(TopologyRuntimeJars.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the executor's jar", e);
        }
    }

    private static List<Path> jarsIn(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".jar"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }
}
