package io.egret.app.cli;

import static java.util.Objects.requireNonNull;

import io.egret.app.client.CliSettings;
import io.egret.app.client.EgretClient;
import io.egret.app.client.EgretClientOptions;
import io.egret.domain.config.ConfigWarning;
import io.egret.domain.error.EgretException;
import io.egret.domain.topology.ClusterTarget;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that acts on a cluster: loads its configuration and wires its adapters. */
abstract class ClusterCommand implements Callable<Integer> {
    protected final CliContext context;

    @Mixin
    ClusterOptions clusterOptions = new ClusterOptions();

    @Mixin
    OutputOptions outputOptions = new OutputOptions();

    @Mixin
    HelpOption helpOption = new HelpOption();

    @Spec
    CommandSpec spec;

    ClusterCommand(CliContext context) {
        this.context = requireNonNull(context, "context is null");
    }

    /** Opens a client for the cluster named by the first part of {@code CLUSTER[/ROLE[/ENV]]}. */
    protected EgretClient open(String clusterSpec) {
        String cluster = ClusterTarget.clusterName(clusterSpec);
        if (clusterOptions.serviceUrl != null) {
            throw EgretException.userError("--service-url (Heron's API-server mode) is not supported: Egret talks to"
                    + " the cluster directly; drop it and give the cluster's config with --config-path");
        }
        checkIgnoredArguments();
        // The user's settings from 'heron config CLUSTER set' apply over the cluster's files, under the command's own.
        List<String> properties = new ArrayList<>();
        CliSettings.forUser(context.environment(), cluster)
                .values()
                .forEach((key, value) -> properties.add(key + "=" + value));
        properties.addAll(clusterOptions.configProperties);
        EgretClientOptions options = new EgretClientOptions(
                context.heronHome(),
                Optional.ofNullable(clusterOptions.configPath).orElse(context.defaultConfigPath()),
                cluster,
                properties,
                Optional.ofNullable(clusterOptions.configFile),
                Optional.ofNullable(clusterOptions.configLoader),
                Optional.ofNullable(clusterOptions.releaseFile),
                clusterOptions.strictConfig,
                HaltAtStep.wrap(
                        new TerminalProgress(context.err(), outputOptions.verbose, context.interactive()),
                        context.err()));
        EgretClient client = EgretClient.open(options);
        for (ConfigWarning warning : client.warnings()) {
            context.err().println("warning: " + warning.message());
        }
        return client;
    }

    /**
     * Arguments this command does not know and ignores, as Heron does: they are reported as a warning, except a near
     * miss of one of the command's own flags, which stops the command before it changes anything.
     */
    protected List<String> ignoredArguments() {
        return List.of();
    }

    private void checkIgnoredArguments() {
        List<String> ignored = ignoredArguments();
        if (ignored.isEmpty()) {
            return;
        }
        NearMisses.find(ignored, flags()).ifPresent(miss -> {
            throw EgretException.userError(
                    "unknown option '" + miss.argument() + "': did you mean " + miss.flag() + "?");
        });
        context.err()
                .println("warning: ignoring " + String.join(" ", ignored) + " (not arguments of '"
                        + spec.qualifiedName() + "'; Heron ignores them too)");
    }

    /** Every option name of this command, mixins included. */
    protected Set<String> flags() {
        return spec.options().stream()
                .flatMap(option -> Arrays.stream(option.names()))
                .collect(Collectors.toSet());
    }

    protected Printer printer() {
        return new Printer(context.out(), outputOptions.json());
    }
}
