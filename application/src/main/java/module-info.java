/** Egret's use-case services, written against the ports only. */
module io.egret.application {
    requires transitive io.egret.ports;
    requires jakarta.inject;

    exports io.egret.application;
}
