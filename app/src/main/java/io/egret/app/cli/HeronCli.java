package io.egret.app.cli;

import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * Builds and runs the {@code heron} command line. Only this layer prints to the terminal: errors become one line
 * on stderr and an exit code from {@link ExitCodes}; the cause chain appears only under {@code --verbose}.
 */
public final class HeronCli {
    private HeronCli() {}

    public static int run(String[] arguments, PrintStream out, PrintStream err, Map<String, String> environment) {
        if (!FrameworkLogging.verboseRequested(List.of(arguments))) {
            FrameworkLogging.quiet();
        }
        CliContext context = CliContext.fromSystem(out, err, environment);
        CommandLine commandLine = create(context);
        return commandLine.execute(arguments);
    }

    static CommandLine create(CliContext context) {
        CommandLine commandLine = new CommandLine(new HeronCommand(), new ContextFactory(context));
        commandLine.setCommandName(context.programName());
        commandLine.setOut(new PrintWriter(context.out(), true, StandardCharsets.UTF_8));
        commandLine.setErr(new PrintWriter(context.err(), true, StandardCharsets.UTF_8));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setUnmatchedOptionsArePositionalParams(false);
        // Submit hands what it does not know to the topology, in the order typed: unknown options are positional.
        commandLine.getSubcommands().get("submit").setUnmatchedOptionsArePositionalParams(true);
        commandLine.setParameterExceptionHandler((exception, arguments) -> {
            CommandLine failed = exception.getCommandLine();
            context.err()
                    .println(context.programName() + ": " + oneLine(exception.getMessage()) + " (see '"
                            + failed.getCommandSpec().qualifiedName() + " --help')");
            return ErrorCode.USER_ERROR.exitCode();
        });
        commandLine.setExecutionExceptionHandler((exception, failed, parseResult) ->
                report(context, exception, failed.getCommandSpec().qualifiedName(), isVerbose(parseResult)));
        return commandLine;
    }

    private static boolean isVerbose(CommandLine.ParseResult parseResult) {
        CommandLine.ParseResult current = parseResult;
        while (current != null) {
            if (current.hasMatchedOption("--verbose")) {
                return true;
            }
            current = current.subcommand();
        }
        return false;
    }

    static int report(CliContext context, Exception exception, String command, boolean verbose) {
        if (exception instanceof EgretException egret) {
            boolean hint = !verbose && egret.getCause() != null;
            context.err()
                    .println(command + ": " + oneLine(egret.getMessage())
                            + (hint ? " (run with --verbose for the cause)" : ""));
            if (verbose) {
                printCauses(context.err(), egret.getCause());
            }
            return egret.code().exitCode();
        }
        context.err()
                .println(command + ": internal error: " + oneLine(exception.toString())
                        + (verbose ? "" : " (run with --verbose for the stack trace, and please report it)"));
        if (verbose) {
            exception.printStackTrace(context.err());
        }
        return ErrorCode.INTERNAL.exitCode();
    }

    /** A message as one line: line breaks of a multi-line message become "; ". */
    static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", "; ");
    }

    private static void printCauses(PrintStream err, Throwable cause) {
        Throwable current = cause;
        while (current != null) {
            err.println("  caused by: " + current);
            current = current.getCause();
        }
        if (cause != null) {
            cause.printStackTrace(err);
        }
    }

    /** Hands every command the shared context through its constructor. */
    private static final class ContextFactory implements CommandLine.IFactory {
        private final CliContext context;
        private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

        ContextFactory(CliContext context) {
            this.context = context;
        }

        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                return type.getDeclaredConstructor(CliContext.class).newInstance(context);
            } catch (NoSuchMethodException e) {
                return fallback.create(type);
            }
        }
    }
}
