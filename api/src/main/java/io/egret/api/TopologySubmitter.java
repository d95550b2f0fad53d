package io.egret.api;

import static java.util.Objects.requireNonNull;

import io.egret.codec.EgretJson;
import io.egret.domain.topology.TopologyDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Submits a topology from its main method. The main method is run by {@code heron submit}, which collects the
 * topology and deploys it; running the main method on its own deploys nothing.
 */
public final class TopologySubmitter {
    /**
     * The system property through which {@code heron submit} tells the main method where to write the topology
     * definition.
     */
    public static final String DEFINITION_FILE_PROPERTY = "egret.topology.definition.file";

    private TopologySubmitter() {}

    /**
     * Hands the topology to {@code heron submit}.
     *
     * @param name the topology name: letters, digits, '.', '_' or '-'
     * @throws IllegalStateException if the main method was not started by {@code heron submit}
     * @throws io.egret.domain.error.EgretException {@code USER_ERROR} if the topology is invalid
     * @throws UncheckedIOException if the definition cannot be written
     */
    public static void submitTopology(String name, Config config, Topology topology) {
        requireNonNull(name, "name is null");
        requireNonNull(config, "config is null");
        requireNonNull(topology, "topology is null");
        String file = System.getProperty(DEFINITION_FILE_PROPERTY);
        if (file == null || file.isBlank()) {
            throw new IllegalStateException("topology '" + name
                    + "' was not submitted: run this topology with 'heron submit <cluster> <jar> <main class> ...'"
                    + " (system property " + DEFINITION_FILE_PROPERTY + " is not set)");
        }
        writeDefinition(topology.toDefinition(name, config), Path.of(file));
    }

    /** Writes the definition as Egret JSON, atomically: readers see the whole file or none. */
    static void writeDefinition(TopologyDefinition definition, Path target) {
        Path absolute = target.toAbsolutePath();
        Path temporary = absolute.resolveSibling(absolute.getFileName() + ".tmp");
        try {
            Files.write(temporary, EgretJson.toBytes(definition));
            try {
                Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the topology definition to " + absolute, e);
        }
    }
}
