package io.egret.adapters.mesos.protocol;

/**
 * A call the Mesos master refused or did not answer. {@link #status} is the HTTP status, 0 when there was no
 * answer at all. Messages never hold credentials.
 */
public final class MesosException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    public MesosException(int status, String message) {
        super(message);
        this.status = status;
    }

    public MesosException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** No answer, or the master is not ready (503): worth retrying with backoff. */
    public boolean isTransient() {
        return status == 0 || status == 503;
    }
}
