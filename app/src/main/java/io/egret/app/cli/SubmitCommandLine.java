package io.egret.app.cli;

import io.egret.app.client.EgretClient;
import io.egret.domain.error.EgretException;
import io.egret.domain.topology.ClusterTarget;
import io.egret.ports.in.SubmitCommand;
import io.egret.ports.in.SubmitResult;
import io.egret.ports.in.WaitCondition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code heron submit CLUSTER[/ROLE[/ENV]] TOPOLOGY-FILE CLASS [TOPOLOGY-ARGS...]}. */
@Command(name = "submit", description = "Submit a topology: load, pack, upload, record, launch.")
final class SubmitCommandLine extends ClusterCommand {
    @Parameters(index = "0", paramLabel = "CLUSTER[/ROLE[/ENV]]")
    String cluster;

    @Parameters(index = "1", paramLabel = "TOPOLOGY-FILE", description = "The topology's jar.")
    Path topologyFile;

    @Parameters(index = "2", paramLabel = "CLASS", description = "The topology's main class.")
    String className;

    /**
     * Heron passes arguments it does not know to the topology's main class; so do we, in the order typed (the
     * command line treats unknown options as positional parameters, see {@link HeronCli}). Everything after
     * {@code --} goes to the topology as it is.
     */
    @Parameters(
            index = "3..*",
            paramLabel = "TOPOLOGY-ARGS",
            description = "Arguments for the main class, in the order typed; put them after -- to pass on an"
                    + " argument that looks like one of these options.")
    List<String> topologyArguments = new ArrayList<>();

    @Option(names = "--deploy-deactivated", description = "Start with spouts paused; activate later.")
    boolean deployDeactivated;

    @Option(names = "--dry-run", description = "Show the packing plan and effective config; change nothing.")
    boolean dryRun;

    @Option(names = "--dry-run-format", paramLabel = "FORMAT", description = "raw, table (default) or json.")
    DryRunFormat dryRunFormat = DryRunFormat.TABLE;

    @Option(
            names = "--topology-main-jvm-property",
            paramLabel = "KEY=VALUE",
            description = "A -D system property for the topology's main class (repeatable).")
    List<String> jvmProperties = new ArrayList<>();

    @Option(
            names = "--wait-until",
            paramLabel = "CONDITION",
            description =
                    "SUBMITTED (default) or RUNNING: return once every container reported to the topology master.")
    WaitCondition waitUntil = WaitCondition.SUBMITTED;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "How long --wait-until may wait (default 60).")
    long timeoutSeconds = 60;

    @Option(
            names = "--extra-launch-classpath",
            paramLabel = "CLASSPATH",
            description = "More jars or directories (':'-separated) the topology's main class runs with.")
    String extraLaunchClasspath;

    @Option(names = "--replace", description = "Kill a running topology of the same name after the new one is ready.")
    boolean replace;

    SubmitCommandLine(CliContext context) {
        super(context);
    }

    @Override
    public Integer call() {
        checkForMistypedFlags();
        if (!Files.isRegularFile(topologyFile)) {
            throw EgretException.userError("topology file '" + topologyFile + "' does not exist or is not a file");
        }
        List<String> arguments = List.copyOf(topologyArguments);
        try (EgretClient client = open(cluster)) {
            ClusterTarget target = client.target(cluster, context.user());
            SubmitResult result = client.submit(new SubmitCommand(
                    target,
                    context.user(),
                    topologyFile.toAbsolutePath(),
                    className,
                    arguments,
                    parseProperties(jvmProperties),
                    deployDeactivated,
                    dryRun,
                    replace,
                    waitUntil,
                    Duration.ofSeconds(timeoutSeconds),
                    extraClassPath()));
            Printer printer = printer();
            String name = result.definition().name().value();
            if (result.dryRun()) {
                DryRunFormat format = printer.isJson() ? DryRunFormat.JSON : dryRunFormat;
                if (format == DryRunFormat.JSON) {
                    Map<String, Object> document =
                            Printer.planJson(result.definition().name().value(), result.packingPlan());
                    document.put("config", client.config().redacted());
                    result.launchPreview().ifPresent(preview -> document.put("launch", preview));
                    printer.json(document);
                    return ExitCodes.SUCCESS;
                }
                printer.plan(result.definition().name().value(), result.packingPlan(), format);
                if (result.launchPreview().isPresent()) {
                    printer.line("");
                    printer.line("Launch request (secrets redacted):");
                    result.launchPreview().get().lines().forEach(printer::line);
                }
                printer.line("");
                printer.line("Effective config (secrets redacted):");
                client.config().redacted().forEach((key, value) -> printer.line("  " + key + ": " + value));
                return ExitCodes.SUCCESS;
            }
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("topology", result.definition().name().value());
            result.executionState().ifPresent(state -> {
                document.put("id", state.id().value());
                document.put("target", state.target().toString());
                document.put("state", state.state().name());
            });
            document.put("containers", result.packingPlan().containers().size());
            document.put("jobLinks", result.jobLinks());
            printer.result(
                    "Submitted topology '" + result.definition().name() + "' to " + target + " ("
                            + result.packingPlan().containers().size() + " containers, state "
                            + result.executionState()
                                    .map(state -> state.state().name())
                                    .orElse("?") + ")",
                    document);
            if (!printer.isJson()) {
                result.jobLinks().forEach(link -> printer.line("Job link: " + link));
            }
            printer.heronResult("launched", name);
            return ExitCodes.SUCCESS;
        }
    }

    /** A topology argument typed before {@code --} that nearly is one of submit's flags stops the submit. */
    private void checkForMistypedFlags() {
        List<String> typed = spec.commandLine().getParseResult().originalArgs();
        int separator = typed.indexOf("--");
        int afterSeparator = separator < 0 ? 0 : typed.size() - separator - 1;
        List<String> checked = topologyArguments.subList(0, Math.max(0, topologyArguments.size() - afterSeparator));
        NearMisses.find(checked, flags()).ifPresent(miss -> {
            throw EgretException.userError("unknown option '" + miss.argument() + "': did you mean " + miss.flag()
                    + "? (put topology arguments after `--` to pass it on)");
        });
    }

    private List<Path> extraClassPath() {
        if (extraLaunchClasspath == null || extraLaunchClasspath.isBlank()) {
            return List.of();
        }
        List<Path> entries = new ArrayList<>();
        for (String entry : extraLaunchClasspath.split(java.io.File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path path = Path.of(entry);
            if (!Files.exists(path)) {
                throw EgretException.userError("--extra-launch-classpath entry '" + entry + "' does not exist");
            }
            entries.add(path.toAbsolutePath());
        }
        return entries;
    }

    static Map<String, String> parseProperties(List<String> properties) {
        Map<String, String> parsed = new LinkedHashMap<>();
        for (String property : properties) {
            int equals = property.indexOf('=');
            if (equals <= 0) {
                throw EgretException.userError(
                        "--topology-main-jvm-property '" + property + "' must look like KEY=VALUE");
            }
            parsed.put(property.substring(0, equals), property.substring(equals + 1));
        }
        return parsed;
    }
}
