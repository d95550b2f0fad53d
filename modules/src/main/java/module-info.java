/** Guice composition: per cluster config, which adapters serve which port. The only module that knows adapters. */
module io.egret.modules {
    requires transitive io.egret.domain;
    requires transitive io.egret.ports;
    requires transitive io.egret.application;
    requires transitive com.google.guice;
    requires io.egret.adapters.local;
    requires jakarta.inject;
    requires org.yaml.snakeyaml;

    exports io.egret.modules;
    exports io.egret.modules.config;
    exports io.egret.modules.wiring;

    // Guice calls the @Provides methods of the wiring modules reflectively.
    opens io.egret.modules.wiring to
            com.google.guice;
}
