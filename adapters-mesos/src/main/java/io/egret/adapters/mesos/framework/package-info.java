/**
 * The topology's Mesos framework: subscription upkeep (heartbeats, reconnects), offer handling, task launches,
 * status updates, relaunches, reconciliation after a scheduler restart, and kill with teardown.
 */
package io.egret.adapters.mesos.framework;
