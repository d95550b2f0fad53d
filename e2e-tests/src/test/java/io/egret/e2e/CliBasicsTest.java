package io.egret.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher itself: help, version, config, error reporting, through the real module path. */
final class CliBasicsTest {
    @TempDir
    Path home;

    @Test
    void helpListsEveryCommandAndTheExitCodes() {
        Heron.Result result = new Heron(home).run("--help");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout())
                .contains(
                        "submit",
                        "activate",
                        "deactivate",
                        "kill",
                        "restart",
                        "update",
                        "status",
                        "list",
                        "version",
                        "config")
                .contains("Exit codes:")
                .contains("3  not found");
    }

    @Test
    void noArgumentsPrintsHelpAndSucceeds() {
        Heron.Result result = new Heron(home).run();

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).contains("Usage: heron");
    }

    @Test
    void versionPrintsReleaseFacts() {
        Heron.Result result = new Heron(home).run("version");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).containsPattern("heron.build.version : \\d+\\.\\d+\\.\\d+");
    }

    @Test
    void heronCliIsAnAlias() {
        Heron.Result result = new Heron(home).run("bin/heron-cli", List.of("version"));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).contains("heron.build.version");
    }

    @Test
    void configListShowsTheLocalClusterWithSources() {
        Heron.Result result = new Heron(home).run("config", "local", "list");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout())
                .contains("heron.class.scheduler: org.apache.heron.scheduler.local.LocalScheduler")
                .contains("scheduler.yaml")
                .contains("heron.statemgr.root.path: " + home + "/.herondata/repository/state/local");
    }

    @Test
    void unknownClusterIsOneLineUserErrorWithoutStackTrace() {
        Heron.Result result = new Heron(home).run("kill", "nowhere", "topology");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).contains("no config directory for cluster 'nowhere'");
        assertThat(result.stderr()).doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void badArgumentsAreUserErrors() {
        Heron.Result result = new Heron(home).run("restart", "local");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).contains("Missing required parameter");
    }

    @Test
    void configSetStoresAKnownKeyAndRefusesATypo() {
        Heron heron = new Heron(home);

        Heron.Result typo = heron.run("config", "local", "set", "heron.package.core.urii", "file:///x");
        Heron.Result set = heron.run("config", "local", "set", "heron.package.core.uri", "file:///opt/core.tar.gz");
        Heron.Result list = heron.run("config", "local", "list");
        Heron.Result unset = heron.run("config", "local", "unset", "heron.package.core.uri");

        assertThat(typo.exitCode()).as(typo.toString()).isEqualTo(2);
        assertThat(typo.stderr()).contains("did you mean heron.package.core.uri");
        assertThat(set.exitCode()).as(set.toString()).isZero();
        assertThat(list.stdout()).contains("heron.package.core.uri: file:///opt/core.tar.gz");
        assertThat(unset.exitCode()).as(unset.toString()).isZero();
        assertThat(heron.run("config", "local", "list").stdout()).doesNotContain("file:///opt/core.tar.gz");
    }

    @Test
    void explainNamesDefaultValueAndSource() {
        Heron.Result result = new Heron(home).run("config", "local", "explain", "heron.statemgr.root.path");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).contains("description:").contains("source:").contains("statemgr.yaml");
    }

    @Test
    void explainOfHeronsCodeSpellingOfATunnelKeyNamesTheGuidesKeyAsCanonical() {
        Heron.Result result =
                new Heron(home).run("config", "local", "explain", "heron.statemgr.tunnel.connection.retryCount.count");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout())
                .contains("heron.statemgr.tunnel.connection.retry.count")
                .contains("the guides' name")
                .contains("heron.statemgr.tunnel.connection.retryCount.count, also accepted");
    }

    @Test
    void serviceUrlModeIsRefusedWithAReason() {
        Heron heron = new Heron(home);

        Heron.Result result = heron.run(
                "submit",
                "local",
                heron.examplesJar().toString(),
                "io.egret.examples.WordCount",
                "x",
                "--service-url",
                "http://api:9000");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr())
                .contains("--service-url")
                .contains("not supported")
                .contains("--config-path");
    }

    @Test
    void aMissingExtraLaunchClassPathEntryIsAUserError() {
        Heron heron = new Heron(home);

        Heron.Result result = heron.run(
                "submit",
                "local",
                heron.examplesJar().toString(),
                "io.egret.examples.WordCount",
                "x",
                "--extra-launch-classpath",
                home.resolve("missing.jar").toString(),
                "--dry-run");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).contains("missing.jar").contains("does not exist");
    }

    @Test
    void anExistingExtraLaunchClassPathIsAccepted() {
        Heron heron = new Heron(home);

        Heron.Result result = heron.run(
                "submit",
                "local",
                heron.examplesJar().toString(),
                "io.egret.examples.WordCount",
                "x",
                "--extra-launch-classpath",
                home.toString(),
                "--dry-run");

        assertThat(result.exitCode()).as(result.toString()).isZero();
    }
}
