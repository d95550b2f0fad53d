package io.egret.application.testing;

import io.egret.ports.out.ProgressEvent;
import io.egret.ports.out.ProgressPort;
import java.util.ArrayList;
import java.util.List;

/** Records every progress event. */
public final class TestingProgress implements ProgressPort {
    private final List<ProgressEvent> events = new ArrayList<>();

    @Override
    public synchronized void report(ProgressEvent event) {
        events.add(event);
    }

    public synchronized List<ProgressEvent> events() {
        return List.copyOf(events);
    }

    /** Events as {@code step STATUS}, in order: compact enough to assert a whole operation at once. */
    public synchronized List<String> lines() {
        return events.stream().map(event -> event.step() + " " + event.status()).toList();
    }

    public synchronized void clear() {
        events.clear();
    }
}
