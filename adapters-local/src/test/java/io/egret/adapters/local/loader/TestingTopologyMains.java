package io.egret.adapters.local.loader;

import io.egret.adapters.local.testing.TestingTopologies;
import io.egret.codec.EgretJson;
import io.egret.domain.topology.TopologyDefinition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Topology main classes for the loader tests, run in child JVMs. They play the part of the Egret API: they write
 * the definition to the file named by {@code egret.topology.definition.file} the way {@code TopologySubmitter}
 * does (temporary file, then an atomic replace).
 */
final class TestingTopologyMains {
    private TestingTopologyMains() {}

    static void submit(TopologyDefinition definition) throws IOException {
        submitBytes(EgretJson.toBytes(definition));
    }

    static void submitBytes(byte[] json) throws IOException {
        Path target = Path.of(System.getProperty(ProcessTopologyLoader.DEFINITION_FILE_PROPERTY));
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        Files.write(temporary, json);
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Submits a topology named by the first argument, with a config value taken from a system property. */
    static final class Submitting {
        public static void main(String[] arguments) throws IOException {
            TopologyDefinition definition = TestingTopologies.definition(arguments[0])
                    .withConfig("from.property", System.getProperty("test.property", "unset"))
                    .withConfig("argument.count", Integer.toString(arguments.length));
            submit(definition);
        }
    }

    static final class Throwing {
        public static void main(String[] arguments) {
            throw new IllegalStateException("spout 'sentence' needs the config key sentences.file");
        }
    }

    static final class Exiting {
        public static void main(String[] arguments) {
            System.err.println("cannot reach the schema registry");
            System.exit(3);
        }
    }

    static final class Silent {
        public static void main(String[] arguments) {
            System.out.println("built a topology but forgot to submit it");
        }
    }

    static final class Twice {
        public static void main(String[] arguments) throws IOException {
            submit(TestingTopologies.definition("first"));
            submit(TestingTopologies.definition("second"));
        }
    }

    static final class Garbage {
        public static void main(String[] arguments) throws IOException {
            submitBytes("{\"name\": \"wordcount\", \"components\": ".getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Fails the way a main does when the API is missing from its class path. */
    static final class MissingApi {
        public static void main(String[] arguments) {
            throw new NoClassDefFoundError("io/egret/api/TopologySubmitter");
        }
    }

    /** Starts a grandchild process, records its pid in the file named by the first argument, and hangs. */
    static final class Hanging {
        public static void main(String[] arguments) throws Exception {
            Process grandchild = new ProcessBuilder("sleep", "600").start();
            Files.writeString(Path.of(arguments[0]), Long.toString(grandchild.pid()));
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
