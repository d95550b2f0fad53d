package io.egret.executor.runtime;

import io.egret.api.Fields;
import io.egret.api.Tuple;
import java.util.List;

/** A tuple in flight. Values are shared, not copied: authors must not change a list after emitting it. */
final class RuntimeTuple implements Tuple {
    final int sourceTask;
    final StreamInfo stream;
    final List<Object> values;

    RuntimeTuple(int sourceTask, StreamInfo stream, List<Object> values) {
        this.sourceTask = sourceTask;
        this.stream = stream;
        this.values = values;
    }

    @Override
    public int size() {
        return values.size();
    }

    @Override
    public Object getValue(int index) {
        return values.get(index);
    }

    @Override
    public Fields getFields() {
        return stream.fields();
    }

    @Override
    public List<Object> getValues() {
        return values;
    }

    @Override
    public String getSourceComponent() {
        return stream.component();
    }

    @Override
    public String getSourceStreamId() {
        return stream.stream();
    }

    @Override
    public int getSourceTask() {
        return sourceTask;
    }

    @Override
    public String toString() {
        return stream.component() + ":" + stream.stream() + " from task " + sourceTask + " " + values;
    }
}
