package io.egret.domain.packing;

import static java.util.Objects.requireNonNull;

/**
 * One reason a plan must not be launched.
 *
 * @param containerId the container that does not fit
 * @param component the component whose instances are the largest part of the problem
 * @param message one line with the numbers and the smallest change that fixes it
 */
public record FitViolation(int containerId, String component, String message) {
    public FitViolation {
        requireNonNull(component, "component is null");
        requireNonNull(message, "message is null");
    }

    @Override
    public String toString() {
        return message;
    }
}
