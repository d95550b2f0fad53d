/**
 * The state store on ZooKeeper, through Curator. Exports one Guice module, its config record and the connect
 * string (so the wiring can point it at a tunnel); the Curator implementation is internal.
 */
module io.egret.adapters.zookeeper {
    requires transitive io.egret.ports;
    requires io.egret.codec;
    requires com.google.guice;
    requires jakarta.inject;
    requires curator.client;
    requires curator.framework;
    requires curator.recipes;
    requires org.apache.zookeeper;
    // Curator and ZooKeeper are automatic modules, which do not pull in explicit ones: SLF4J must be required
    // here or it is missing at run time (its no-op binding then comes in as a service provider).
    requires org.slf4j;

    exports io.egret.adapters.zookeeper;

    // The Guice module builds the store with `new` in public @Provides methods.
    opens io.egret.adapters.zookeeper to
            com.google.guice;
}
