/**
 * SSH tunnels through a jump host ({@code heron.statemgr.tunnel.*}, {@code heron.scheduler.tunnel.*}) with JSch, in
 * process: no {@code ssh} binary. Exports one Guice module and its config records; the JSch code is internal.
 */
module io.egret.adapters.ssh {
    requires transitive io.egret.ports;
    requires com.google.guice;
    requires com.jcraft.jsch;

    exports io.egret.adapters.ssh;
}
