/** Guice composition: per cluster config, which adapters serve which port. */
module io.egret.modules {
    requires transitive io.egret.domain;
    requires org.yaml.snakeyaml;

    exports io.egret.modules.config;
}
