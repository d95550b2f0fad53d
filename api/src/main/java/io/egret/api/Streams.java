package io.egret.api;

/** Stream and component names the runtime gives meaning to. */
public final class Streams {
    /** The stream of {@code declare(fields)} and of emits that name no stream. */
    public static final String DEFAULT = "default";

    /** The component name tick tuples come from. */
    public static final String SYSTEM_COMPONENT = "__system";

    /** The stream tick tuples arrive on. */
    public static final String TICK_STREAM = "__tick";

    private Streams() {}
}
