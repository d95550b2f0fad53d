/** Guice composition: per cluster config, which adapters serve which port. The only module that knows adapters. */
module io.egret.modules {
    requires transitive io.egret.domain;
    requires transitive io.egret.ports;
    requires transitive io.egret.application;
    requires transitive com.google.guice;
    requires io.egret.adapters.local;
    requires io.egret.adapters.zookeeper;
    requires io.egret.adapters.ssh;
    requires io.egret.control;
    requires io.egret.adapters.mesos;
    requires io.egret.adapters.aurora;
    requires io.egret.adapters.marathon;
    // uploaders (issue 10)
    requires io.egret.adapters.hdfs;
    requires io.egret.adapters.s3;
    requires io.egret.executor;
    requires jakarta.inject;
    requires org.yaml.snakeyaml;

    exports io.egret.modules;
    exports io.egret.modules.config;
    exports io.egret.modules.wiring;
    exports io.egret.modules.runtime;

    // Guice calls the @Provides methods of the wiring modules reflectively.
    opens io.egret.modules.wiring to
            com.google.guice;

    // The executor finds its state store as a service, so that it names no state-store technology itself.
    provides io.egret.executor.StateStoreFactory with
            io.egret.modules.runtime.ExecutorStateStores;
}
