package io.egret.domain.config;

import static io.egret.domain.config.TestingConfigs.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.egret.domain.topology.ClusterTarget;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class StateManagerConfigTest {
    private static final StateManagerConfig.ZooKeeper ZOOKEEPER_DEFAULTS = new StateManagerConfig.ZooKeeper(
            Duration.ofSeconds(30), Duration.ofSeconds(30), 10, Duration.ofSeconds(10));

    @Test
    void defaults() {
        EffectiveConfig config = bound(Map.of(
                "heron.class.state.manager", "org.apache.heron.statemgr.localfs.LocalFileSystemStateManager",
                "heron.statemgr.root.path", "${HOME}/.herondata/repository/state/${CLUSTER}"));

        assertThat(StateManagerConfig.from(config))
                .isEqualTo(new StateManagerConfig(
                        StateManagerKind.LOCAL_FS,
                        "LOCALMODE",
                        "/home/jane/.herondata/repository/state/local",
                        true,
                        ZOOKEEPER_DEFAULTS,
                        TunnelConfig.forStateManager(config)));
    }

    @Test
    void explicitMappingZooKeeper() {
        Map<String, String> values = new HashMap<>();
        values.put("heron.class.state.manager", "com.twitter.heron.statemgr.zookeeper.curator.CuratorStateManager");
        values.put("heron.statemgr.connection.string", "zk1:2181,zk2:2181/chroot");
        values.put("heron.statemgr.root.path", "/heron");
        values.put("heron.statemgr.zookeeper.is.initialize.tree", "False");
        values.put("heron.statemgr.zookeeper.session.timeout.ms", "1000");
        values.put("heron.statemgr.zookeeper.connection.timeout.ms", "2000");
        values.put("heron.statemgr.zookeeper.retry.count", "3");
        values.put("heron.statemgr.zookeeper.retry.interval.ms", "400");
        values.put("heron.statemgr.is.tunnel.needed", "True");
        values.put("heron.statemgr.tunnel.host", "centos@jump");
        EffectiveConfig config = bound(values);

        StateManagerConfig stateManager = StateManagerConfig.from(config);

        assertThat(stateManager)
                .isEqualTo(new StateManagerConfig(
                        StateManagerKind.ZOOKEEPER,
                        "zk1:2181,zk2:2181/chroot",
                        "/heron",
                        false,
                        new StateManagerConfig.ZooKeeper(
                                Duration.ofSeconds(1), Duration.ofSeconds(2), 3, Duration.ofMillis(400)),
                        TunnelConfig.forStateManager(config)));
        assertThat(stateManager.tunnel().needed()).isTrue();
        assertThat(stateManager.tunnel().host()).isEqualTo("centos@jump");
    }

    @Test
    void zooKeeperNeedsAConnectionString() {
        EffectiveConfig config = bound(Map.of(
                "heron.class.state.manager", "org.apache.heron.statemgr.zookeeper.curator.CuratorStateManager",
                "heron.statemgr.root.path", "/heron"));

        assertThatThrownBy(() -> StateManagerConfig.from(config))
                .hasMessageContaining("missing required key heron.statemgr.connection.string");
    }

    private static EffectiveConfig bound(Map<String, String> values) {
        return config(values).bind(new ClusterTarget("local", "jane", "default"), "jane");
    }
}
