/** The Curator implementation of the state store; see {@link io.egret.adapters.zookeeper.curator.CuratorStateStore}. */
package io.egret.adapters.zookeeper.curator;
