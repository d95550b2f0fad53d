package io.egret.heron.instance;

import io.egret.api.OutputFieldsDeclarer;
import org.apache.heron.api.tuple.Fields;

/** Heron's {@code OutputFieldsDeclarer} onto Egret's, direct streams included. */
final class HeronDeclarer implements org.apache.heron.api.topology.OutputFieldsDeclarer {
    private final OutputFieldsDeclarer egret;

    HeronDeclarer(OutputFieldsDeclarer egret) {
        this.egret = egret;
    }

    static io.egret.api.Fields egretFields(Fields fields) {
        return new io.egret.api.Fields(fields.toList());
    }

    @Override
    public void declare(Fields fields) {
        egret.declare(egretFields(fields));
    }

    @Override
    public void declare(boolean direct, Fields fields) {
        egret.declareStream(io.egret.api.Streams.DEFAULT, direct, egretFields(fields));
    }

    @Override
    public void declareStream(String streamId, Fields fields) {
        egret.declareStream(streamId, egretFields(fields));
    }

    @Override
    public void declareStream(String streamId, boolean direct, Fields fields) {
        egret.declareStream(streamId, direct, egretFields(fields));
    }
}
