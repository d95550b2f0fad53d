package io.egret.app.cli;

import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code heron version [CLUSTER]}: the release facts, as Heron prints them ({@code key : value}, sorted). */
@Command(name = "version", description = "Show the version of this CLI.")
final class VersionCommand implements java.util.concurrent.Callable<Integer> {
    private final CliContext context;

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "CLUSTER",
            description = "Accepted for Heron compatibility; the CLI and the cluster share one release.")
    String cluster;

    VersionCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        for (Map.Entry<String, String> fact : Release.facts().entrySet()) {
            context.out().println(fact.getKey() + " : " + fact.getValue());
        }
        return ExitCodes.SUCCESS;
    }

    /** Supplies {@code heron --version}. */
    static final class Provider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"heron (Egret) " + Release.version()};
        }
    }
}
