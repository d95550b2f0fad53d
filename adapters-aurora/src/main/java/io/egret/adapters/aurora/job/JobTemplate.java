package io.egret.adapters.aurora.job;

import static java.util.Objects.requireNonNull;

import io.egret.domain.error.EgretException;
import io.egret.domain.error.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code .aurora} job file with {@code {{name}}} references. Aurora fills {@code mesos.*} and
 * {@code thermos.*} in each instance and the file's own objects fill their field names ({@code {{role}}},
 * {@code {{task.name}}}, ...); every other reference must be one of the bindings, or Aurora would refuse the
 * file after the package was uploaded. Checking here refuses it first, naming the reference.
 */
public record JobTemplate(Path file, String text) {
    private static final Pattern REFERENCE = Pattern.compile("\\{\\{\\s*([^{}]+?)\\s*}}");

    /** Filled by Aurora and Thermos in each instance. */
    private static final List<String> RUNTIME_NAMESPACES = List.of("mesos.", "thermos.");

    /** Field names of Aurora's Job, Task, Process and Announcer objects, which templates may refer to. */
    private static final Set<String> OBJECT_FIELDS = Set.of(
            "cluster", "role", "environment", "name", "tier", "instances", "task.name", "process.name", "primary_port");

    public JobTemplate {
        requireNonNull(file, "file is null");
        requireNonNull(text, "text is null");
    }

    /**
     * @throws EgretException {@code USER_ERROR} if the file does not exist, naming the keys that choose it
     */
    public static JobTemplate read(Path file) {
        try {
            return new JobTemplate(file, Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw EgretException.userError("the Aurora job file " + file + " does not exist; put heron.aurora in the"
                    + " cluster's config directory or point heron.scheduler.job.template at one");
        } catch (IOException e) {
            throw new EgretException(ErrorCode.USER_ERROR, "cannot read the Aurora job file " + file + ": " + e, e);
        }
    }

    /** Every {@code {{name}}} in the file outside comment lines, in order of first use. */
    public Set<String> references() {
        Set<String> names = new LinkedHashSet<>();
        for (String line : text.split("\n", -1)) {
            if (line.strip().startsWith("#")) {
                continue;
            }
            Matcher matcher = REFERENCE.matcher(line);
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }

    /**
     * Refuses a reference that nothing binds: not a binding, not filled by Aurora in the instance, not a field of
     * the file's own objects.
     *
     * @throws EgretException {@code USER_ERROR} naming each unbound reference, with the nearest binding
     */
    public void checkBound(JobBindings bindings) {
        List<String> problems = new ArrayList<>();
        for (String name : references()) {
            if (bindings.values().containsKey(name) || OBJECT_FIELDS.contains(name)) {
                continue;
            }
            if (RUNTIME_NAMESPACES.stream().anyMatch(name::startsWith)) {
                continue;
            }
            String nearest = nearest(name, bindings.values().keySet());
            problems.add("{{" + name + "}}" + (nearest.isEmpty() ? "" : " (did you mean {{" + nearest + "}}?)"));
        }
        if (!problems.isEmpty()) {
            throw EgretException.userError("the Aurora job file " + file + " uses " + String.join(", ", problems)
                    + ", which nothing binds; the bindings are "
                    + bindings.values().keySet());
        }
    }

    /** The file with every binding filled in; what Aurora fills per instance stays as it is. */
    public String render(JobBindings bindings) {
        Matcher matcher = REFERENCE.matcher(text);
        StringBuilder rendered = new StringBuilder();
        while (matcher.find()) {
            String value = bindings.values().get(matcher.group(1));
            matcher.appendReplacement(rendered, Matcher.quoteReplacement(value == null ? matcher.group() : value));
        }
        matcher.appendTail(rendered);
        return rendered.toString();
    }

    private static String nearest(String name, Set<String> candidates) {
        String best = "";
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = distance(name.toUpperCase(Locale.ROOT), candidate);
            if (distance < bestDistance) {
                bestDistance = distance;
                best = candidate;
            }
        }
        return bestDistance <= Math.max(2, name.length() / 3) ? best : "";
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
