/** What Egret's core needs from outside (out) and what it offers (in). */
module io.egret.ports {
    requires transitive io.egret.domain;

    exports io.egret.ports.in;
    exports io.egret.ports.out;
}
