package io.egret.adapters.marathon.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The state behind the simulated Marathon: groups, apps, their tasks on a few agents of limited size, deployments
 * and the launch queue. Every change is a deployment that lives until its apps reached their target; a change to an
 * app that a running deployment affects is refused unless forced. {@link #reconcile} moves the cluster one step:
 * reap ended tasks, stop surplus ones, place missing ones on an agent whose free resources fit (or queue them with
 * the offers that did not), and finish deployments. All methods are called under the simulator's lock.
 */
final class SimulatedCluster {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final double EPSILON = 1e-9;

    private final List<MarathonSimulator.Agent> agents;
    private final TaskRunner runner;
    private final Duration killGrace;
    private final Map<String, String> agentEnvironment;
    private final Map<String, Set<String>> groups = new TreeMap<>();
    private final Map<String, App> apps = new TreeMap<>();
    private final List<Task> orphans = new ArrayList<>();
    private final Map<String, Deployment> deployments = new LinkedHashMap<>();
    private int taskCounter;

    SimulatedCluster(
            List<MarathonSimulator.Agent> agents,
            TaskRunner runner,
            Duration killGrace,
            Map<String, String> agentEnvironment) {
        this.agents = List.copyOf(agents);
        this.runner = runner;
        this.killGrace = killGrace;
        this.agentEnvironment = Map.copyOf(agentEnvironment);
    }

    // ---- reading

    boolean groupExists(String groupId) {
        return groups.containsKey(groupId);
    }

    /** The app's stored versions, newest first, as {@code GET /v2/apps/{id}/versions} lists them. */
    List<String> appVersions(String appId) {
        List<String> versions = new ArrayList<>(apps.get(appId).versions);
        java.util.Collections.reverse(versions);
        return versions;
    }

    /** Ends a running task of the app as a crash would (exit status 1), not as a kill. */
    boolean crash(String appId) {
        App app = apps.get(appId);
        if (app == null) {
            return false;
        }
        for (Task task : app.tasks) {
            if (!task.stopping && task.run.alive()) {
                task.run.kill();
                return true;
            }
        }
        return false;
    }

    boolean appExists(String appId) {
        return apps.containsKey(appId);
    }

    Set<String> groupIds() {
        return Set.copyOf(groups.keySet());
    }

    Set<String> appIds() {
        return Set.copyOf(apps.keySet());
    }

    List<String> groupApps(String groupId) {
        return List.copyOf(groups.getOrDefault(groupId, Set.of()));
    }

    int liveTasks() {
        int count = orphans.size();
        for (App app : apps.values()) {
            count += app.tasks.size();
        }
        return count;
    }

    /** The deployments that lock any of these apps. */
    List<String> locking(Collection<String> appIds) {
        List<String> locking = new ArrayList<>();
        for (Deployment deployment : deployments.values()) {
            for (String appId : appIds) {
                if (deployment.affectedApps.contains(appId)) {
                    locking.add(deployment.id);
                    break;
                }
            }
        }
        return locking;
    }

    void cancel(Collection<String> deploymentIds) {
        deploymentIds.forEach(deployments::remove);
    }

    // ---- changing

    Deployment createGroup(String groupId, List<JsonNode> appDefinitions) {
        groups.put(groupId, new java.util.TreeSet<>());
        List<String> ids = new ArrayList<>();
        for (JsonNode definition : appDefinitions) {
            ids.add(addApp(groupId, (ObjectNode) definition));
        }
        return deploy(ids, "StartApplication");
    }

    Deployment createApp(ObjectNode definition) {
        String id = definition.path("id").asText();
        String groupId = id.substring(0, id.lastIndexOf('/'));
        groups.computeIfAbsent(groupId, ignored -> new java.util.TreeSet<>());
        return deploy(List.of(addApp(groupId, definition)), "StartApplication");
    }

    private String addApp(String groupId, ObjectNode definition) {
        String id = definition.path("id").asText();
        App app = new App(id, definition, definition.path("instances").asInt(1));
        apps.put(id, app);
        groups.get(groupId).add(id);
        return id;
    }

    Deployment scaleGroup(String groupId, double factor) {
        List<String> ids = groupApps(groupId);
        for (String id : ids) {
            App app = apps.get(id);
            app.instances = (int) Math.ceil(app.instances * factor);
            app.definition.put("instances", app.instances);
            app.newVersion(true);
        }
        return deploy(ids, "ScaleApplication");
    }

    Deployment deleteGroup(String groupId) {
        List<String> ids = groupApps(groupId);
        groups.remove(groupId);
        for (String id : ids) {
            orphans.addAll(apps.remove(id).tasks);
        }
        orphans.forEach(this::requestStop);
        return deploy(ids, "StopApplication");
    }

    Deployment deleteApp(String appId) {
        App app = apps.remove(appId);
        groups.values().forEach(members -> members.remove(appId));
        orphans.addAll(app.tasks);
        app.tasks.forEach(this::requestStop);
        return deploy(List.of(appId), "StopApplication");
    }

    Deployment restartApp(String appId) {
        App app = apps.get(appId);
        // Marathon marks the app for restarting: a new version, counted as a config change.
        app.newVersion(false);
        for (Task task : app.tasks) {
            app.replace.add(task.id);
        }
        return deploy(List.of(appId), "RestartApplication");
    }

    private Deployment deploy(List<String> appIds, String action) {
        Deployment deployment =
                new Deployment(UUID.randomUUID().toString(), Instant.now().toString(), Set.copyOf(appIds), action);
        deployments.put(deployment.id, deployment);
        return deployment;
    }

    // ---- one step of the cluster

    void reconcile() {
        Instant now = Instant.now();
        reapOrphans(now);
        for (App app : apps.values()) {
            reap(app, now);
            stopReplaced(app);
            while (app.running() > app.instances) {
                requestStop(app.tasks.stream()
                        .filter(task -> !task.stopping)
                        .reduce((a, b) -> b)
                        .orElseThrow());
            }
            if (!app.replace.isEmpty() && app.tasks.stream().anyMatch(task -> app.replace.contains(task.id))) {
                // upgradeStrategy minimumHealthCapacity 0: the old task is gone before its replacement starts.
                continue;
            }
            launchMissing(app, now);
        }
        deployments.values().removeIf(this::done);
    }

    private void reapOrphans(Instant now) {
        for (Iterator<Task> iterator = orphans.iterator(); iterator.hasNext(); ) {
            Task task = iterator.next();
            if (!task.run.alive()) {
                iterator.remove();
            } else {
                forceIfOverdue(task, now);
            }
        }
    }

    private void reap(App app, Instant now) {
        for (Iterator<Task> iterator = app.tasks.iterator(); iterator.hasNext(); ) {
            Task task = iterator.next();
            if (task.run.alive()) {
                forceIfOverdue(task, now);
                continue;
            }
            iterator.remove();
            app.replace.remove(task.id);
            if (!task.stopping) {
                app.failures++;
                app.lastTaskFailure = NODES.objectNode()
                        .put("appId", app.id)
                        .put("host", "127.0.0.1")
                        .put("message", "Command exited with status " + task.run.exitCode())
                        .put("state", "TASK_FAILED")
                        .put("taskId", task.id)
                        .put("timestamp", now.toString())
                        .put("version", task.version);
                double delay = app.definition.path("backoffSeconds").asDouble(1)
                        * Math.pow(app.definition.path("backoffFactor").asDouble(1.15), app.failures - 1);
                double cap = app.definition.path("maxLaunchDelaySeconds").asDouble(300);
                app.delayUntil = now.plusMillis((long) (Math.min(delay, cap) * 1000));
            }
        }
    }

    private void forceIfOverdue(Task task, Instant now) {
        if (task.stopping && now.isAfter(task.stopRequestedAt.plus(killGrace))) {
            task.run.kill();
        }
    }

    private void stopReplaced(App app) {
        for (Task task : app.tasks) {
            if (app.replace.contains(task.id) && !task.stopping) {
                requestStop(task);
            }
        }
    }

    private void requestStop(Task task) {
        if (!task.stopping) {
            task.stopping = true;
            task.stopRequestedAt = Instant.now();
            task.run.stop();
        }
    }

    private void launchMissing(App app, Instant now) {
        int missing = app.instances - app.running();
        if (missing <= 0) {
            app.waitingSince = null;
            return;
        }
        if (app.delayUntil != null && now.isBefore(app.delayUntil)) {
            return;
        }
        for (int launched = 0; launched < missing; launched++) {
            int agent = place(app);
            if (agent < 0) {
                return;
            }
            app.waitingSince = null;
            app.tasks.add(start(app, agent, now));
        }
    }

    /** The first agent whose free resources fit the app, or -1 after recording the declined offers. */
    private int place(App app) {
        double cpus = app.definition.path("cpus").asDouble(1);
        double mem = app.definition.path("mem").asDouble(128);
        double disk = app.definition.path("disk").asDouble(0);
        List<ObjectNode> unused = new ArrayList<>();
        for (int index = 0; index < agents.size(); index++) {
            double[] free = free(index);
            String reason = cpus > free[0] + EPSILON
                    ? "InsufficientCpus"
                    : mem > free[1] + EPSILON
                            ? "InsufficientMemory"
                            : disk > free[2] + EPSILON ? "InsufficientDisk" : null;
            if (reason == null) {
                return index;
            }
            unused.add(offer(index, free, reason));
            app.rejects.merge(reason, 1, Integer::sum);
        }
        if (app.waitingSince == null) {
            app.waitingSince = Instant.now();
        }
        app.processedOffers += agents.size();
        app.lastUnusedOffers = unused;
        return -1;
    }

    private double[] free(int agentIndex) {
        MarathonSimulator.Agent agent = agents.get(agentIndex);
        double[] free = {agent.cpus(), agent.mem(), agent.disk()};
        List<Task> all = new ArrayList<>(orphans);
        apps.values().forEach(app -> all.addAll(app.tasks));
        for (Task task : all) {
            if (task.agent == agentIndex) {
                free[0] -= task.cpus;
                free[1] -= task.mem;
                free[2] -= task.disk;
            }
        }
        return free;
    }

    private ObjectNode offer(int agentIndex, double[] free, String reason) {
        ObjectNode unused = NODES.objectNode();
        ObjectNode offer = unused.putObject("offer");
        offer.put("id", "offer-" + UUID.randomUUID());
        offer.put("agentId", "agent-" + agentIndex);
        offer.put("hostname", "agent-" + agentIndex + ".simulated");
        ArrayNode resources = offer.putArray("resources");
        String[] names = {"cpus", "mem", "disk"};
        for (int index = 0; index < names.length; index++) {
            resources.addObject().put("name", names[index]).put("role", "*").put("scalar", Math.max(0, free[index]));
        }
        offer.putArray("attributes");
        unused.putArray("reason").add(reason);
        unused.put("timestamp", Instant.now().toString());
        return unused;
    }

    private Task start(App app, int agent, Instant now) {
        String taskId = app.id.substring(1).replace('/', '_') + "." + (++taskCounter) + "-" + UUID.randomUUID();
        Map<String, String> environment = new LinkedHashMap<>(agentEnvironment);
        List<Integer> ports = new ArrayList<>();
        int index = 0;
        for (JsonNode definition : app.definition.path("portDefinitions")) {
            int port = freePort();
            ports.add(port);
            environment.put("PORT" + index, Integer.toString(port));
            if (definition.hasNonNull("name")) {
                environment.put("PORT_" + envName(definition.get("name").asText()), Integer.toString(port));
            }
            index++;
        }
        if (!ports.isEmpty()) {
            environment.put("PORT", Integer.toString(ports.get(0)));
            environment.put(
                    "PORTS",
                    String.join(",", ports.stream().map(String::valueOf).toList()));
        }
        environment.put("HOST", "127.0.0.1");
        environment.put("MARATHON_APP_ID", app.id);
        environment.put("MARATHON_APP_VERSION", app.version);
        environment.put("MESOS_TASK_ID", taskId);
        List<String> labelNames = new ArrayList<>();
        app.definition.path("labels").fields().forEachRemaining(label -> {
            String name = envName(label.getKey());
            labelNames.add(name);
            environment.put("MARATHON_APP_LABEL_" + name, label.getValue().asText());
        });
        environment.put("MARATHON_APP_LABELS", String.join(" ", labelNames));
        app.definition.path("env").fields().forEachRemaining(variable -> {
            if (variable.getValue().isTextual()) {
                environment.put(variable.getKey(), variable.getValue().textValue());
            }
        });
        Task task = new Task(taskId, app.id, runner.start(taskId, app.definition, environment), ports, agent, now);
        task.version = app.version;
        task.cpus = app.definition.path("cpus").asDouble(1);
        task.mem = app.definition.path("mem").asDouble(128);
        task.disk = app.definition.path("disk").asDouble(0);
        return task;
    }

    private static String envName(String name) {
        return name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    private boolean done(Deployment deployment) {
        for (String appId : deployment.affectedApps) {
            App app = apps.get(appId);
            if (app == null) {
                if (orphans.stream().anyMatch(task -> task.appId().equals(appId))) {
                    return false;
                }
                continue;
            }
            if (app.running() != app.instances || app.tasks.stream().anyMatch(task -> task.stopping)) {
                return false;
            }
        }
        return true;
    }

    // ---- JSON views

    ObjectNode appJson(String appId, Set<String> embed, boolean checkHealth) {
        App app = apps.get(appId);
        ObjectNode json = app.definition.deepCopy();
        json.put("version", app.version);
        json.putObject("versionInfo")
                .put("lastScalingAt", app.lastScalingAt)
                .put("lastConfigChangeAt", app.lastConfigChangeAt);
        int running = 0;
        int healthy = 0;
        int unhealthy = 0;
        ArrayNode tasks = NODES.arrayNode();
        for (Task task : app.tasks) {
            if (task.stopping) {
                continue;
            }
            running++;
            Boolean health = checkHealth ? health(app, task) : null;
            if (Boolean.TRUE.equals(health)) {
                healthy++;
            } else if (Boolean.FALSE.equals(health) && overGrace(app, task)) {
                unhealthy++;
            }
            ObjectNode taskJson = tasks.addObject()
                    .put("id", task.id)
                    .put("appId", app.id)
                    .put("host", "127.0.0.1")
                    .put("state", "TASK_RUNNING")
                    .put("startedAt", task.startedAt.toString())
                    .put("version", task.version);
            ArrayNode ports = taskJson.putArray("ports");
            task.ports.forEach(ports::add);
        }
        json.put("tasksStaged", 0);
        json.put("tasksRunning", running);
        json.put("tasksHealthy", healthy);
        json.put("tasksUnhealthy", unhealthy);
        ArrayNode deploymentIds = json.putArray("deployments");
        locking(List.of(appId)).forEach(id -> deploymentIds.addObject().put("id", id));
        if (embed.contains("apps.tasks") || embed.contains("app.tasks") || embed.contains("group.apps.tasks")) {
            json.set("tasks", tasks);
        }
        if ((embed.contains("apps.lastTaskFailure") || embed.contains("app.lastTaskFailure"))
                && app.lastTaskFailure != null) {
            json.set("lastTaskFailure", app.lastTaskFailure);
        }
        return json;
    }

    private static boolean overGrace(App app, Task task) {
        long grace = app.definition
                .path("healthChecks")
                .path(0)
                .path("gracePeriodSeconds")
                .asLong(300);
        return Instant.now().isAfter(task.startedAt.plusSeconds(grace));
    }

    /** Runs the app's first health check against the task; null when it has none or the task has no such port. */
    private static Boolean health(App app, Task task) {
        JsonNode check = app.definition.path("healthChecks").path(0);
        if (check.isMissingNode()) {
            return null;
        }
        int portIndex = check.path("portIndex").asInt(0);
        if (portIndex >= task.ports.size()) {
            return false;
        }
        int port = task.ports.get(portIndex);
        String protocol = check.path("protocol").asText("HTTP");
        try {
            if (protocol.endsWith("TCP")) {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress("127.0.0.1", port), 300);
                    return true;
                }
            }
            HttpURLConnection connection = (HttpURLConnection)
                    URI.create("http://127.0.0.1:" + port + check.path("path").asText("/"))
                            .toURL()
                            .openConnection();
            connection.setConnectTimeout(300);
            connection.setReadTimeout(500);
            int status = connection.getResponseCode();
            connection.disconnect();
            return status >= 200 && status < 400;
        } catch (IOException e) {
            return false;
        }
    }

    ArrayNode deploymentsJson() {
        ArrayNode array = NODES.arrayNode();
        for (Deployment deployment : deployments.values()) {
            ObjectNode json = array.addObject().put("id", deployment.id).put("version", deployment.version);
            ArrayNode affected = json.putArray("affectedApps");
            deployment.affectedApps.forEach(affected::add);
            json.putArray("affectedPods");
            ArrayNode actions = json.putArray("steps").addObject().putArray("actions");
            ArrayNode current = json.putArray("currentActions");
            for (String appId : deployment.affectedApps) {
                actions.addObject().put("action", deployment.action).put("app", appId);
                current.addObject().put("action", deployment.action).put("app", appId);
            }
            json.put("currentStep", 1).put("totalSteps", 1);
        }
        return array;
    }

    ArrayNode queueJson(boolean embedOffers) {
        ArrayNode queue = NODES.arrayNode();
        Instant now = Instant.now();
        for (App app : apps.values()) {
            int count = app.instances - app.running();
            if (count <= 0) {
                continue;
            }
            boolean delayed = app.delayUntil != null && now.isBefore(app.delayUntil);
            if (!delayed && app.waitingSince == null) {
                continue;
            }
            ObjectNode entry = queue.addObject();
            entry.set("app", appJson(app.id, Set.of(), false));
            entry.put("count", count);
            entry.put("role", "*");
            entry.put("since", (app.waitingSince == null ? now : app.waitingSince).toString());
            long left = delayed ? Duration.between(now, app.delayUntil).toSeconds() : 0;
            entry.putObject("delay").put("timeLeftSeconds", Math.max(0, left)).put("overdue", !delayed);
            ObjectNode summary = entry.putObject("processedOffersSummary");
            int unused =
                    app.rejects.values().stream().mapToInt(Integer::intValue).sum();
            summary.put("processedOffersCount", app.processedOffers);
            summary.put("unusedOffersCount", unused);
            ArrayNode rejects = summary.putArray("rejectSummaryLastOffers");
            for (String reason : List.of(
                    "UnfulfilledRole",
                    "UnfulfilledConstraint",
                    "NoCorrespondingReservationFound",
                    "AgentMaintenance",
                    "InsufficientCpus",
                    "InsufficientMemory",
                    "InsufficientDisk",
                    "InsufficientGpus",
                    "InsufficientPorts",
                    "DeclinedScarceResources")) {
                rejects.addObject()
                        .put("reason", reason)
                        .put("declined", app.rejects.getOrDefault(reason, 0))
                        .put("processed", app.processedOffers);
            }
            if (embedOffers) {
                ArrayNode offers = entry.putArray("lastUnusedOffers");
                app.lastUnusedOffers.forEach(offers::add);
            }
        }
        return queue;
    }

    /** Stops every task and waits (up to the kill grace) for them to end, then kills the rest. */
    void shutDown() {
        List<Task> all = new ArrayList<>(orphans);
        apps.values().forEach(app -> all.addAll(app.tasks));
        all.forEach(this::requestStop);
        Instant deadline = Instant.now().plus(killGrace);
        for (Task task : all) {
            while (task.run.alive() && Instant.now().isBefore(deadline)) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            task.run.kill();
        }
    }

    /** One app: its definition, target instances and tasks, plus its launch-queue bookkeeping. */
    private static final class App {
        private final String id;
        private final ObjectNode definition;
        /** Every stored version, oldest first: creation, each restart (a config change) and each scaling. */
        private final List<String> versions = new ArrayList<>();

        private String version;
        private String lastConfigChangeAt;
        private String lastScalingAt;
        private final List<Task> tasks = new ArrayList<>();
        private final Set<String> replace = new HashSet<>();
        private final Map<String, Integer> rejects = new TreeMap<>();
        private int instances;
        private int failures;
        private Instant delayUntil;
        private Instant waitingSince;
        private int processedOffers;
        private List<ObjectNode> lastUnusedOffers = List.of();
        private ObjectNode lastTaskFailure;

        private App(String id, ObjectNode definition, int instances) {
            this.id = id;
            this.definition = definition;
            this.instances = instances;
            newVersion(false);
        }

        /** A new version, as Marathon stores one for each change: always later than the last one. */
        private void newVersion(boolean scaling) {
            Instant now = Instant.now();
            if (version != null && !now.isAfter(Instant.parse(version))) {
                now = Instant.parse(version).plusMillis(1);
            }
            version = now.toString();
            versions.add(version);
            if (scaling) {
                lastScalingAt = version;
            } else {
                lastConfigChangeAt = version;
                lastScalingAt = version;
            }
        }

        private int running() {
            return (int) tasks.stream().filter(task -> !task.stopping).count();
        }
    }

    /** One task on an agent. */
    private static final class Task {
        private final String id;
        private final String appId;
        private final TaskRunner.RunningTask run;
        private final List<Integer> ports;
        private final int agent;
        private final Instant startedAt;
        private String version;
        private double cpus;
        private double mem;
        private double disk;
        private boolean stopping;
        private Instant stopRequestedAt;

        private Task(
                String id,
                String appId,
                TaskRunner.RunningTask run,
                List<Integer> ports,
                int agent,
                Instant startedAt) {
            this.id = id;
            this.appId = appId;
            this.run = run;
            this.ports = ports;
            this.agent = agent;
            this.startedAt = startedAt;
        }

        private String appId() {
            return appId;
        }
    }

    /** A deployment: which apps it affects and what it does to them. */
    record Deployment(String id, String version, Set<String> affectedApps, String action) {}
}
