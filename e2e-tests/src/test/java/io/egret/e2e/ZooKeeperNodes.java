package io.egret.e2e;

import java.util.ArrayList;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;

/** What a topology left in ZooKeeper, read by the test's own client. */
final class ZooKeeperNodes {
    private ZooKeeperNodes() {}

    /** Every znode at or below {@code path} whose name starts with {@code prefix}; none when {@code path} is gone. */
    static List<String> named(CuratorFramework zooKeeper, String path, String prefix) throws Exception {
        List<String> found = new ArrayList<>();
        List<String> children;
        try {
            children = zooKeeper.getChildren().forPath(path);
        } catch (KeeperException.NoNodeException e) {
            return found;
        }
        for (String child : children) {
            String childPath = (path.equals("/") ? "" : path) + "/" + child;
            if (child.startsWith(prefix)) {
                found.add(childPath);
            }
            found.addAll(named(zooKeeper, childPath, prefix));
        }
        return found;
    }
}
