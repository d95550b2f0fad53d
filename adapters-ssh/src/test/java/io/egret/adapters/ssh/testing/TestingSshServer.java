package io.egret.adapters.ssh.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.FactoryManager;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.future.CloseFuture;
import org.apache.sshd.common.future.SshFutureListener;
import org.apache.sshd.common.io.DefaultIoServiceFactoryFactory;
import org.apache.sshd.common.io.IoAcceptor;
import org.apache.sshd.common.io.IoConnectFuture;
import org.apache.sshd.common.io.IoConnector;
import org.apache.sshd.common.io.IoHandler;
import org.apache.sshd.common.io.IoServiceEventListener;
import org.apache.sshd.common.io.IoServiceFactory;
import org.apache.sshd.common.io.IoServiceFactoryFactory;
import org.apache.sshd.common.io.IoSession;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.common.util.threads.CloseableExecutorService;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.config.keys.AuthorizedKeysAuthenticator;
import org.apache.sshd.server.forward.AcceptAllForwardingFilter;

/**
 * An Apache MINA SSH server on the loopback interface that allows local port forwarding, with public-key login
 * from an {@code authorized_keys} file. Host names given as {@code clusterHosts} resolve only inside this server
 * (where it connects forwards to), like names only a cluster's DNS knows: the client cannot reach them directly.
 */
public final class TestingSshServer implements AutoCloseable {
    private final SshServer server;
    private final KeyPair hostKey;
    private final Map<String, AtomicInteger> forwards = new ConcurrentHashMap<>();
    private final List<String> requestedForwards = new CopyOnWriteArrayList<>();

