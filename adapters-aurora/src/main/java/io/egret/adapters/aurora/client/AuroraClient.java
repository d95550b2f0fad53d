package io.egret.adapters.aurora.client;

import static java.util.Objects.requireNonNull;

import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs the {@code aurora} client as an argument list, never through a shell, with a timeout: Aurora's own
 * {@code --wait-until} has none, so a job stuck in PENDING would otherwise block the CLI forever.
 */
public final class AuroraClient {
    private static final Duration GRACE = Duration.ofSeconds(2);

    private final List<String> client;

    /** @param client the client command, {@code aurora} or a path to it, possibly with leading arguments */
    public AuroraClient(List<String> client) {
        this.client = List.copyOf(requireNonNull(client, "client is null"));
    }

    /** The full argument list for a client command: the client, then the command's arguments. */
    public List<String> argv(List<String> arguments) {
        List<String> argv = new ArrayList<>(client);
        argv.addAll(arguments);
        return argv;
    }

    /**
     * The full argument list of a client command as one line to show and copy: arguments a POSIX shell would split
     * or expand are single-quoted. The command itself never runs through a shell.
     */
    public String display(List<String> arguments) {
        return argv(arguments).stream().map(AuroraClient::quoted).collect(Collectors.joining(" "));
    }

    private static String quoted(String argument) {
        if (argument.matches("[A-Za-z0-9_./:=,@%+-]+")) {
            return argument;
        }
        return "'" + argument.replace("'", "'\\''") + "'";
    }

    /**
     * Checks that the client can be started, without starting it: an executable file, or a name found on the
     * {@code PATH}.
     *
     * @throws EgretException {@code USER_ERROR} if it cannot
     */
    public void requireInstalled() {
        String program = client.get(0);
        if (program.contains("/")) {
            if (!Files.isExecutable(Path.of(program))) {
                throw EgretException.userError("the Aurora client " + program + " is not an executable file");
            }
            return;
        }
        String path = System.getenv("PATH");
        for (String directory : (path == null ? "" : path).split(File.pathSeparator)) {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, program))) {
                return;
            }
        }
        throw notOnPath(program);
    }

    private static EgretException notOnPath(String program) {
        return EgretException.userError("the Aurora client '" + program + "' is not on the PATH ("
                + System.getenv("PATH") + "); install Aurora's client on this machine");
    }

    /**
     * Runs one command and returns how it ended; its standard output and error are merged, as Heron reads them.
     *
     * @throws EgretException {@code USER_ERROR} if the client is not installed, {@code UNREACHABLE} if it did not
     *     finish within the timeout (it is then stopped)
     */
    public Outcome run(List<String> arguments, Duration timeout) {
        List<String> argv = argv(arguments);
        Path output;
        try {
            output = Files.createTempFile("egret-aurora-", ".out");
        } catch (IOException e) {
            throw new EgretException(
                    ErrorCode.INTERNAL, "cannot create a file for the aurora client's output: " + e, e);
        }
        try {
            Process process = start(argv, output);
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                stop(process);
                throw new EgretException(
                        ErrorCode.UNREACHABLE,
                        "the aurora client did not finish within " + seconds(timeout) + " and was stopped: "
                                + String.join(" ", argv) + AuroraFailures.tail(read(output)),
                        null);
            }
            return new Outcome(argv, process.exitValue(), read(output));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EgretException(ErrorCode.INTERNAL, "interrupted while running " + String.join(" ", argv), e);
        } finally {
            try {
                Files.deleteIfExists(output);
            } catch (IOException ignored) {
                // A temporary file left behind is harmless and the command's result matters more.
            }
        }
    }

    private Process start(List<String> argv, Path output) {
        try {
            return new ProcessBuilder(argv)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
        } catch (IOException e) {
            String program = argv.get(0);
            if (!program.contains("/")) {
                throw notOnPath(program);
            }
            throw EgretException.userError("cannot run the Aurora client " + program + ": " + e.getMessage());
        }
    }

    private static void stop(Process process) throws InterruptedException {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        descendants.forEach(ProcessHandle::destroy);
        if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
        }
        descendants.forEach(ProcessHandle::destroyForcibly);
        process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static String read(Path output) {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(output unreadable: " + e + ")";
        }
    }

    private static String seconds(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }

    /** How a client command ended. */
    public record Outcome(List<String> argv, int exitCode, String output) {
        public Outcome {
            argv = List.copyOf(requireNonNull(argv, "argv is null"));
            requireNonNull(output, "output is null");
        }

        public boolean succeeded() {
            return exitCode == 0;
        }
    }
}
