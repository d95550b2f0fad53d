package io.egret.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An install works wherever it is put: copied with {@code cp -a}, unpacked from {@code egret.tar.gz}, or reached
 * through a symbolic link. Every command that reads stored state runs from there, not only submit.
 */
final class InstallLocationTest {
    @TempDir
    Path home;

    @TempDir
    Path places;

    @AfterEach
    void endLeftovers() {
        Processes.killAllUnder(home);
    }

    static Stream<Arguments> installs() {
        return Stream.of(
                Arguments.of("copied with cp -a", (BiFunction<Path, String, Path>)
                        (places, name) -> Installs.copyTo(places.resolve(name))),
                Arguments.of("unpacked from the tarball", (BiFunction<Path, String, Path>)
                        (places, name) -> Installs.unpackTarballInto(places)),
                Arguments.of("a symbolic link to a copy", (BiFunction<Path, String, Path>) (places, name) ->
                        Installs.linkTo(Installs.copyTo(places.resolve("real")), places.resolve(name))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("installs")
    void everyStateReadingCommandWorksFromAnotherPlace(String how, BiFunction<Path, String, Path> install) {
        Path installed = install.apply(places, "opt-egret");
        Heron heron = new Heron(home, installed);

        Heron.Result submit = heron.run(
                "submit",
                "local",
                heron.examplesJar().toString(),
                "io.egret.examples.WordCount",
                "moved",
                "--wait-until",
                "RUNNING");
        assertThat(submit.exitCode()).as(submit.toString()).isZero();

        for (String[] command : new String[][] {
            {"status", "local", "moved"},
            {"list", "local"},
            {"deactivate", "local", "moved"},
            {"activate", "local", "moved"},
            {"kill", "local", "moved"}
        }) {
            Heron.Result result = heron.run(command);
            assertThat(result.exitCode())
                    .as(how + ": " + String.join(" ", command) + "\n" + result)
                    .isZero();
            assertThat(result.stderr()).doesNotContain("sealing violation").doesNotContain("Exception");
        }
        assertThat(Processes.describe(Processes.under(home)))
                .as("processes left after kill")
                .isEmpty();
        new LocalClusterFiles(home).assertNoRecords();
    }
}
