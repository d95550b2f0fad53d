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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs tasks as local processes, as a Mesos agent would: a sandbox per task, the app's {@code fetch} URIs fetched
 * (and {@code .tar.gz} unpacked) into it, then {@code /bin/sh -c <cmd>} in it with the task's environment, output
 * to the sandbox's {@code stdout} and {@code stderr}. A fetch that fails fails the task, as on Mesos.
 */
final class ProcessTaskRunner implements TaskRunner {
    private static final ExecutorService LAUNCHER = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "marathon-simulator-fetcher");
        thread.setDaemon(true);
        return thread;
    });

    private final Path root;

    ProcessTaskRunner(Path root) {
        this.root = root;
    }

    @Override
    public RunningTask start(String taskId, JsonNode app, Map<String, String> environment) {
        Path sandbox = root.resolve(taskId);
        ProcessTask task = new ProcessTask();
        // Fetching and unpacking take a while: like a real agent, do it apart from Marathon's own bookkeeping.
        LAUNCHER.execute(() -> task.launched(() -> {
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
            return builder;
        }));
        return task;
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

    /** How a task's process is made: fetch into the sandbox, then a process builder for its command. */
    private interface Preparation {
        ProcessBuilder prepare() throws IOException;
    }

    /**
     * A task that is fetching, running or ended. A fetch or start that fails ends it with exit code 1, as Mesos
     * reports TASK_FAILED; a stop while it fetches means its process never starts.
     */
    private static final class ProcessTask implements RunningTask {
        private boolean launching = true;
        private boolean stopRequested;
        private Process process;

        private void launched(Preparation preparation) {
            Process started = null;
            try {
                ProcessBuilder builder = preparation.prepare();
                synchronized (this) {
                    if (!stopRequested) {
                        started = builder.start();
                    }
                }
            } catch (IOException | RuntimeException e) {
                // Ends the task: alive() turns false with no process, which the cluster reaps as failed.
            }
            synchronized (this) {
                process = started;
                launching = false;
            }
        }

        @Override
        public synchronized boolean alive() {
            return launching || process != null && process.isAlive();
        }

        @Override
        public synchronized int exitCode() {
            return process == null ? 1 : process.exitValue();
        }

        @Override
        public synchronized void stop() {
            stopRequested = true;
            if (process != null) {
                process.descendants().forEach(ProcessHandle::destroy);
                process.destroy();
            }
        }

        @Override
        public synchronized void kill() {
            stopRequested = true;
            if (process != null) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }
    }
}
