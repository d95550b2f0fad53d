package io.egret.e2e;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.zookeeper.MultiOperationRecord;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.server.Request;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;

/**
 * A standalone ZooKeeper server that records every request it receives, per client session, and the znodes each
 * transaction ({@code multi}) touches: what a command costs in round trips, counted where there is no doubt, on the
 * server, and whose session it was, told by what it wrote.
 */
final class CountingZooKeeper implements AutoCloseable {
    private final Map<Long, List<String>> requestsBySession = new LinkedHashMap<>();
    private final Map<Long, Set<String>> transactionPathsBySession = new LinkedHashMap<>();
    private final ServerCnxnFactory factory;

    CountingZooKeeper(File dataDirectory) throws IOException, InterruptedException {
        ZooKeeperServer server = new ZooKeeperServer(dataDirectory, dataDirectory, 2000) {
            @Override
            public void enqueueRequest(Request request) {
                record(request.sessionId, Request.op2String(request.type));
                if (request.type == ZooDefs.OpCode.multi) {
                    // Read once and kept by the request: the server's own processing gets the same record.
                    MultiOperationRecord transaction = request.readRequestRecordNoException(MultiOperationRecord::new);
                    if (transaction != null) {
                        for (Op op : transaction) {
                            recordPath(request.sessionId, op.getPath());
                        }
                    }
                }
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

    private synchronized void recordPath(long session, String path) {
        transactionPathsBySession
                .computeIfAbsent(session, ignored -> new LinkedHashSet<>())
                .add(path);
    }

    synchronized Set<Long> sessions() {
        return Set.copyOf(requestsBySession.keySet());
    }

    /**
     * The sessions that began after {@code before} was taken and have ended (closeSession): the short-lived clients
     * of one command, and of anything else that came and went meanwhile, not the long-lived processes it started.
     */
    synchronized List<Session> closedSessionsSince(Set<Long> before) {
        List<Session> sessions = new ArrayList<>();
        requestsBySession.forEach((session, requests) -> {
            if (!before.contains(session) && requests.contains(Request.op2String(ZooDefs.OpCode.closeSession))) {
                sessions.add(new Session(
                        session,
                        List.copyOf(requests),
                        Set.copyOf(transactionPathsBySession.getOrDefault(session, Set.of()))));
            }
        });
        return sessions;
    }

    /** One client session: its requests in order, and every znode its transactions touched. */
    record Session(long id, List<String> requests, Set<String> transactionPaths) {
        /** Whether one of its transactions touched {@code path}. */
        boolean transacted(String path) {
            return transactionPaths.contains(path);
        }
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
