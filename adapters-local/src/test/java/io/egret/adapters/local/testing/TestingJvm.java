package io.egret.adapters.local.testing;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Command lines for child JVMs that run a main class from the test sources. Surefire runs tests on the module
 * path with the test classes patched into the module; children get everything on a plain class path instead,
 * which is enough for test mains.
 */
public final class TestingJvm {
    private TestingJvm() {}

    /** {@code java -cp <test class path> <mainClass> <arguments>}. */
    public static List<String> command(Class<?> mainClass, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(javaBinary().toString());
        command.add("-Xshare:auto");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classPath()));
        command.add(mainClass.getName());
        command.addAll(List.of(arguments));
        return command;
    }

    /**
     * {@code java --module-path ... -m io.egret.adapters.local/<mainClass> <arguments>}: the main class runs inside
     * the adapter module on the real module path (the test classes patched in), as the production service does.
     */
    public static List<String> moduleCommand(Class<?> mainClass, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(javaBinary().toString());
        command.add("-XX:TieredStopAtLevel=1");
        command.add("--module-path");
        command.add(System.getProperty("jdk.module.path"));
        command.add("--patch-module");
        command.add(mainClass.getModule().getName() + "=" + testClasses());
        // Dependencies of automatic modules (Guice's Guava) are not on the module path.
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("-m");
        command.add(mainClass.getModule().getName() + "/" + mainClass.getName());
        command.addAll(List.of(arguments));
        return command;
    }

    public static Path javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** The module path and class path of this JVM plus the test classes. */
    public static List<String> classPath() {
        Set<String> entries = new LinkedHashSet<>();
        entries.add(testClasses().toString());
        for (String property : List.of("jdk.module.path", "java.class.path")) {
            String value = System.getProperty(property, "");
            for (String entry : value.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    entries.add(entry);
                }
            }
        }
        return List.copyOf(entries);
    }

    private static Path testClasses() {
        try {
            return Path.of(TestingJvm.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the test classes", e);
        }
    }
}
