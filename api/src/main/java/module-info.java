/**
 * What topology authors compile against: spouts, bolts, their collectors, tuples, groupings, the topology config
 * and {@link io.egret.api.TopologySubmitter}.
 */
module io.egret.api {
    requires transitive io.egret.domain;
    requires io.egret.codec;

    exports io.egret.api;
}
