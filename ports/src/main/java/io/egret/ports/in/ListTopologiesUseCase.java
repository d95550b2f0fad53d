package io.egret.ports.in;

import java.util.List;

/** Lists the topologies of a cluster, including stale partial state. */
public interface ListTopologiesUseCase {
    List<TopologySummary> list(ListQuery query);
}
