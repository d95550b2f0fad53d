package io.egret.app;

import io.egret.app.cli.HeronCli;

/** {@code heron} (and its alias {@code heron-cli}). */
public final class HeronMain {
    private HeronMain() {}

    public static void main(String[] arguments) {
        System.exit(HeronCli.run(arguments, System.out, System.err, System.getenv()));
    }
}
