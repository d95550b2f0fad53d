package io.egret.ports.out;

/** Receives lifecycle progress. Implementations must be fast and must not throw. */
public interface ProgressPort {

    /** Reports one event. */
    void report(ProgressEvent event);

    /** A progress port that drops everything. */
    static ProgressPort silent() {
        return event -> {};
    }
}
