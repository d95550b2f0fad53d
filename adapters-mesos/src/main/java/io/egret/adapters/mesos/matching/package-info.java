/**
 * Offer matching in plain Java (no protobuf): offers as resource pools, containers as demands, and the grouped
 * matcher. Kept free of the wire types so it can be tested and benchmarked on its own.
 */
package io.egret.adapters.mesos.matching;
