package io.egret.adapters.marathon.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs tasks as local processes, as a Mesos agent would: a sandbox per task, the app's {@code fetch} URIs fetched
 * (and {@code .tar.gz} unpacked) into it, then {@code /bin/sh -c <cmd>} in it with the task's environment, output
 * to the sandbox's {@code stdout} and {@code stderr}. A fetch that fails fails the task, as on Mesos.
 */
final class ProcessTaskRunner implements TaskRunner {
    private final Path root;

    ProcessTaskRunner(Path root) {
        this.root = root;
    }

    @Override
    public RunningTask start(String taskId, JsonNode app, Map<String, String> environment) {
        Path sandbox = root.resolve(taskId);
        try {
            Files.createDirectories(sandbox);
            for (JsonNode fetch : app.path("fetch")) {
                fetch(
                        URI.create(fetch.path("uri").asText()),
                        fetch.path("extract").asBoolean(true),
                        sandbox);
            }
            ProcessBuilder builder =
                    new ProcessBuilder("/bin/sh", "-c", app.path("cmd").asText());
            builder.directory(sandbox.toFile());
            builder.environment().putAll(environment);
            builder.environment().put("MESOS_SANDBOX", sandbox.toString());
            builder.redirectOutput(sandbox.resolve("stdout").toFile());
            builder.redirectError(sandbox.resolve("stderr").toFile());
            return new ProcessTask(builder.start());
        } catch (IOException | RuntimeException e) {
            return new FailedTask(e.toString());
        }
    }

    private static void fetch(URI uri, boolean extract, Path sandbox) throws IOException {
        String fileName = Path.of(uri.getPath()).getFileName().toString();
        Path target = sandbox.resolve(fileName);
        switch (uri.getScheme()) {
            case "file" -> Files.copy(Path.of(uri), target, StandardCopyOption.REPLACE_EXISTING);
            case "http", "https" -> {
                try {
                    HttpResponse<InputStream> response = HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(uri)
                                            .timeout(Duration.ofSeconds(30))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofInputStream());
                    if (response.statusCode() != 200) {
                        throw new IOException("fetching " + uri + " answered " + response.statusCode());
                    }
                    try (InputStream body = response.body()) {
                        Files.copy(body, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
            default -> throw new IOException("the fetcher does not support " + uri.getScheme() + ": URIs");
        }
        if (extract && (fileName.endsWith(".tar.gz") || fileName.endsWith(".tgz"))) {
            Process tar = new ProcessBuilder(List.of("tar", "-xzf", target.toString(), "-C", sandbox.toString()))
                    .redirectErrorStream(true)
                    .start();
            try {
                if (!tar.waitFor(60, TimeUnit.SECONDS) || tar.exitValue() != 0) {
                    throw new IOException("cannot extract " + target);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UncheckedIOException(new IOException("interrupted", e));
            }
        }
    }

    private record ProcessTask(Process process) implements RunningTask {
        @Override
        public boolean alive() {
            return process.isAlive();
        }

        @Override
        public int exitCode() {
            return process.exitValue();
        }

        @Override
        public void stop() {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
        }

        @Override
        public void kill() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    /** A task whose fetch or start failed: it is dead from the start, as Mesos reports TASK_FAILED. */
    private record FailedTask(String reason) implements RunningTask {
        @Override
        public boolean alive() {
            return false;
        }

        @Override
        public int exitCode() {
            return 1;
        }

        @Override
        public void stop() {}

        @Override
        public void kill() {}
    }
}
