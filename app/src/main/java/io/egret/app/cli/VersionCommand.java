package io.egret.app.cli;

import io.egret.domain.error.EgretException;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
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

    @Mixin
    HelpOption helpOption = new HelpOption();

    @Option(
            names = "--service-url",
            paramLabel = "URL",
            description = "Heron's API-server mode; refused with a reason (Egret talks to the cluster directly).")
    String serviceUrl;

    /** Read by {@code bin/heron} (the GC log of this JVM on stderr); declared so that every command accepts it. */
    @Option(names = "--verbose_gc", description = "Log the garbage collections of this command's JVM to stderr.")
    boolean verboseGc;

    VersionCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (serviceUrl != null) {
            throw EgretException.userError("--service-url (Heron's API-server mode) is not"
                    + " supported: Egret talks to the cluster directly; drop it");
        }
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
