package io.egret.adapters.local.loader;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The topology API a jar was built against, told from its class files without loading them: a class that refers
 * to {@code org/apache/heron/api/} was compiled against Heron's API, one that refers to
 * {@code com/twitter/heron/api/} against Heron's API of the Twitter era (0.17 and earlier). The main class is read
 * first, so that the usual jar is decided by one entry.
 */
enum TopologyApi {
    EGRET,
    HERON,
    TWITTER_HERON;

    private static final byte[] EGRET_API = "io/egret/api/".getBytes(US_ASCII);
    private static final byte[] HERON_API = "org/apache/heron/api/".getBytes(US_ASCII);
    private static final byte[] TWITTER_HERON_API = "com/twitter/heron/api/".getBytes(US_ASCII);

    /**
     * @param classPath the topology's class path entries: jars, directories, and {@code dir/*} for the jars in dir
     */
    static TopologyApi of(List<String> classPath, String mainClass) {
        List<Path> jars = new ArrayList<>();
        List<Path> directories = new ArrayList<>();
        for (String entry : classPath) {
            if (entry.endsWith(File.separator + "*")) {
                jars.addAll(jarsIn(Path.of(entry.substring(0, entry.length() - 2))));
            } else if (Files.isDirectory(Path.of(entry))) {
                directories.add(Path.of(entry));
            } else if (Files.isRegularFile(Path.of(entry))) {
                jars.add(Path.of(entry));
            }
        }
        String mainEntry = mainClass.replace('.', '/') + ".class";
        for (Path jar : jars) {
            Optional<TopologyApi> main = inJar(jar, mainEntry);
            if (main.isPresent()) {
                return main.get();
            }
        }
        for (Path jar : jars) {
            Optional<TopologyApi> any = inJar(jar, null);
            if (any.isPresent()) {
                return any.get();
            }
        }
        for (Path directory : directories) {
            Optional<TopologyApi> any = inDirectory(directory);
            if (any.isPresent()) {
                return any.get();
            }
        }
        return EGRET;
    }

    /** With {@code onlyEntry}, that entry alone; else every class until one decides. */
    private static Optional<TopologyApi> inJar(Path jar, String onlyEntry) {
        try (JarFile file = new JarFile(jar.toFile(), false)) {
            if (onlyEntry != null) {
                JarEntry entry = file.getJarEntry(onlyEntry);
                return entry == null ? Optional.empty() : decide(file, entry);
            }
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (entry.getName().startsWith("org/apache/heron/api/")) {
                    // Heron's API bundled into the jar.
                    return Optional.of(HERON);
                }
                if (entry.getName().endsWith(".class")) {
                    Optional<TopologyApi> decided = decide(file, entry);
                    if (decided.isPresent() && decided.get() != EGRET) {
                        return decided;
                    }
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            // Not a readable jar: the JVM will say so when it runs the main class.
            return Optional.empty();
        }
    }

    private static Optional<TopologyApi> decide(JarFile file, JarEntry entry) throws IOException {
        try (InputStream input = file.getInputStream(entry)) {
            return decide(input.readAllBytes());
        }
    }

    private static Optional<TopologyApi> inDirectory(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file :
                    files.filter(path -> path.toString().endsWith(".class")).toList()) {
                Optional<TopologyApi> decided = decide(Files.readAllBytes(file));
                if (decided.isPresent() && decided.get() != EGRET) {
                    return decided;
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the topology classes in " + directory, e);
        }
    }

    static Optional<TopologyApi> decide(byte[] classFile) {
        if (contains(classFile, HERON_API)) {
            return Optional.of(HERON);
        }
        if (contains(classFile, TWITTER_HERON_API)) {
            return Optional.of(TWITTER_HERON);
        }
        if (contains(classFile, EGRET_API)) {
            return Optional.of(EGRET);
        }
        return Optional.empty();
    }

    private static boolean contains(byte[] data, byte[] pattern) {
        outer:
        for (int start = 0; start <= data.length - pattern.length; start++) {
            for (int index = 0; index < pattern.length; index++) {
                if (data[start + index] != pattern[index]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static List<Path> jarsIn(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(path -> path.toString().endsWith(".jar"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }
}
