package io.egret.app.cli;

import io.egret.app.client.CliSettings;
import io.egret.app.client.EgretClient;
import io.egret.domain.config.ConfigEntry;
import io.egret.domain.error.EgretException;
import io.egret.domain.topology.ClusterTarget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code heron config CLUSTER list | set KEY VALUE | unset KEY | explain KEY}. Settings made with {@code set} live
 * in {@code ~/.config/heron/CLUSTER/cli.yaml} and apply over the cluster's files (below --config-property).
 */
@Command(
        name = "config",
        description = {
            "Show or change a cluster's configuration.",
            "  list           every effective key with its value and where it came from (secrets redacted)",
            "  set KEY VALUE  store a per-user override in ~/.config/heron/CLUSTER/cli.yaml",
            "  unset KEY      remove that override",
            "  explain KEY    what the key means, its default, its value and its source"
        })
final class ConfigCommandLine extends ClusterCommand {
    @Parameters(index = "0", paramLabel = "CLUSTER")
    String cluster;

    @Parameters(index = "1", paramLabel = "ACTION", description = "list, set, unset or explain")
    String action;

    @Parameters(index = "2..*", paramLabel = "ARGS")
    List<String> arguments = new ArrayList<>();

    ConfigCommandLine(CliContext context) {
        super(context);
    }

    @Override
    public Integer call() {
        String clusterName = ClusterTarget.clusterName(cluster);
        CliSettings settings = CliSettings.forUser(context.environment(), clusterName);
        switch (action.toLowerCase(Locale.ROOT)) {
            case "list" -> {
                expectArguments(0, "heron config CLUSTER list");
                return list();
            }
            case "set" -> {
                expectArguments(2, "heron config CLUSTER set KEY VALUE");
                if (arguments.get(0).equals("service_url")) {
                    // Heron's only cli.yaml property: the URL of its API server, which Egret does not have.
                    throw EgretException.userError("service_url (Heron's API-server mode) is not supported: Egret"
                            + " talks to the cluster directly; set cluster keys instead, e.g. heron config "
                            + clusterName + " set heron.package.core.uri URI");
                }
                try (EgretClient client = open(cluster)) {
                    client.checkKnownKey(arguments.get(0));
                }
                settings.set(arguments.get(0), arguments.get(1));
                printer()
                        .result(
                                "Set " + arguments.get(0) + " for cluster " + clusterName + " in " + settings.file(),
                                Map.of(
                                        "key",
                                        arguments.get(0),
                                        "file",
                                        settings.file().toString()));
                return ExitCodes.SUCCESS;
            }
            case "unset" -> {
                expectArguments(1, "heron config CLUSTER unset KEY");
                open(cluster).close(); // fails on a cluster that does not exist, as set and list do
                boolean removed = settings.unset(arguments.get(0));
                printer()
                        .result(
                                removed
                                        ? "Unset " + arguments.get(0) + " for cluster " + clusterName
                                        : arguments.get(0) + " was not set in " + settings.file(),
                                Map.of("key", arguments.get(0), "removed", removed));
                return ExitCodes.SUCCESS;
            }
            case "explain" -> {
                expectArguments(1, "heron config CLUSTER explain KEY");
                try (EgretClient client = open(cluster)) {
                    Map<String, Object> explanation = client.explain(arguments.get(0));
                    if (printer().isJson()) {
                        printer().json(explanation);
                    } else {
                        explanation.forEach((key, value) -> printer().line(key + ": " + value));
                    }
                }
                return ExitCodes.SUCCESS;
            }
            default ->
                throw EgretException.userError(
                        "unknown config action '" + action + "': use list, set, unset or explain");
        }
    }

    private int list() {
        try (EgretClient client = open(cluster)) {
            Printer printer = printer();
            List<ConfigEntry> entries = client.config().entries();
            if (printer.isJson()) {
                Map<String, Object> document = new LinkedHashMap<>();
                for (ConfigEntry entry : entries) {
                    document.put(
                            entry.key(),
                            Map.of(
                                    "value",
                                    entry.displayValue(),
                                    "source",
                                    entry.source().toString()));
                }
                printer.json(document);
                return ExitCodes.SUCCESS;
            }
            for (ConfigEntry entry : entries) {
                printer.line(entry.key() + ": " + entry.displayValue() + "    # " + entry.source());
            }
            return ExitCodes.SUCCESS;
        }
    }

    private void expectArguments(int count, String usage) {
        if (arguments.size() != count) {
            throw EgretException.userError("usage: " + usage);
        }
    }
}
