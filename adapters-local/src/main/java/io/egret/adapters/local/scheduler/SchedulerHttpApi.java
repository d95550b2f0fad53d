package io.egret.adapters.local.scheduler;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.egret.control.service.SchedulerServiceRequests;
import io.egret.control.service.SchedulerServiceServer;
import io.egret.ports.out.ContainerStatus;
import io.egret.ports.out.Endpoint;
import java.io.IOException;
import java.time.Duration;

/**
 * The local scheduler service's HTTP API: the scheduler-service protocol every Egret service serves
 * ({@link SchedulerServiceServer}), its operations done by the executor supervisor. {@code /containers/add}
 * takes {@code {"containers": [ids]}}; kill and remove wait at most their {@code timeoutMillis}, else the
 * service's default.
 */
public final class SchedulerHttpApi implements AutoCloseable {
    /** See {@link SchedulerServiceServer#TOPOLOGY_ID_HEADER}. */
    public static final String TOPOLOGY_ID_HEADER = SchedulerServiceServer.TOPOLOGY_ID_HEADER;

    private final SchedulerServiceServer server;

    /**
     * @param topologyId the incarnation this service runs; requests naming another one are refused
     * @param onKilled called once a kill succeeded and its response was sent
     * @param defaultTimeout the kill and remove timeout when a request names none
     */
    public SchedulerHttpApi(
            ExecutorSupervisor supervisor,
            String topologyId,
            String host,
            int port,
            Duration defaultTimeout,
            Runnable onKilled)
            throws IOException {
        requireNonNull(supervisor, "supervisor is null");
        requireNonNull(defaultTimeout, "defaultTimeout is null");
        requireNonNull(onKilled, "onKilled is null");
        this.server = new SchedulerServiceServer(
                new SchedulerServiceServer.Operations() {
                    @Override
                    public void kill(JsonNode request) {
                        supervisor.killAll(SchedulerServiceRequests.timeout(request, defaultTimeout));
                    }

                    @Override
                    public void restart(JsonNode request) {
                        supervisor.restart(SchedulerServiceRequests.containerId(request));
                    }

                    @Override
                    public void add(JsonNode request) {
                        supervisor.start(SchedulerServiceRequests.containerIds(request));
                    }

                    @Override
                    public void remove(JsonNode request) {
                        supervisor.remove(
                                SchedulerServiceRequests.containerIds(request),
                                SchedulerServiceRequests.timeout(request, defaultTimeout));
                    }

                    @Override
                    public Iterable<ContainerStatus> status() {
                        return supervisor.status();
                    }

                    @Override
                    public void afterKill() {
                        onKilled.run();
                    }
                },
                topologyId,
                host,
                port,
                "egret-scheduler-http");
    }

    public void start() {
        server.start();
    }

    /** Where the API listens. */
    public Endpoint endpoint() {
        return server.endpoint();
    }

    @Override
    public void close() {
        server.close();
    }
}
