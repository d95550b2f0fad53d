package io.egret.domain.topology;

import static java.util.Objects.requireNonNull;

/** A bolt's subscription to one stream of another component, with the grouping that routes it. */
public record StreamInput(String component, String stream, Grouping grouping) {
    public StreamInput {
        requireNonNull(component, "component is null");
        requireNonNull(stream, "stream is null");
        requireNonNull(grouping, "grouping is null");
    }
}
