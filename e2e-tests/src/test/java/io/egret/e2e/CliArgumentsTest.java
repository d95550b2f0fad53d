package io.egret.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The argument surface a Heron user types, through the real {@code bin/heron}: topology arguments in the typed
 * order, near misses of the CLI's own flags, {@code --}, per-command help, ignored options, bad cluster names,
 * one-line errors, {@code --service-url} and {@code --verbose_gc} on every command.
 */
final class CliArgumentsTest {
    /** A topology main that writes the arguments it got, one per line, to the file named by -Dargs.out. */
    private static final String ARGS_ECHO = """
            package argsecho;

            public final class ArgsEcho {
                public static void main(String[] args) throws Exception {
                    java.nio.file.Files.write(java.nio.file.Path.of(System.getProperty("args.out")), java.util.List.of(args));
                    io.egret.api.TopologySubmitter.submitTopology(
                            "echo", io.egret.examples.WordCount.config(1), io.egret.examples.WordCount.topology(1));
                }
            }
            """;

    @TempDir
    Path home;

    private Heron heron;
    private Path echoJar;
    private Path argsFile;

    @BeforeEach
    void buildEchoTopology() throws IOException {
        heron = new Heron(home);
        echoJar = compileEchoJar(home.resolve("echo-build"));
        argsFile = home.resolve("args.txt");
    }

    @Test
    void topologyArgumentsReachMainInTheOrderTyped() throws IOException {
        Heron.Result result =
                submitEcho("mytopo", "--name", "foo", "--parallelism", "2", "-x", "--flag=v", "--dry-run");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(Files.readAllLines(argsFile))
                .containsExactly("mytopo", "--name", "foo", "--parallelism", "2", "-x", "--flag=v");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--dry-rn", "--deploy-deactivate", "--dry_run"})
    void aNearMissOfACliFlagStopsBeforeAnythingRuns(String typo) {
        Heron.Result result = submitEcho("mytopo", typo);

        String flag = typo.startsWith("--deploy") ? "--deploy-deactivated" : "--dry-run";
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr().lines().toList())
                .singleElement()
                .asString()
                .contains("did you mean " + flag + "? (put topology arguments after `--` to pass it on)");
        assertThat(argsFile).as("the topology's main never ran").doesNotExist();
        new LocalClusterFiles(home).assertNothingLeft();
    }

