package io.egret.app.cli;

import static java.util.Objects.requireNonNull;

import io.egret.app.client.CliSettings;
import io.egret.app.client.EgretClient;
import io.egret.app.client.EgretClientOptions;
import io.egret.domain.config.ConfigWarning;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/** A command that acts on a cluster: loads its configuration and wires its adapters. */
abstract class ClusterCommand implements Callable<Integer> {
    protected final CliContext context;

    @Mixin
    ClusterOptions clusterOptions = new ClusterOptions();

    @Mixin
    OutputOptions outputOptions = new OutputOptions();

    ClusterCommand(CliContext context) {
        this.context = requireNonNull(context, "context is null");
    }

    /** Opens a client for the cluster named by the first part of {@code CLUSTER[/ROLE[/ENV]]}. */
    protected EgretClient open(String clusterSpec) {
        String cluster = clusterSpec.contains("/") ? clusterSpec.substring(0, clusterSpec.indexOf('/')) : clusterSpec;
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
                HaltAtStep.wrap(new TerminalProgress(context.err(), outputOptions.verbose), context.err()));
        EgretClient client = EgretClient.open(options);
        for (ConfigWarning warning : client.warnings()) {
            context.err().println("warning: " + warning.message());
        }
        return client;
    }

    protected Printer printer() {
        return new Printer(context.out(), outputOptions.json());
    }
}
