package io.egret.e2e;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.server.Request;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;

/**
 * A standalone ZooKeeper server that records every request it receives, per client session: what a command
 * costs in round trips, counted where there is no doubt, on the server.
 */
final class CountingZooKeeper implements AutoCloseable {
    private final Map<Long, List<String>> requestsBySession = new LinkedHashMap<>();
    private final ServerCnxnFactory factory;

    CountingZooKeeper(File dataDirectory) throws IOException, InterruptedException {
        ZooKeeperServer server = new ZooKeeperServer(dataDirectory, dataDirectory, 2000) {
            @Override
            public void enqueueRequest(Request request) {
                record(request.sessionId, Request.op2String(request.type));
                super.enqueueRequest(request);
            }
        };
        factory = ServerCnxnFactory.createFactory(new InetSocketAddress("127.0.0.1", 0), 100);
        factory.startup(server);
    }

    String connectString() {
        return "127.0.0.1:" + factory.getLocalPort();
    }

    private synchronized void record(long session, String operation) {
        requestsBySession.computeIfAbsent(session, ignored -> new ArrayList<>()).add(operation);
    }

    synchronized Set<Long> sessions() {
        return Set.copyOf(requestsBySession.keySet());
    }

    /**
     * The requests of the sessions that began after {@code before} was taken and have ended (closeSession): the
     * short-lived clients of one command, not the long-lived processes it started.
     */
    synchronized List<List<String>> closedSessionsSince(Set<Long> before) {
        List<List<String>> sessions = new ArrayList<>();
        requestsBySession.forEach((session, requests) -> {
            if (!before.contains(session) && requests.contains(Request.op2String(ZooDefs.OpCode.closeSession))) {
                sessions.add(List.copyOf(requests));
            }
        });
        return sessions;
    }

    /** Round trips that read or write data: connection management (session create/close, pings) left out. */
    static List<String> dataRequests(List<String> requests) {
        Set<String> management = Set.of(
                Request.op2String(ZooDefs.OpCode.createSession),
                Request.op2String(ZooDefs.OpCode.closeSession),
                Request.op2String(ZooDefs.OpCode.ping),
                Request.op2String(ZooDefs.OpCode.setWatches),
                Request.op2String(ZooDefs.OpCode.setWatches2));
        return requests.stream()
                .filter(request -> !management.contains(request))
                .toList();
    }

    @Override
    public void close() {
        factory.shutdown();
    }
}
