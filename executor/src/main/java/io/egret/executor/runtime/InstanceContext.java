package io.egret.executor.runtime;

import io.egret.api.Fields;
import io.egret.api.TopologyContext;
import io.egret.domain.packing.InstanceId;
import java.util.Arrays;
import java.util.List;

/** What an instance learns about itself. */
final class InstanceContext implements TopologyContext {
    private final TopologyLayout layout;
    private final InstanceId id;

    InstanceContext(TopologyLayout layout, InstanceId id) {
        this.layout = layout;
        this.id = id;
    }

    @Override
    public String getTopologyName() {
        return layout.definition().name().value();
    }

    @Override
    public String getThisComponentId() {
        return id.component();
    }

    @Override
    public int getThisTaskId() {
        return id.taskId();
    }

    @Override
    public int getThisTaskIndex() {
        return id.componentIndex();
    }

    @Override
    public List<Integer> getComponentTasks(String component) {
        return Arrays.stream(layout.tasksOf(component)).boxed().toList();
    }

    @Override
    public Fields getThisOutputFields(String stream) {
        StreamInfo info = layout.streamsOf(id.component()).get(stream);
        if (info == null) {
            throw new IllegalArgumentException(
                    "component '" + id.component() + "' declared no stream '" + stream + "'");
        }
        return info.fields();
    }
}
