package io.egret.domain.config;

import static java.util.Objects.requireNonNull;

/** A credential from the configuration. It prints as {@code ****}; only {@link #reveal()} gives the value. */
public record SecretValue(String value) {
    public SecretValue {
        requireNonNull(value, "value is null");
    }

    /** The credential itself, for the one adapter call that needs it. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return Redaction.MASK;
    }
}
