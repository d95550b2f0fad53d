package io.egret.domain.topology;

/** Spouts produce tuples; bolts consume and may produce them. */
public enum ComponentKind {
    SPOUT,
    BOLT
}
