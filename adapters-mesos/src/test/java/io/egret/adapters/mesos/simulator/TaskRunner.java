package io.egret.adapters.mesos.simulator;

import static java.util.Objects.requireNonNull;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.Environment;

/**
 * Runs one task's command the way a Mesos agent's command executor does, on this machine: fetches the
 * {@code CommandInfo} URIs into the task's sandbox (unpacking archives when {@code extract} is set), then runs the
 * command with {@code sh -c} in the sandbox, in its own process group, with {@code MESOS_SANDBOX} and friends set.
 */
final class TaskRunner {
    private final Path sandbox;
    private final Process process;

    private TaskRunner(Path sandbox, Process process) {
        this.sandbox = sandbox;
        this.process = process;
    }

    /**
     * Fetches and starts; {@code onExit} receives the exit status on another thread.
     *
     * @throws IOException when a URI cannot be fetched or the command cannot start
     */
    static TaskRunner start(Path sandbox, CommandInfo command, Map<String, String> mesosEnvironment, IntConsumer onExit)
            throws IOException {
        Files.createDirectories(sandbox);
        for (CommandInfo.URI uri : command.getUrisList()) {
            fetch(sandbox, uri);
        }
        List<String> argv = new ArrayList<>();
        argv.add("setsid");
        if (command.getShell()) {
            argv.addAll(List.of("sh", "-c", command.getValue()));
        } else {
            argv.add(command.getValue());
            argv.addAll(command.getArgumentsList()
                    .subList(Math.min(1, command.getArgumentsCount()), command.getArgumentsCount()));
        }
        ProcessBuilder builder = new ProcessBuilder(argv)
                .directory(sandbox.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(sandbox.resolve("stdout").toFile())
                .redirectError(sandbox.resolve("stderr").toFile());
        Map<String, String> environment = builder.environment();
        environment.putAll(mesosEnvironment);
        environment.put("MESOS_SANDBOX", sandbox.toString());
        environment.put("MESOS_DIRECTORY", sandbox.toString());
        for (Environment.Variable variable : command.getEnvironment().getVariablesList()) {
            environment.put(variable.getName(), variable.getValue());
        }
        Process process = builder.start();
        process.onExit().thenAccept(done -> onExit.accept(done.exitValue()));
        return new TaskRunner(sandbox, process);
    }

    Path sandbox() {
        return sandbox;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM to the task's process group, SIGKILL after {@code grace}; returns once the group leader is gone. */
    void kill(Duration grace) {
        signal("TERM");
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                signal("KILL");
                process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Children outside the leader still get the KILL: nothing of a killed task may survive.
        signal("KILL");
    }

    private void signal(String signal) {
        try {
            new ProcessBuilder("kill", "-" + signal, "--", "-" + process.pid())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start()
                    .waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void fetch(Path sandbox, CommandInfo.URI uri) throws IOException {
        requireNonNull(uri, "uri is null");
        String value = uri.getValue();
        URI parsed = value.contains("://") ? URI.create(value) : Path.of(value).toUri();
        String name = Path.of(parsed.getPath()).getFileName().toString();
        Path target = sandbox.resolve(name);
        switch (parsed.getScheme()) {
            case "file" -> Files.copy(Path.of(parsed), target, StandardCopyOption.REPLACE_EXISTING);
            case "http", "https" -> {
                try (InputStream input = parsed.toURL().openStream()) {
                    Files.copy(input, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            default -> throw new IOException("Failed to fetch '" + value + "': unsupported scheme");
        }
        if (uri.getExtract() && (name.endsWith(".tar.gz") || name.endsWith(".tgz") || name.endsWith(".tar"))) {
            Process tar = new ProcessBuilder("tar", "-xf", target.toString(), "-C", sandbox.toString())
                    .redirectErrorStream(true)
                    .start();
            try {
                byte[] output = tar.getInputStream().readAllBytes();
                if (tar.waitFor() != 0) {
                    throw new IOException("Failed to extract '" + value + "': " + new String(output));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while extracting " + value, e);
            }
        }
    }
}
