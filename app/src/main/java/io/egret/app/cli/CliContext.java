package io.egret.app.cli;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * What every command needs from its surroundings: the terminal streams, the installation directory
 * ({@code HERON_HOME}), the environment and the user. Tests build one with their own values.
 */
public record CliContext(
        PrintStream out,
        PrintStream err,
        Path heronHome,
        Map<String, String> environment,
        String user,
        String programName,
        boolean interactive) {

    public CliContext {
        requireNonNull(out, "out is null");
        requireNonNull(err, "err is null");
        requireNonNull(heronHome, "heronHome is null");
        environment = Map.copyOf(requireNonNull(environment, "environment is null"));
        requireNonNull(user, "user is null");
        requireNonNull(programName, "programName is null");
    }

    static CliContext fromSystem(PrintStream out, PrintStream err, Map<String, String> environment) {
        String home = System.getProperty("egret.home", environment.getOrDefault("HERON_HOME", "."));
        return new CliContext(
                out,
                err,
                Path.of(home).toAbsolutePath().normalize(),
                environment,
                System.getProperty("user.name", "unknown"),
                System.getProperty("egret.program", "heron"),
                System.console() != null);
    }

    /** Heron's default {@code --config-path}: the conf directory of the installation. */
    public Path defaultConfigPath() {
        return heronHome.resolve("conf");
    }
}
