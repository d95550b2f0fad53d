package io.egret.domain.config;

/** The shape of a configuration value, checked when the effective configuration is assembled. */
public enum ValueType {
    STRING,
    BOOLEAN,
    INTEGER,
    LONG,
    DOUBLE,
    /** A nested map or list; only a few Heron keys have one (downloader registry, stateful storage). */
    STRUCTURED
}
