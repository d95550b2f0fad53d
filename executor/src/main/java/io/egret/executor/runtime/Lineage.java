package io.egret.executor.runtime;

import java.util.List;

/**
 * Where a tracked tuple comes from: makes the tuple for each destination of one emit, giving it a fresh id and
 * recording that id with its parents (the spout's root, or the bolt's anchors), as {@link Tracking} describes.
 */
interface Lineage {

    /** A new tuple for one destination. */
    RuntimeTuple tupleFor(int sourceTask, StreamInfo stream, List<Object> values);
}
