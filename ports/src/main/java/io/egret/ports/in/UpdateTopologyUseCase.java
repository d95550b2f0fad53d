package io.egret.ports.in;

/** Changes parallelism or container count as a saga that compensates back to the old plan on failure. */
public interface UpdateTopologyUseCase {
    UpdateResult update(UpdateCommand command);
}
