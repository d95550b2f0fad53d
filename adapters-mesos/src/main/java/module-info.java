/**
 * Mesos: a framework on the v1 scheduler HTTP API, using the official protobuf classes of
 * {@code org.apache.mesos:mesos} (module {@code mesos}, no native library: only its generated messages are used)
 * on a protobuf 3 runtime. Exports the Guice module, its config and the scheduler service; the protocol, matching
 * and framework packages are internal.
 */
module io.egret.adapters.mesos {
    requires transitive io.egret.ports;
    requires io.egret.codec;
    // The scheduler-service HTTP API, the same protocol as the local scheduler service's.
    requires io.egret.control;
    requires com.google.guice;
    requires jakarta.inject;
    requires com.fasterxml.jackson.databind;
    requires jdk.httpserver;
    requires mesos;
    requires com.google.protobuf;

    exports io.egret.adapters.mesos;

    opens io.egret.adapters.mesos to
            com.google.guice;
}
