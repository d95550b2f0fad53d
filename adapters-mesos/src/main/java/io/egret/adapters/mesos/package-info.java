/**
 * Mesos adapter: the launcher that starts a topology's scheduler service, the service itself (a Mesos framework
 * with an HTTP API for kill, restart, update and status), and the client the CLI uses to reach it, or the master
 * directly when the service is gone.
 */
package io.egret.adapters.mesos;
