package io.egret.executor.runtime;

import io.egret.domain.topology.ComponentDefinition;

/** Creates a fresh spout or bolt object for one instance of a component. */
@FunctionalInterface
public interface ComponentFactory {

    /**
     * @return a new {@link io.egret.api.Spout} or {@link io.egret.api.Bolt}, never shared between instances
     */
    Object create(ComponentDefinition component);
}
