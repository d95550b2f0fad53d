package io.egret.domain.topology;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A named output stream of a component and the fields of its tuples. */
public record StreamDeclaration(String stream, List<String> fields) {
    public static final String DEFAULT_STREAM = "default";

    public StreamDeclaration {
        requireNonNull(stream, "stream is null");
        fields = List.copyOf(requireNonNull(fields, "fields is null"));
        if (stream.isBlank()) {
            throw new IllegalArgumentException("stream name is blank");
        }
    }
}
