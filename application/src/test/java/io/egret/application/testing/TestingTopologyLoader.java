package io.egret.application.testing;

import static java.util.Objects.requireNonNull;

import io.egret.domain.topology.TopologyDefinition;
import io.egret.ports.out.LoadRequest;
import io.egret.ports.out.TopologyLoaderPort;
import java.util.ArrayList;
import java.util.List;

/** Returns the definition it was given, as if the author's main class had built it. Fault point: {@code loader.load}. */
public final class TestingTopologyLoader implements TopologyLoaderPort {
    private final FaultInjector faults;
    private final List<LoadRequest> requests = new ArrayList<>();
    private TopologyDefinition definition;

    public TestingTopologyLoader(FaultInjector faults, TopologyDefinition definition) {
        this.faults = requireNonNull(faults, "faults is null");
        this.definition = requireNonNull(definition, "definition is null");
    }

    @Override
    public synchronized TopologyDefinition load(LoadRequest request) {
        faults.check("loader.load");
        requests.add(request);
        return definition;
    }

    /** What the next load returns. */
    public synchronized void definition(TopologyDefinition newDefinition) {
        definition = requireNonNull(newDefinition, "newDefinition is null");
    }

    public synchronized List<LoadRequest> requests() {
        return List.copyOf(requests);
    }
}
