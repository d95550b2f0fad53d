package io.egret.executor.protocol;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.egret.domain.lifecycle.TopologyState;
import io.egret.domain.runtime.PhysicalPlan;
import java.util.List;
import java.util.Map;

/**
 * What stream managers and the topology master say to each other over the master's server port, one JSON object
 * per length-prefixed frame.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ControlMessage.Register.class, name = "register"),
    @JsonSubTypes.Type(value = ControlMessage.Refused.class, name = "refused"),
    @JsonSubTypes.Type(value = ControlMessage.PlanUpdate.class, name = "plan"),
    @JsonSubTypes.Type(value = ControlMessage.SetState.class, name = "set-state"),
    @JsonSubTypes.Type(value = ControlMessage.StateApplied.class, name = "state-applied"),
    @JsonSubTypes.Type(value = ControlMessage.RuntimeConfig.class, name = "runtime-config"),
    @JsonSubTypes.Type(value = ControlMessage.RuntimeConfigApplied.class, name = "runtime-config-applied"),
    @JsonSubTypes.Type(value = ControlMessage.Heartbeat.class, name = "heartbeat"),
    @JsonSubTypes.Type(value = ControlMessage.HeartbeatAck.class, name = "heartbeat-ack")
})
public sealed interface ControlMessage {

    /** A stream manager announces itself and where other containers reach its data port. */
    record Register(String topologyId, int containerId, String host, int dataPort) implements ControlMessage {
        public Register {
            requireNonNull(topologyId, "topologyId is null");
            requireNonNull(host, "host is null");
        }
    }

    /** The master refuses a registration (wrong topology id or unknown container); the connection closes. */
    record Refused(String reason) implements ControlMessage {
        public Refused {
            requireNonNull(reason, "reason is null");
        }
    }

    /** The current physical plan: every container's data address and whether spouts emit. */
    record PlanUpdate(PhysicalPlan plan) implements ControlMessage {
        public PlanUpdate {
            requireNonNull(plan, "plan is null");
        }
    }

    /** Spouts must start (RUNNING) or stop (PAUSED) emitting; answered with {@link StateApplied}. */
    record SetState(long requestId, TopologyState state) implements ControlMessage {
        public SetState {
            requireNonNull(state, "state is null");
        }
    }

    /** A stream manager's spouts acted on {@link SetState}. */
    record StateApplied(long requestId, int containerId, boolean applied) implements ControlMessage {}

    /**
     * Every runtime-config override applied so far, in the order applied (not just the latest ones), so that a
     * container that (re)joins gets the whole picture in one message; answered with {@link RuntimeConfigApplied}.
     *
     * @param items {@code [COMPONENT:]NAME:VALUE} items as Heron spells them
     */
    record RuntimeConfig(long requestId, List<String> items) implements ControlMessage {
        public RuntimeConfig {
            items = List.copyOf(requireNonNull(items, "items is null"));
        }
    }

    /** A stream manager's instances see the overrides of {@link RuntimeConfig}. */
    record RuntimeConfigApplied(long requestId, int containerId) implements ControlMessage {}

    /** Liveness plus counts, sent periodically by each stream manager. */
    record Heartbeat(int containerId, Map<String, Counts> components) implements ControlMessage {
        public Heartbeat {
            components = Map.copyOf(requireNonNull(components, "components is null"));
        }
    }

    /** The master's answer to a heartbeat, so that a stream manager notices a silent master by its read timeout. */
    record HeartbeatAck() implements ControlMessage {}

    /**
     * Counts of one component's instances in one container since that stream manager started.
     *
     * @param failures exceptions thrown by the author's code, and errors it reported
     * @param acked spout: tuple trees completed; bolt: input tuples acked
     * @param failed spout: tuple trees failed or timed out; bolt: input tuples failed
     * @param replayed spout: tuples emitted again under the message id of one that failed
     * @param dropped tuples bound for this component lost on a link from that container
     */
    record Counts(
            int instances,
            long emitted,
            long executed,
            long failures,
            long acked,
            long failed,
            long replayed,
            long dropped) {}
}
