/**
 * The local cluster: a state store and an uploader on the local file system, the topology packager and loader,
 * and the process scheduler. Exports one Guice module and its config record; everything else is internal.
 */
module io.egret.adapters.local {
    requires transitive io.egret.ports;
    requires io.egret.codec;
    // The plain HTTP client to Egret's own processes, shared with the topology-master control client.
    requires io.egret.control;
    requires com.google.guice;
    requires jakarta.inject;
    requires org.apache.commons.compress;
    requires jdk.httpserver;
    requires java.net.http;

    exports io.egret.adapters.local;

    // The Guice module builds implementations with `new` in public @Provides methods, so Guice only needs to
    // reflect over the exported module class itself.
    opens io.egret.adapters.local to
            com.google.guice;
}
