package io.egret.domain.runtime;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Where a topology's scheduler can be reached. Library schedulers (run inside the CLI) have no endpoint; a
 * scheduler service records {@code host:port}.
 */
public record SchedulerLocation(String endpoint, List<String> jobLinks) {
    public static final String NO_ENDPOINT = "scheduler_as_lib_no_endpoint";

    public SchedulerLocation {
        requireNonNull(endpoint, "endpoint is null");
        jobLinks = List.copyOf(requireNonNull(jobLinks, "jobLinks is null"));
    }

    public boolean isService() {
        return !NO_ENDPOINT.equals(endpoint);
    }
}
