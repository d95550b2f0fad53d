package io.egret.heron.submit;

import io.egret.codec.EgretJson;
import io.egret.domain.error.EgretException;
import io.egret.domain.topology.TopologyDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.heron.api.utils.Utils;

/**
 * The main class {@code heron submit} runs in the author's JVM for a jar built against Heron's API:
 * {@code HeronSubmitMain <author's main class> [arguments...]}. It runs the author's main class as Heron's CLI does
 * (the {@code HERON_OPTIONS} environment names the directory where {@code HeronSubmitter} writes
 * {@code <topology>.defn}), then turns that definition into Egret's and writes it, as Egret JSON, where the
 * {@value #DEFINITION_FILE_PROPERTY} system property says. A main that submits through Egret's own API writes that
 * file itself and is left alone.
 *
 * <p>A main that ends with {@code System.exit} is served by a shutdown hook. A definition Egret cannot run ends the
 * JVM with status {@value #INVALID_TOPOLOGY_STATUS} and one stderr line starting {@value #ERROR_PREFIX}.
 */
public final class HeronSubmitMain {
    /** Where Egret's loader wants the Egret definition (the same property Egret's API writes to). */
    public static final String DEFINITION_FILE_PROPERTY = "egret.topology.definition.file";

    /** Heron's command-line option naming the directory {@code HeronSubmitter} writes to. */
    public static final String DEFINITION_DIRECTORY_OPTION = "cmdline.topologydefn.tmpdirectory";

    /** Starts the one stderr line that says why a submitted Heron topology cannot run on Egret. */
    public static final String ERROR_PREFIX = "egret-heron: ";

    /** The exit status after such a line. */
    public static final int INVALID_TOPOLOGY_STATUS = 3;

    private static final String DEFINITION_SUFFIX = ".defn";

    private HeronSubmitMain() {}

    public static void main(String[] args) throws Throwable {
        if (args.length == 0) {
            System.err.println(ERROR_PREFIX + "usage: HeronSubmitMain <main class> [arguments...]");
            System.exit(2);
        }
        Path egretFile = Path.of(requiredProperty(DEFINITION_FILE_PROPERTY));
        String directory = Utils.readCommandLineOpts().get(DEFINITION_DIRECTORY_OPTION);
        if (directory == null || directory.isBlank()) {
            System.err.println(ERROR_PREFIX + "HERON_OPTIONS does not set " + DEFINITION_DIRECTORY_OPTION);
            System.exit(2);
        }
        Converter converter = new Converter(Path.of(directory), egretFile);
        Runtime.getRuntime().addShutdownHook(new Thread(converter::convertOnExit, "egret-heron-definition"));
        Method main = mainMethod(args[0]);
        try {
            main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            // As the java launcher reports an exception from main; the loader shows its last lines.
            System.err.print("Exception in thread \"main\" ");
            e.getCause().printStackTrace();
            converter.skip();
            System.exit(1);
        }
        converter.convert();
    }

    private static Method mainMethod(String className) {
        Class<?> mainClass;
        try {
            mainClass = Class.forName(className, false, ClassLoader.getSystemClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            // The java launcher's words, which the loader recognises.
            System.err.println("Error: Could not find or load main class " + className);
            System.err.println("Caused by: " + e);
            System.exit(1);
            throw new AssertionError("unreachable");
        }
        try {
            Method main = mainClass.getMethod("main", String[].class);
            if (!Modifier.isStatic(main.getModifiers()) || main.getReturnType() != void.class) {
                throw new NoSuchMethodException("main is not static void");
            }
            return main;
        } catch (NoSuchMethodException e) {
            System.err.println("Error: Main method not found in class " + className
                    + ", please define the main method as: public static void main(String[] args)");
            System.exit(1);
            throw new AssertionError("unreachable");
        }
    }

    private static String requiredProperty(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            System.err.println(ERROR_PREFIX + "system property " + name + " is not set; run this through heron submit");
            System.exit(2);
        }
        return value;
    }

    /** Converts at most once: after main returns, or in the shutdown hook when main called System.exit. */
    static final class Converter {
        private final Path directory;
        private final Path egretFile;
        private final AtomicBoolean done = new AtomicBoolean();

        Converter(Path directory, Path egretFile) {
            this.directory = directory;
            this.egretFile = egretFile;
        }

        void skip() {
            done.set(true);
        }

        void convert() {
            try {
                convertOnce();
            } catch (EgretException | UncheckedIOException e) {
                System.err.println(ERROR_PREFIX + e.getMessage().replaceAll("\\s+", " "));
                System.exit(INVALID_TOPOLOGY_STATUS);
            }
        }

        void convertOnExit() {
            try {
                convertOnce();
            } catch (EgretException | UncheckedIOException e) {
                System.err.println(ERROR_PREFIX + e.getMessage().replaceAll("\\s+", " "));
                System.err.flush();
                Runtime.getRuntime().halt(INVALID_TOPOLOGY_STATUS);
            }
        }

        private void convertOnce() {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            List<Path> definitions = definitions();
            if (definitions.isEmpty()) {
                // Nothing submitted through Heron's API; Egret's loader says what is missing.
                return;
            }
            if (definitions.size() > 1) {
                throw EgretException.userError("the main class submitted " + definitions.size()
                        + " topologies; submit exactly one topology per main class run");
            }
            byte[] protobuf;
            try {
                protobuf = Files.readAllBytes(definitions.get(0));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + definitions.get(0) + ": " + e.getMessage(), e);
            }
            write(HeronDefinitionReader.read(protobuf));
        }

        private List<Path> definitions() {
            try (Stream<Path> files = Files.list(directory)) {
                return files.filter(file -> file.getFileName().toString().endsWith(DEFINITION_SUFFIX))
                        .sorted()
                        .toList();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + directory + ": " + e.getMessage(), e);
            }
        }

        /** Atomically: the loader sees the whole file or none. */
        private void write(TopologyDefinition definition) {
            Path target = egretFile.toAbsolutePath();
            Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
            try {
                Files.write(temporary, EgretJson.toBytes(definition));
                try {
                    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, target);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
            }
        }
    }
}
