/**
 * Egret's own HTTP protocol to the processes it runs, the same on every cluster manager: the topology master's
 * control client ({@link io.egret.control.HttpTopologyControl}, the {@code TopologyControlPort} of every cluster,
 * reaching the master through a {@code TunnelPort}) and the plain HTTP client under it
 * ({@link io.egret.control.http.LoopbackHttp}, also used by the local scheduler's client), and the HTTP API every
 * scheduler service serves ({@link io.egret.control.service.SchedulerServiceServer}: the local one and Mesos's).
 *
 * <p>Why a module of its own and not an adapter: every cluster kind needs the control client, and the local adapter
 * needs the HTTP client too, and the local and Mesos adapters serve the same scheduler-service API; adapters may
 * not require one another, so code two of them share has to live outside
 * them. It knows ports, domain and codec only; the composition ({@code io.egret.modules}) binds it for every cluster
 * and hands it the scheduler's tunnel.
 */
module io.egret.control {
    requires transitive io.egret.ports;
    requires io.egret.codec;
    requires jdk.httpserver;

    exports io.egret.control;
    exports io.egret.control.http;
    exports io.egret.control.service;
}
