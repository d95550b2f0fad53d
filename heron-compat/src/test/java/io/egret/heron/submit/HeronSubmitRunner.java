package io.egret.heron.submit;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.egret.testsupport.TestTime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link HeronSubmitMain} in a child JVM on this test's class path, as Egret's loader does: Heron's
 * {@code HERON_OPTIONS} names the directory for {@code <topology>.defn}, a system property the Egret definition.
 */
public final class HeronSubmitRunner {
    private HeronSubmitRunner() {}

    /** What the run left. */
    public record Result(int exitCode, Path heronDirectory, Path egretFile, String stderr) {}

    public static Result run(Path directory, String mainClass, String... arguments)
            throws IOException, InterruptedException {
        Path heronDirectory = Files.createDirectories(directory.resolve("heron"));
        Path egretFile = directory.resolve("topology-definition.json");
        Path stderr = directory.resolve("stderr");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "-D" + HeronSubmitMain.DEFINITION_FILE_PROPERTY + "=" + egretFile,
                HeronSubmitMain.class.getName(),
                mainClass));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(stderr.toFile());
        builder.environment().put("HERON_OPTIONS", HeronSubmitMain.DEFINITION_DIRECTORY_OPTION + "=" + heronDirectory);
        Process process = builder.start();
        Duration timeout = TestTime.scaled(Duration.ofSeconds(60));
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(mainClass + " did not finish within " + timeout);
        }
        return new Result(process.exitValue(), heronDirectory, egretFile, Files.readString(stderr, UTF_8));
    }
}
