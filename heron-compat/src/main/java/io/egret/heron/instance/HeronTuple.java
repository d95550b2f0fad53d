package io.egret.heron.instance;

import java.util.List;
import org.apache.heron.api.generated.TopologyAPI;
import org.apache.heron.api.tuple.Fields;
import org.apache.heron.api.tuple.Tuple;

/** An Egret tuple seen through Heron's {@code Tuple}. */
final class HeronTuple implements Tuple {
    private static final long serialVersionUID = 1L;

    private final transient io.egret.api.Tuple egret;
    private final Fields fields;
    private final transient long receivedAt;

    HeronTuple(io.egret.api.Tuple egret, Fields fields) {
        this(egret, fields, 0);
    }

    /** @param receivedAt {@link System#nanoTime()} when the bolt got it, for task hooks' latencies; 0 if not kept */
    HeronTuple(io.egret.api.Tuple egret, Fields fields, long receivedAt) {
        this.egret = egret;
        this.fields = fields;
        this.receivedAt = receivedAt;
    }

    io.egret.api.Tuple egret() {
        return egret;
    }

    long receivedAt() {
        return receivedAt;
    }

    @Override
    public int size() {
        return egret.size();
    }

    @Override
    public int fieldIndex(String field) {
        return fields.fieldIndex(field);
    }

    @Override
    public boolean contains(String field) {
        return fields.contains(field);
    }

    @Override
    public Object getValue(int index) {
        return egret.getValue(index);
    }

    @Override
    public String getString(int index) {
        return (String) getValue(index);
    }

    @Override
    public Integer getInteger(int index) {
        return (Integer) getValue(index);
    }

    @Override
    public Long getLong(int index) {
        return (Long) getValue(index);
    }

    @Override
    public Boolean getBoolean(int index) {
        return (Boolean) getValue(index);
    }

    @Override
    public Short getShort(int index) {
        return (Short) getValue(index);
    }

    @Override
    public Byte getByte(int index) {
        return (Byte) getValue(index);
    }

    @Override
    public Double getDouble(int index) {
        return (Double) getValue(index);
    }

    @Override
    public Float getFloat(int index) {
        return (Float) getValue(index);
    }

    @Override
    public byte[] getBinary(int index) {
        return (byte[]) getValue(index);
    }

    @Override
    public Object getValueByField(String field) {
        return getValue(fieldIndex(field));
    }

    @Override
    public String getStringByField(String field) {
        return (String) getValueByField(field);
    }

    @Override
    public Integer getIntegerByField(String field) {
        return (Integer) getValueByField(field);
    }

    @Override
    public Long getLongByField(String field) {
        return (Long) getValueByField(field);
    }

    @Override
    public Boolean getBooleanByField(String field) {
        return (Boolean) getValueByField(field);
    }

    @Override
    public Short getShortByField(String field) {
        return (Short) getValueByField(field);
    }

    @Override
    public Byte getByteByField(String field) {
        return (Byte) getValueByField(field);
    }

    @Override
    public Double getDoubleByField(String field) {
        return (Double) getValueByField(field);
    }

    @Override
    public Float getFloatByField(String field) {
        return (Float) getValueByField(field);
    }

    @Override
    public byte[] getBinaryByField(String field) {
        return (byte[]) getValueByField(field);
    }

    @Override
    public List<Object> getValues() {
        return egret.getValues();
    }

    @Override
    public Fields getFields() {
        return fields;
    }

    @Override
    public List<Object> select(Fields selector) {
        return fields.select(selector, getValues());
    }

    @Override
    public TopologyAPI.StreamId getSourceGlobalStreamId() {
        return TopologyAPI.StreamId.newBuilder()
                .setId(getSourceStreamId())
                .setComponentName(getSourceComponent())
                .build();
    }

    @Override
    public String getSourceComponent() {
        return egret.getSourceComponent();
    }

    @Override
    public int getSourceTask() {
        return egret.getSourceTask();
    }

    @Override
    public String getSourceStreamId() {
        return egret.getSourceStreamId();
    }

    /** Heron frees a tuple's values after execution; an Egret tuple's values are immutable and shared. */
    @Override
    public void resetValues() {}

    @Override
    public String toString() {
        return "source: " + getSourceComponent() + ":" + getSourceTask() + ", stream: " + getSourceStreamId()
                + ", values: " + getValues();
    }
}
