package io.egret.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import io.egret.domain.topology.RuntimeConfigChange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's contract, in process: exit codes, one-line errors, the cause only under --verbose, argument parsing. */
final class HeronCliTest {
    private static final Path SHIPPED_LOCAL_CONF =
            Path.of("src/dist/conf/local").toAbsolutePath();

    @TempDir
    Path home;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void installShippedLocalCluster() throws IOException {
        Path conf = Files.createDirectories(home.resolve("conf/local"));
        try (Stream<Path> files = Files.list(SHIPPED_LOCAL_CONF)) {
            for (Path file : files.toList()) {
                Files.copy(file, conf.resolve(file.getFileName()));
            }
        }
    }

    @Test
    void versionPrintsSortedReleaseFacts() {
        assertThat(run("version")).isZero();
        assertThat(stdout().lines().toList()).isSorted().anyMatch(line -> line.startsWith("heron.build.version : "));
    }

    @Test
    void anUnknownCommandIsAUserErrorWithAHint() {
        assertThat(run("launch", "local")).isEqualTo(ErrorCode.USER_ERROR.exitCode());
        assertThat(stderr()).contains("Unmatched argument").contains("--help");
    }

    @Test
    void aMissingTopologyIsNotFoundInOneLine() {
        int exitCode = run("kill", "local", "nothing", "--config-property", stateRoot());

        assertThat(exitCode).isEqualTo(ErrorCode.NOT_FOUND.exitCode());
        assertThat(stderr().lines().toList()).singleElement().asString().contains("topology 'nothing' does not exist");
    }

    @Test
    void anInvalidTopologyNameIsAUserError() {
        assertThat(run("kill", "local", "bad/name", "--config-property", stateRoot()))
                .isEqualTo(ErrorCode.USER_ERROR.exitCode());
        assertThat(stderr()).contains("invalid topology name 'bad/name'");
    }

    @Test
    void causesAndStackTracesOnlyUnderVerbose() {
        CliContext context = context();
        EgretException failure = EgretException.unreachable("cannot reach the state store", new IOException("refused"));

        int quiet = HeronCli.report(context, failure, "heron kill", false);
        String quietOutput = stderr();
        err.reset();
        int verbose = HeronCli.report(context, failure, "heron kill", true);

        assertThat(quiet).isEqualTo(verbose).isEqualTo(ErrorCode.UNREACHABLE.exitCode());
        assertThat(quietOutput)
                .contains("heron kill: cannot reach the state store")
                .doesNotContain("refused");
        assertThat(stderr()).contains("caused by: java.io.IOException: refused");
    }

    @Test
    void anUnexpectedExceptionIsAnInternalError() {
        int exitCode = HeronCli.report(context(), new IllegalStateException("bug"), "heron submit", false);

        assertThat(exitCode).isEqualTo(ErrorCode.INTERNAL.exitCode());
        assertThat(stderr()).contains("internal error").doesNotContain("\tat ");
    }

    @Test
    void heronsServiceUrlSettingIsRefusedWithAReason() {
        assertThat(run("config", "local", "set", "service_url", "http://api:9000"))
                .isEqualTo(ErrorCode.USER_ERROR.exitCode());
        assertThat(stderr()).contains("service_url").contains("not supported").doesNotContain("did you mean");
    }

    @Test
    void componentParallelismIsParsedStrictly() {
        assertThat(UpdateCommandLine.parseParallelism(List.of("word:4", "count:2,split:3")))
                .containsExactly(Map.entry("word", 4), Map.entry("count", 2), Map.entry("split", 3));
        assertThatThrownBy(() -> UpdateCommandLine.parseParallelism(List.of("word=4")))
                .hasMessageContaining("must look like NAME:N");
        assertThatThrownBy(() -> UpdateCommandLine.parseParallelism(List.of("word:0")))
                .hasMessageContaining("at least 1");
        assertThatThrownBy(() -> UpdateCommandLine.parseParallelism(List.of("word:1", "word:2")))
                .hasMessageContaining("twice");
    }

    @Test
    void runtimeConfigIsParsedWithHeronsSyntaxAndExcludesParallelism() {
        assertThat(UpdateCommandLine.parseRuntimeConfig(List.of("count:my.key:42", "my.flag:on")))
                .extracting(RuntimeConfigChange::item)
                .containsExactly("count:my.key:42", "my.flag:on");
        assertThatThrownBy(() -> UpdateCommandLine.parseRuntimeConfig(List.of("a:b:c:d")))
                .hasMessageContaining("must look like NAME:VALUE or COMPONENT:NAME:VALUE");

        int exitCode = run(
                "update",
                "local",
                "wordcount",
                "--runtime-config",
                "count:my.key:42",
                "--container-number",
                "2",
                "--config-property",
                stateRoot());

        assertThat(exitCode).isEqualTo(ErrorCode.USER_ERROR.exitCode());
        assertThat(stderr().lines().toList())
                .singleElement()
                .asString()
                .contains("parallelism or container number and runtime config can not be updated at the same time");
    }

    @Test
    void jvmPropertiesNeedAnEqualsSign() {
        assertThat(SubmitCommandLine.parseProperties(List.of("a=1", "b=x=y")))
                .containsExactly(Map.entry("a", "1"), Map.entry("b", "x=y"));
        assertThatThrownBy(() -> SubmitCommandLine.parseProperties(List.of("novalue")))
                .hasMessageContaining("KEY=VALUE");
    }

    private int run(String... arguments) {
        return HeronCli.create(context()).execute(arguments);
    }

    private String stateRoot() {
        return "heron.statemgr.root.path=" + home.resolve("state");
    }

    private CliContext context() {
        return new CliContext(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                home,
                Map.of("XDG_CONFIG_HOME", home.resolve(".config").toString()),
                "alice",
                "heron",
                false);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
