package io.egret.adapters.aurora.job;

import io.egret.domain.error.EgretException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The fetch commands a job file uses, and the URI schemes each can fetch. Heron's stock file fetches with
 * {@code curl}; its 0.20 guide swaps in {@code hdfs dfs -get} for HDFS. A file whose commands cannot fetch the
 * configured uploader's URIs would start containers that fail one by one; this refuses it before anything runs.
 */
public final class FetchCommands {
    /** A fetch command known by its command line, and what it fetches. */
    private record Tool(String name, Pattern pattern, Set<String> schemes) {}

    private static final List<Tool> TOOLS = List.of(
            new Tool(
                    "heron-downloader",
                    Pattern.compile("(^|[\\s'\"/;&|(])heron-downloader\\s"),
                    Set.of("file", "http", "https", "hdfs", "s3")),
            new Tool("curl", Pattern.compile("(^|[\\s'\";&|(])curl\\s"), Set.of("file", "http", "https")),
            new Tool("wget", Pattern.compile("(^|[\\s'\";&|(])wget\\s"), Set.of("http", "https")),
            new Tool(
                    "hdfs dfs -get",
                    Pattern.compile("(hdfs\\s+dfs|hadoop\\s+fs)\\s+-(get|copyToLocal)\\s"),
                    Set.of("hdfs", "file")),
            new Tool("aws s3 cp", Pattern.compile("aws\\s+s3\\s+cp\\s"), Set.of("s3")));

    private FetchCommands() {}

    /**
     * Refuses a job file whose fetch commands cannot fetch a URI of the given scheme. A file with no fetch command
     * this class knows is left alone: it may use a tool of the operator's own.
     *
     * @param what what is fetched with that scheme, for the message ("the topology package of the HDFS uploader")
     * @throws EgretException {@code USER_ERROR} naming the commands found and the one to use
     */
    public static void check(JobTemplate template, String scheme, String what) {
        List<Tool> used = new ArrayList<>();
        for (Tool tool : TOOLS) {
            if (tool.pattern().matcher(template.text()).find()) {
                used.add(tool);
            }
        }
        if (used.isEmpty() || used.stream().anyMatch(tool -> tool.schemes().contains(scheme))) {
            return;
        }
        List<String> names = used.stream().map(Tool::name).toList();
        throw EgretException.userError("the Aurora job file " + template.file() + " fetches with " + names
                + ", which cannot fetch " + scheme + ": URIs (" + what + "); fetch with heron-downloader"
                + " (it fetches file:, http(s):, hdfs: and s3: URIs) or a command for " + scheme + ":");
    }
}
