package io.egret.adapters.zookeeper.curator;

import java.util.ArrayList;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryNTimes;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/** A plain Curator client for tests to look at (and tamper with) ZooKeeper behind the store's back. */
final class ZooKeeperInspector implements AutoCloseable {
    private final CuratorFramework client;

    ZooKeeperInspector(String connectString) {
        client = CuratorFrameworkFactory.newClient(connectString, 30_000, 30_000, new RetryNTimes(20, 500));
        client.start();
    }

    CuratorFramework client() {
        return client;
    }

    /** Every znode below {@code path} (not the path itself), depth first; empty when it does not exist. */
    List<String> tree(String path) throws Exception {
        List<String> nodes = new ArrayList<>();
        collect(path, nodes);
        return nodes;
    }

    /** The leaves of the tree below {@code path} whose last name is {@code name} or starts with it. */
    List<String> nodesNamed(String path, String name) throws Exception {
        return tree(path).stream()
                .filter(node -> node.substring(node.lastIndexOf('/') + 1).startsWith(name))
                .toList();
    }

    Stat stat(String path) throws Exception {
        return client.checkExists().forPath(path);
    }

    private void collect(String path, List<String> nodes) throws Exception {
        List<String> children;
        try {
            children = client.getChildren().forPath(path);
        } catch (KeeperException.NoNodeException e) {
            return;
        }
        for (String child : children.stream().sorted().toList()) {
            String childPath = path.equals("/") ? "/" + child : path + "/" + child;
            nodes.add(childPath);
            collect(childPath, nodes);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
