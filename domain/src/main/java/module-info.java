/** Egret's pure model and rules. Requires nothing but java.base. */
module io.egret.domain {
    exports io.egret.domain.error;
    exports io.egret.domain.resource;
    exports io.egret.domain.topology;
    exports io.egret.domain.packing;
    exports io.egret.domain.lifecycle;
    exports io.egret.domain.runtime;
    exports io.egret.domain.config;
}
