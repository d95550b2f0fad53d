package io.egret.executor;

import java.nio.file.Path;

/**
 * The executor's main for the multi-process test: the real {@link ExecutorMain#run} with the file-based test
 * store. Launched with {@code java --module-path ... --patch-module io.egret.executor=target/test-classes -m
 * io.egret.executor/io.egret.executor.TestingExecutorMain}.
 */
public final class TestingExecutorMain {
    private TestingExecutorMain() {}

    public static void main(String[] args) {
        System.exit(ExecutorMain.run(args, arguments -> new TestingFileStateStore(Path.of(arguments.stateRoot()))));
    }
}
