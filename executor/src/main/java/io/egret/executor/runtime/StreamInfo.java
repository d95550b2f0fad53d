package io.egret.executor.runtime;

import static java.util.Objects.requireNonNull;

import io.egret.api.Fields;

/**
 * One output stream of one component, numbered so that frames between containers carry a small integer instead
 * of two names. Every container numbers streams the same way because it reads the same definition.
 */
record StreamInfo(int index, String component, String stream, Fields fields) {
    StreamInfo {
        requireNonNull(component, "component is null");
        requireNonNull(stream, "stream is null");
        requireNonNull(fields, "fields is null");
    }
}
