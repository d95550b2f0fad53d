package io.egret.heron.instance;

/**
 * A Heron component that cannot run: it cannot be recreated from the definition, or its {@code open} or
 * {@code prepare} failed. Its message is one line that names the component; the container stops with it.
 */
public final class HeronComponentException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public HeronComponentException(String message) {
        super(message);
    }

    public HeronComponentException(String message, Throwable cause) {
        super(message, cause);
    }
}
