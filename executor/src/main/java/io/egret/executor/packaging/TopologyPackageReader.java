package io.egret.executor.packaging;

import static java.util.Objects.requireNonNull;

import io.egret.codec.EgretJson;
import io.egret.domain.error.EgretException;
import io.egret.domain.topology.TopologyDefinition;
import io.egret.domain.topology.TopologyName;
import io.egret.ports.out.PackageFetcherPort;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Fetches a topology package ({@code topology.tar.gz}: the author's jar, {@code <topology>.defn.json} and a
 * {@code heron-conf/} snapshot) into the working directory, unpacks it and reads the definition.
 */
public final class TopologyPackageReader {
    private final PackageFetcherPort fetcher;

    public TopologyPackageReader(PackageFetcherPort fetcher) {
        this.fetcher = requireNonNull(fetcher, "fetcher is null");
    }

    /** An unpacked package: the definition and the jars to load the author's classes from. */
    public record UnpackedPackage(Path directory, TopologyDefinition definition, List<Path> jars) {
        public UnpackedPackage {
            requireNonNull(directory, "directory is null");
            requireNonNull(definition, "definition is null");
            jars = List.copyOf(requireNonNull(jars, "jars is null"));
        }

        /** A class loader for the author's classes whose parent sees Egret's API. */
        public URLClassLoader classLoader(ClassLoader parent) {
            return classLoader(parent, List.of());
        }

        /**
         * A class loader for the author's classes and {@code runtimeJars} (what runs the author's API on Egret's,
         * such as heron-compat with heron-api) whose parent sees Egret's API.
         */
        public URLClassLoader classLoader(ClassLoader parent, List<Path> runtimeJars) {
            List<URL> urls = new ArrayList<>();
            for (Path jar : Stream.concat(jars.stream(), runtimeJars.stream()).toList()) {
                try {
                    urls.add(jar.toUri().toURL());
                } catch (MalformedURLException e) {
                    throw new IllegalStateException("cannot turn " + jar + " into a URL", e);
                }
            }
            return new URLClassLoader("topology", urls.toArray(new URL[0]), parent);
        }
    }

    /**
     * @param definitionFile the definition's file name inside the package; {@code <topology>.defn.json} when empty
     * @throws EgretException from the fetcher (naming the URI and the cause), or {@code USER_ERROR} if the package
     *     is malformed
     */
    public UnpackedPackage fetch(URI packageUri, TopologyName topology, String definitionFile, Path workingDirectory) {
        Path directory = workingDirectory.resolve("topology-package");
        try {
            Files.createDirectories(directory);
            Path archive = workingDirectory.resolve("topology.tar.gz");
            fetcher.fetch(packageUri, archive);
            unpack(archive, directory);
        } catch (IOException e) {
            throw EgretException.internal("cannot unpack the topology package " + packageUri, e);
        }
        return read(directory, topology, definitionFile, packageUri.toString());
    }

    /**
     * Reads a package a scheduler already unpacked into {@code directory} (the local scheduler's sandbox).
     *
     * @throws EgretException {@code USER_ERROR} if the definition is missing
     */
    public UnpackedPackage readUnpacked(Path directory, TopologyName topology, String definitionFile) {
        return read(directory, topology, definitionFile, directory.toString());
    }

    private static UnpackedPackage read(Path directory, TopologyName topology, String definitionFile, String where) {
        String definitionName = definitionFile.isBlank() ? topology.value() + ".defn.json" : definitionFile;
        Path definitionPath = directory.resolve(definitionName);
        if (!Files.isRegularFile(definitionPath)) {
            throw EgretException.userError(
                    "the topology package " + where + " has no " + definitionName + "; was it built by heron submit?");
        }
        TopologyDefinition definition;
        try {
            definition = EgretJson.fromBytes(Files.readAllBytes(definitionPath), TopologyDefinition.class);
        } catch (IOException | UncheckedIOException e) {
            throw EgretException.internal("cannot read " + definitionPath, e);
        }
        return new UnpackedPackage(directory, definition, jars(directory));
    }

    /** Unpacks a gzip'd tar, refusing entries that would land outside the directory (zip slip) and links. */
    static void unpack(Path archive, Path directory) throws IOException {
        Path root = directory.toAbsolutePath().normalize();
        try (InputStream file = new BufferedInputStream(Files.newInputStream(archive));
                TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(file))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path target = root.resolve(entry.getName()).normalize();
                if (!target.startsWith(root)) {
                    throw EgretException.userError(
                            "topology package entry '" + entry.getName() + "' points outside the package directory");
                }
                if (entry.isSymbolicLink() || entry.isLink()) {
                    throw EgretException.userError("topology package entry '" + entry.getName()
                            + "' is a link; packages hold plain files only");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else if (entry.isFile()) {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static List<Path> jars(Path directory) {
        List<Path> jars = new ArrayList<>();
        for (Path folder : List.of(directory, directory.resolve("libs"))) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> files = Files.list(folder)) {
                files.filter(path -> path.getFileName().toString().endsWith(".jar"))
                        .sorted()
                        .forEach(jars::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + folder, e);
            }
        }
        return jars;
    }
}
