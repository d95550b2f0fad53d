package io.egret.modules.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.egret.domain.error.EgretException;
import io.egret.ports.out.Endpoint;
import io.egret.ports.out.TunnelPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

final class StateStoreConnectionTest {
    private static final Function<Endpoint, Endpoint> TUNNELS = server -> switch (server.host()) {
        case "zk1.cluster.invalid" -> new Endpoint("127.0.0.1", 40001);
        case "zk2.cluster.invalid" -> new Endpoint("127.0.0.1", 40002);
        case "10.0.0.7" -> server;
        default -> throw EgretException.unreachable("cannot tunnel to " + server, null);
    };

    @Test
    void everyServerIsReplacedByWhereItIsReachableAndTheChrootKept() {
        assertThat(StateStoreConnection.rewrite("zk1.cluster.invalid:2181, zk2.cluster.invalid:2181/heron", TUNNELS))
                .isEqualTo("127.0.0.1:40001,127.0.0.1:40002/heron");
        assertThat(StateStoreConnection.rewrite("10.0.0.7:2181,zk1.cluster.invalid:2181", TUNNELS))
                .isEqualTo("10.0.0.7:2181,127.0.0.1:40001");
    }

    @Test
    void unreachableServersAreLeftOutAndNoneLeftIsTheFirstError() {
        assertThat(StateStoreConnection.rewrite("zk9.cluster.invalid:2181,zk2.cluster.invalid:2181", TUNNELS))
                .isEqualTo("127.0.0.1:40002");
        assertThatThrownBy(() -> StateStoreConnection.rewrite("zk8.cluster.invalid:1,zk9.cluster.invalid:2", TUNNELS))
                .isInstanceOf(EgretException.class)
                .hasMessage("cannot tunnel to zk8.cluster.invalid:1");
    }

    @Test
    void eachServerIsTunnelledOnceAndEveryTunnelClosedAtTheEnd() {
        List<Endpoint> opened = new ArrayList<>();
        List<Endpoint> closed = new ArrayList<>();
        TunnelPort route = target -> {
            opened.add(target);
            Endpoint local = TUNNELS.apply(target);
            return new TunnelPort.Tunnel() {
                @Override
                public Endpoint endpoint() {
                    return local;
                }

                @Override
                public void close() {
                    closed.add(target);
                }
            };
        };
        StateStoreConnection connection =
                new StateStoreConnection("zk1.cluster.invalid:2181,zk2.cluster.invalid:2181/heron", route);

        assertThat(connection.reachable()).isEqualTo("127.0.0.1:40001,127.0.0.1:40002/heron");
        assertThat(connection.reach(new Endpoint("zk1.cluster.invalid", 2181)))
                .isEqualTo(new Endpoint("127.0.0.1", 40001));
        assertThat(opened).hasSize(2);

        connection.close();

        assertThat(closed).containsExactlyInAnyOrderElementsOf(opened);
    }

    @Test
    void whatIsNotAServerListIsLeftAlone() {
        Function<Endpoint, Endpoint> never = server -> {
            throw new AssertionError("no server to reach in this string: " + server);
        };
        for (String connection : Map.of("local", "LOCALMODE", "empty", "", "no port", "zk1:", "bad port", "zk1:99999")
                .values()) {
            assertThat(StateStoreConnection.rewrite(connection, never)).isEqualTo(connection);
        }
    }
}
