package io.egret.adapters.local.scheduler;

/** A scheduler service that dies on start, for the launcher's error reporting. */
public final class FailingSchedulerServiceMain {
    private FailingSchedulerServiceMain() {}

    public static void main(String[] arguments) {
        System.err.println("cannot connect to the state store at zk://nowhere:2181");
        System.exit(3);
    }
}
