package io.egret.app.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Where a cluster's configuration comes from: Heron's flags, old and new. */
public final class ClusterOptions {
    @Option(
            names = "--config-path",
            paramLabel = "DIR",
            description = "Directory holding one sub-directory per cluster (default: HERON_HOME/conf).")
    Path configPath;

    @Option(
            names = "--config-property",
            paramLabel = "KEY=VALUE",
            description = "Override a config key (repeatable); wins over every file.")
    List<String> configProperties = new ArrayList<>();

    @Option(
            names = "--config-file",
            paramLabel = "FILE",
            description = "Legacy: a Heron properties file of 'key: value' lines, applied over the cluster's files.")
    Path configFile;

    @Option(
            names = "--config-loader",
            paramLabel = "CLASS",
            description =
                    "Legacy: Heron's config loader class, e.g. com.twitter.heron.scheduler.aurora.AuroraConfigLoader.")
    String configLoader;

    @Option(
            names = "--release-yaml-file",
            paramLabel = "FILE",
            description = "Heron's release facts (heron.build.*) to record; default: HERON_HOME/release.yaml.")
    Path releaseFile;

    @Option(names = "--strict-config", description = "Treat unknown config keys as errors instead of warnings.")
    boolean strictConfig;

    @Option(
            names = "--service-url",
            paramLabel = "URL",
            description = "Heron's API-server mode; refused with a reason on every command (Egret talks to the"
                    + " cluster directly).")
    String serviceUrl;
}
