package io.egret.adapters.marathon.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Runs nothing: a task lives until it is stopped. Keeps what each task was started with, for assertions. */
final class RecordingTaskRunner implements TaskRunner {
    private final List<Started> started = new CopyOnWriteArrayList<>();

    @Override
    public RunningTask start(String taskId, JsonNode app, Map<String, String> environment) {
        started.add(new Started(taskId, app.path("id").asText(), app.path("cmd").asText(), Map.copyOf(environment)));
        return new RunningTask() {
            private volatile boolean alive = true;

            @Override
            public boolean alive() {
                return alive;
            }

            @Override
            public int exitCode() {
                return 0;
            }

            @Override
            public void stop() {
                alive = false;
            }

            @Override
            public void kill() {
                alive = false;
            }
        };
    }

    List<Started> started() {
        return List.copyOf(started);
    }

    /** What one task was started with. */
    record Started(String taskId, String appId, String command, Map<String, String> environment) {}
}
