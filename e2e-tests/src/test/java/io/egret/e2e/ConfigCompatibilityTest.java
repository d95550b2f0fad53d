package io.egret.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Old key names of Heron's config files, through the real {@code bin/heron}: they take effect, with a warning. */
final class ConfigCompatibilityTest {
    @TempDir
    Path home;

    @TempDir
    Path configPath;

    @AfterEach
    void endLeftovers() {
        Processes.killAllUnder(home);
    }

    @Test
    void theContainersJavaHomeAndHeronHomeAreExpandedWhereTheContainerRuns() throws IOException {
        Heron heron = new Heron(home);
        Path cluster = copyOfLocalCluster(heron, "guide");
        // As the DC/OS guide and Heron's stock files write them: values for the container.
        Files.writeString(
                cluster.resolve("scheduler.yaml"),
                Files.readString(cluster.resolve("scheduler.yaml"))
                                .replace("heron.directory.sandbox.java.home: ${JAVA_HOME}", "")
                        + "\nheron.directory.sandbox.java.home: $JAVA_HOME\nheron.directory.home: $HERON_HOME\n");

        Heron.Result list = heron.run("config", "guide", "list", "--config-path", configPath.toString());
        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(list.stdout())
                .as("left for the container by the client")
                .contains("heron.directory.sandbox.java.home: $JAVA_HOME")
                .contains("heron.directory.home: $HERON_HOME")
                .contains("heron.package.core.directory: $HERON_HOME/dist/heron-core");

        Heron.Result submit = heron.run(
                "submit",
                "guide",
                heron.examplesJar().toString(),
                "io.egret.examples.WordCount",
                "guided",
                "--config-path",
                configPath.toString(),
                "--wait-until",
                "RUNNING");
        assertThat(submit.exitCode())
                .as("the local scheduler expands them with this machine's values\n" + submit)
                .isZero();
        Heron.Result kill = heron.run("kill", "guide", "guided", "--config-path", configPath.toString());
        assertThat(kill.exitCode()).as(kill.toString()).isZero();
        assertThat(Processes.describe(Processes.under(home))).isEmpty();
    }

    @Test
    void the013RoleRequirementStillRequiresARole() throws IOException {
        Heron heron = new Heron(home);
        Path cluster = copyOfLocalCluster(heron, "old");
        Files.write(cluster.resolve("client.yaml"), List.of("heron.config.role.required: True"));

        Heron.Result result = heron.run(
                "submit",
                "old",
                heron.examplesJar().toString(),
                "io.egret.examples.WordCount",
                "x",
                "--config-path",
                configPath.toString(),
                "--dry-run");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr())
                .contains("heron.config.role.required is an old name; use heron.config.is.role.required")
                .contains("requires a role");
    }

    @Test
    void theFirstGuidesConfigFileKeysTakeEffect() throws IOException {
        Heron heron = new Heron(home);
        Path file = Files.write(
                home.resolve("local_scheduler.conf"),
                List.of(
                        "scheduler.class=com.twitter.heron.scheduler.local.LocalScheduler",
                        "launcher.class=com.twitter.heron.scheduler.local.LocalLauncher",
                        "state.manager.class=com.twitter.heron.statemgr.localfs.LocalFileSystemStateManager",
                        "uploader.class=com.twitter.heron.uploader.localfs.LocalFileSystemUploader"));

        Heron.Result result = heron.run("config", "local", "list", "--config-file", file.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout())
                .contains("heron.class.scheduler: com.twitter.heron.scheduler.local.LocalScheduler")
                .contains("heron.class.state.manager: com.twitter.heron.statemgr.localfs.LocalFileSystemStateManager")
                .contains("heron.class.uploader: com.twitter.heron.uploader.localfs.LocalFileSystemUploader");
        assertThat(result.stderr())
                .contains("scheduler.class is an old name; use heron.class.scheduler")
                .contains("state.manager.class is an old name; use heron.class.state.manager");
    }

    @Test
    void theDcosGuidesMistypedDirectoryKeyIsTheConfDirectory() throws IOException {
        Heron heron = new Heron(home);
        Path cluster = copyOfLocalCluster(heron, "dcos");
        Files.writeString(
                cluster.resolve("scheduler.yaml"),
                Files.readString(cluster.resolve("scheduler.yaml")) + "\nheron.director.conf: \"./heron-conf/\"\n");

        Heron.Result result = heron.run("config", "dcos", "list", "--config-path", configPath.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).contains("heron.directory.conf: ./heron-conf/");
        assertThat(result.stderr()).contains("heron.director.conf is an old name; use heron.directory.conf");
    }

    private Path copyOfLocalCluster(Heron heron, String name) throws IOException {
        Path cluster = Files.createDirectories(configPath.resolve(name));
        try (Stream<Path> files = Files.list(heron.install().resolve("conf/local"))) {
            for (Path file : files.toList()) {
                Files.copy(file, cluster.resolve(file.getFileName()));
            }
        }
        return cluster;
    }
}
