/**
 * The state store on ZooKeeper, wired by {@link io.egret.adapters.zookeeper.ZooKeeperAdapterModule} from a
 * {@link io.egret.adapters.zookeeper.ZooKeeperStateConfig}: Heron's {@code heron.statemgr.root.path} and directory
 * names, one znode per record holding the same envelope as every Egret store, every change one ZooKeeper
 * transaction. {@link io.egret.adapters.zookeeper.ConnectString} is the seam for tunnels: the wiring may point each
 * server of the quorum at the local end of a tunnel before the store connects.
 */
package io.egret.adapters.zookeeper;
