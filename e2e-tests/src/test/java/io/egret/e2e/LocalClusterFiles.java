package io.egret.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** What the local cluster keeps on disk under a test's home: state records and uploaded packages. */
final class LocalClusterFiles {
    private static final List<String> RECORD_DIRECTORIES =
            List.of("topologies", "packingplans", "executionstate", "pplans", "tmanagers", "schedulers");

    private final Path home;

    LocalClusterFiles(Path home) {
        this.home = home;
    }

    /** The topology names with a record in one of Heron's state directories. */
    List<String> records(String directory) {
        return files(home.resolve(".herondata/repository/state/local").resolve(directory)).stream()
                .map(file -> file.getFileName().toString())
                .sorted()
                .toList();
    }

    List<Path> uploadedPackages() {
        return files(home.resolve(".herondata/repository/topologies")).stream()
                .filter(file -> file.getFileName().toString().endsWith(".tar.gz"))
                .toList();
    }

    /** No record of any topology in Heron's state directories. */
    void assertNoRecords() {
        for (String directory : RECORD_DIRECTORIES) {
            assertThat(records(directory)).as(directory).isEmpty();
        }
    }

    /** No record of any topology, no uploaded package and no process of the test's cluster. */
    void assertNothingLeft() {
        assertNoRecords();
        assertThat(uploadedPackages()).as("uploaded packages").isEmpty();
        assertThat(Processes.describe(Processes.under(home))).as("processes").isEmpty();
    }

    /** Regular files below a directory, hidden temporary files left out; none when it does not exist. */
    private static List<Path> files(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(Files::isRegularFile)
                    .filter(file -> !file.getFileName().toString().startsWith("."))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