    @Test
    void everythingAfterDoubleDashGoesToTheTopology() throws IOException {
        Heron.Result result =
                submitEcho("mytopo", "--dry-run", "--", "--dry-rn", "--deploy-deactivate", "--dry-run", "-h");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(Files.readAllLines(argsFile))
                .containsExactly("mytopo", "--dry-rn", "--deploy-deactivate", "--dry-run", "-h");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "submit",
                "activate",
                "deactivate",
                "kill",
                "restart",
                "update",
                "status",
                "list",
                "version",
                "config"
            })
    void everyCommandPrintsItsOwnHelp(String command) {
        for (String flag : List.of("--help", "-h")) {
            Heron.Result result = heron.run(command, flag);

            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(result.stdout()).as(result.toString()).startsWith("Usage: heron " + command);
            assertThat(result.stderr()).as(result.toString()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"kill", "activate", "deactivate", "restart"})
    void unknownOptionsOfLifecycleCommandsAreIgnoredWithAWarning(String command) {
        Heron.Result result = heron.run(command, "local", "absent", "--no-such-option", "--wait=3");

        assertThat(result.exitCode())
                .as("went on to look for the topology\n" + result)
                .isEqualTo(3);
        assertThat(result.stderr())
                .contains("warning: ignoring --no-such-option --wait=3")
                .contains("topology 'absent' does not exist");
    }

    @Test
    void aNearMissOnKillStopsInsteadOfKilling() {
        Heron.Result result = heron.run("kill", "local", "absent", "--dry-rn");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).contains("did you mean --dry-run?").doesNotContain("does not exist");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/local", "/"})
    void anEmptyClusterNameIsAUserError(String cluster) {
        for (String[] command : List.of(
                new String[] {"status", cluster, "x"},
                new String[] {"kill", cluster, "x"},
                new String[] {"list", cluster},
                new String[] {"config", cluster, "list"})) {
            Heron.Result result = heron.run(command);

            assertThat(result.exitCode())
                    .as(Arrays.toString(command) + "\n" + result)
                    .isEqualTo(2);
            assertThat(result.stderr().lines().toList())
                    .as(result.toString())
                    .singleElement()
                    .asString()
                    .contains("the cluster name is empty");
        }
    }

    @Test
    void configUnsetOnAnUnknownClusterFails() {
        Heron.Result result = heron.run("config", "nowhere", "unset", "heron.package.core.uri");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).contains("no config directory for cluster 'nowhere'");
    }

    @Test
    void aRefusalIsOneLineWithoutTheFrameworksLog() {
        Heron.Result result = heron.run(
                "submit",
                "local",
                heron.examplesJar().toString(),
                "io.egret.examples.WordCount",
                "x",
                "--config-property",
                "heron.class.scheduler=org.apache.heron.scheduler.kubernetes.KubernetesScheduler",
                "--config-property",
                "heron.class.launcher=org.apache.heron.scheduler.kubernetes.KubernetesLauncher");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr().lines().toList())
                .as(result.toString())
                .singleElement()
                .asString()
                .startsWith("heron submit: ")
                .contains("not available in this build")
                .contains("available: local, aurora, marathon, mesos");
    }

    @Test
    void verboseShowsTheCauseChain() {
        // A submit to Aurora on a machine without Aurora's client fails at launch, with the lookup as the cause.
        Heron withoutAurora = heron.withEnvironment(
                Map.of("PATH", Path.of(System.getProperty("java.home"), "bin") + ":/usr/bin:/bin"));
        List<String> submit = List.of(
                "submit", "aurora/role/env", heron.examplesJar().toString(), "io.egret.examples.WordCount", "x");

        Heron.Result quiet = withoutAurora.run(submit.toArray(String[]::new));
        assertThat(quiet.exitCode()).as(quiet.toString()).isEqualTo(2);
        assertThat(quiet.stderr().lines().toList())
                .as(quiet.toString())
                .singleElement()
                .asString()
                .contains("(run with --verbose for the cause)");

        List<String> verbose = new ArrayList<>(submit);
        verbose.add("--verbose");
        Heron.Result result = withoutAurora.run(verbose.toArray(String[]::new));
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr().lines().filter(line -> !line.startsWith("[")).count())
                .as(result.toString())
                .isGreaterThan(1);
    }

    @Test
    void serviceUrlIsRefusedWithTheSameReasonOnEveryCommand() {
        List<List<String>> commands = List.of(
                List.of("activate", "local", "x"),
                List.of("deactivate", "local", "x"),
                List.of("kill", "local", "x"),
                List.of("restart", "local", "x"),
                List.of("update", "local", "x", "--component-parallelism", "split:2"),
                List.of("status", "local", "x"),
                List.of("list", "local"),
                List.of("config", "local", "list"),
                List.of("version"));
        for (List<String> command : commands) {
            List<String> arguments = new ArrayList<>(command);
            arguments.addAll(List.of("--service-url", "http://api:9000"));
            Heron.Result result = heron.run("bin/heron", arguments);

            assertThat(result.exitCode()).as(arguments + "\n" + result).isEqualTo(2);
            assertThat(result.stderr())
                    .as(arguments + "\n" + result)
                    .contains("--service-url")
                    .contains("not supported");
        }
    }

    @Test
    void verboseGcLogsTheCommandsGarbageCollectionOnEveryCommand() {
        for (List<String> command : List.of(List.of("list", "local"), List.of("version"))) {
            List<String> arguments = new ArrayList<>(command);
            arguments.add("--verbose_gc");
            Heron.Result result = heron.run("bin/heron", arguments);

            assertThat(result.exitCode()).as(arguments + "\n" + result).isZero();
            assertThat(result.stderr()).as(arguments + "\n" + result).contains("[gc]");
        }
        assertThat(heron.run("list", "local").stderr()).doesNotContain("[gc]");
    }

    private Heron.Result submitEcho(String... topologyArguments) {
        List<String> arguments = new ArrayList<>(List.of(
                "submit",
                "local",
                echoJar.toString(),
                "argsecho.ArgsEcho",
                "--extra-launch-classpath",
                heron.examplesJar().toString(),
                "--topology-main-jvm-property",
                "args.out=" + argsFile));
        arguments.addAll(List.of(topologyArguments));
        return heron.run("bin/heron", arguments);
    }

    /** Compiles {@link #ARGS_ECHO} against the install's API and examples and packs it as a topology jar. */
    private Path compileEchoJar(Path directory) throws IOException {
        Path sources = Files.createDirectories(directory.resolve("src/argsecho"));
        Path classes = Files.createDirectories(directory.resolve("classes"));
        Path source = Files.writeString(sources.resolve("ArgsEcho.java"), ARGS_ECHO);
        Path lib = heron.install().resolve("lib");
        String classPath;
        try (Stream<Path> jars = Files.list(lib)) {
            classPath = Stream.concat(
                            jars.filter(jar -> jar.getFileName().toString().startsWith("egret-api")),
                            Stream.of(heron.examplesJar()))
                    .map(Path::toString)
                    .reduce((a, b) -> a + java.io.File.pathSeparator + b)
                    .orElseThrow();
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        int status = compiler.run(null, null, null, "-cp", classPath, "-d", classes.toString(), source.toString());
        assertThat(status).as("compiling the echo topology").isZero();
        Path jar = directory.resolve("echo.jar");
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new JarEntry("argsecho/"));
            out.closeEntry();
            out.putNextEntry(new JarEntry("argsecho/ArgsEcho.class"));
            out.write(Files.readAllBytes(classes.resolve("argsecho/ArgsEcho.class")));
            out.closeEntry();
        }
        assertThat(new String(Files.readAllBytes(source), StandardCharsets.UTF_8))
                .contains("ArgsEcho");
        return jar;
    }
}