    public TestingSshServer(Path authorizedKeys, Map<String, String> clusterHosts) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            hostKey = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPublickeyAuthenticator(new AuthorizedKeysAuthenticator(authorizedKeys));
        server.setForwardingFilter(new AcceptAllForwardingFilter() {
            @Override
            public boolean canConnect(Type type, SshdSocketAddress address, Session session) {
                requestedForwards.add(address.getHostName() + ":" + address.getPort());
                return true;
            }
        });
        server.setIoServiceFactoryFactory(new ClusterDns(clusterHosts, forwards));
        // As OpenSSH does for forwarded connections: without it small request/response exchanges through a
        // forward wait for delayed ACKs (about 40 ms each).
        CoreModuleProperties.TCP_NODELAY.set(server, true);
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return server.getPort();
    }

    /** Open SSH sessions. */
    public int sessions() {
        return server.getActiveSessions().size();
    }

    /**
     * How many forwarded connections this server opened to a cluster-only name (each {@code direct-tcpip} channel
     * to it, including a client's verification probes): proof that a client reached the name through this server.
     */
    public int forwardsTo(String clusterHost) {
        AtomicInteger count = forwards.get(clusterHost);
        return count == null ? 0 : count.get();
    }

    /** Every target a client asked this server to forward a connection to, {@code host:port} as asked, in order. */
    public List<String> forwards() {
        return List.copyOf(requestedForwards);
    }

    /** This server's {@code known_hosts} line. */
    public String knownHostsLine() {
        return "[127.0.0.1]:" + port() + " " + PublicKeyEntry.toString(hostKey.getPublic());
    }

    /** Writes a new ECDSA key pair in OpenSSH form: {@code file} and {@code file.pub}; returns the public line. */
    public static String generateClientKey(Path file) {
        try {
            com.jcraft.jsch.KeyPair pair =
                    com.jcraft.jsch.KeyPair.genKeyPair(new com.jcraft.jsch.JSch(), com.jcraft.jsch.KeyPair.ECDSA, 256);
            pair.writePrivateKey(file.toString());
            ByteArrayOutputStream publicKey = new ByteArrayOutputStream();
            pair.writePublicKey(publicKey, "egret-test");
            String line = publicKey.toString(StandardCharsets.UTF_8).strip();
            Files.writeString(file.resolveSibling(file.getFileName() + ".pub"), line + "\n");
            pair.dispose();
            return line;
        } catch (com.jcraft.jsch.JSchException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            server.stop(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Connects forwards to cluster-only names at the addresses they stand for. */
    private static final class ClusterDns implements IoServiceFactoryFactory {
        private final IoServiceFactoryFactory delegate =
                DefaultIoServiceFactoryFactory.getDefaultIoServiceFactoryFactoryInstance();
        private final Map<String, String> hosts;
        private final Map<String, AtomicInteger> forwards;

        ClusterDns(Map<String, String> hosts, Map<String, AtomicInteger> forwards) {
            this.hosts = Map.copyOf(hosts);
            this.forwards = forwards;
        }

        @Override
        public IoServiceFactory create(FactoryManager manager) {
            IoServiceFactory factory = delegate.create(manager);
            return new IoServiceFactory() {
                @Override
                public IoConnector createConnector(IoHandler handler) {
                    return new TranslatingConnector(factory.createConnector(handler), hosts, forwards);
                }

                @Override
                public IoAcceptor createAcceptor(IoHandler handler) {
                    return factory.createAcceptor(handler);
                }

                @Override
                public IoServiceEventListener getIoServiceEventListener() {
                    return factory.getIoServiceEventListener();
                }

                @Override
                public void setIoServiceEventListener(IoServiceEventListener listener) {
                    factory.setIoServiceEventListener(listener);
                }

                @Override
                public CloseFuture close(boolean immediately) {
                    return factory.close(immediately);
                }

                @Override
                public void addCloseFutureListener(SshFutureListener<CloseFuture> listener) {
                    factory.addCloseFutureListener(listener);
                }

                @Override
                public void removeCloseFutureListener(SshFutureListener<CloseFuture> listener) {
                    factory.removeCloseFutureListener(listener);
                }

                @Override
                public boolean isClosed() {
                    return factory.isClosed();
                }

                @Override
                public boolean isClosing() {
                    return factory.isClosing();
                }
            };
        }

        @Override
        public void setExecutorServiceFactory(
                org.apache.sshd.common.Factory<CloseableExecutorService> executorServiceFactory) {
            delegate.setExecutorServiceFactory(executorServiceFactory);
        }
    }

    private record TranslatingConnector(
            IoConnector delegate, Map<String, String> hosts, Map<String, AtomicInteger> forwards)
            implements IoConnector {
        @Override
        public IoConnectFuture connect(
                SocketAddress targetAddress, AttributeRepository context, SocketAddress localAddress) {
            SocketAddress target = targetAddress;
            if (targetAddress instanceof InetSocketAddress inet && hosts.containsKey(inet.getHostString())) {
                target = new InetSocketAddress(hosts.get(inet.getHostString()), inet.getPort());
                forwards.computeIfAbsent(inet.getHostString(), name -> new AtomicInteger())
                        .incrementAndGet();
            }
            return delegate.connect(target, context, localAddress);
        }

        @Override
        public Map<Long, IoSession> getManagedSessions() {
            return delegate.getManagedSessions();
        }

        @Override
        public IoServiceEventListener getIoServiceEventListener() {
            return delegate.getIoServiceEventListener();
        }

        @Override
        public void setIoServiceEventListener(IoServiceEventListener listener) {
            delegate.setIoServiceEventListener(listener);
        }

        @Override
        public CloseFuture close(boolean immediately) {
            return delegate.close(immediately);
        }

        @Override
        public void addCloseFutureListener(SshFutureListener<CloseFuture> listener) {
            delegate.addCloseFutureListener(listener);
        }

        @Override
        public void removeCloseFutureListener(SshFutureListener<CloseFuture> listener) {
            delegate.removeCloseFutureListener(listener);
        }

        @Override
        public boolean isClosed() {
            return delegate.isClosed();
        }

        @Override
        public boolean isClosing() {
            return delegate.isClosing();
        }
    }
}
