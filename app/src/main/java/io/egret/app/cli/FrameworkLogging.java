package io.egret.app.cli;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the libraries' own logging off the terminal. Guice reports an exception thrown while wiring through
 * {@code java.util.logging}, stack trace included, before the CLI prints its one-line error; libraries on SLF4J
 * may print their own notices. Without {@code --verbose} all of that is switched off, so stderr carries only what
 * the CLI itself says.
 */
final class FrameworkLogging {
    /** Held so that the configured level is not lost with a collected logger. */
    private static final Logger ROOT = Logger.getLogger("");

    private FrameworkLogging() {}

    /** {@code --verbose} among the CLI's own arguments (those before {@code --}). */
    static boolean verboseRequested(List<String> arguments) {
        for (String argument : arguments) {
            if (argument.equals("--")) {
                return false;
            }
            if (argument.equals("--verbose")) {
                return true;
            }
        }
        return false;
    }

    static void quiet() {
        ROOT.setLevel(Level.OFF);
        for (java.util.logging.Handler handler : ROOT.getHandlers()) {
            handler.setLevel(Level.OFF);
        }
        // SLF4J's own notices (no provider found, ...) and its simple provider, should either be on the path.
        setIfAbsent("slf4j.internal.verbosity", "ERROR");
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "off");
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }
}
