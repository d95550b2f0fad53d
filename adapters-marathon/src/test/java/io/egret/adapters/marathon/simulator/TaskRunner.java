package io.egret.adapters.marathon.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** How the simulator's agent runs a task: as a real process, or only on record. */
interface TaskRunner {

    /** Starts the app's command with the environment Marathon gives a task. */
    RunningTask start(String taskId, JsonNode app, Map<String, String> environment);

    /** One started task. */
    interface RunningTask {
        boolean alive();

        /** The exit code once it ended. */
        int exitCode();

        /** Asks it to stop (SIGTERM). */
        void stop();

        /** Ends it at once (SIGKILL). */
        void kill();
    }
}
