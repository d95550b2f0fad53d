package io.egret.codec;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.egret.domain.error.EgretException;
import io.egret.domain.topology.TopologyId;
import java.io.IOException;

/**
 * How a stored record is written: a schema version, the kind of record, the topology id it belongs to and the
 * record itself. The version lets a later Egret migrate old layouts explicitly; the id lets every reader tell
 * a stale incarnation's record from the current one.
 */
public record Envelope(int schemaVersion, String kind, TopologyId topologyId, JsonNode body) {
    public static final int CURRENT_SCHEMA_VERSION = 1;

    public Envelope {
        requireNonNull(kind, "kind is null");
        requireNonNull(topologyId, "topologyId is null");
        requireNonNull(body, "body is null");
    }

    /** Wraps a record for storage. */
    public static byte[] wrap(String kind, TopologyId topologyId, Object value) {
        Envelope envelope = new Envelope(
                CURRENT_SCHEMA_VERSION, kind, topologyId, EgretJson.mapper().valueToTree(value));
        return EgretJson.toBytes(envelope);
    }

    /** Reads a stored envelope, checking its version. */
    public static Envelope read(byte[] stored, String where) {
        Envelope envelope;
        try {
            envelope = EgretJson.mapper().readValue(stored, Envelope.class);
        } catch (IOException e) {
            throw EgretException.internal("state record " + where + " is not valid Egret JSON: " + e.getMessage(), e);
        }
        if (envelope.schemaVersion() > CURRENT_SCHEMA_VERSION) {
            throw EgretException.userError("state record " + where + " has schema version " + envelope.schemaVersion()
                    + ", newer than this Egret understands (" + CURRENT_SCHEMA_VERSION + "); upgrade the heron CLI");
        }
        return envelope;
    }

    /** The record, read as {@code type}. */
    public <T> T bodyAs(Class<T> type, String where) {
        try {
            return EgretJson.mapper().treeToValue(body, type);
        } catch (IOException e) {
            throw EgretException.internal(
                    "state record " + where + " does not hold a valid " + type.getSimpleName() + ": " + e.getMessage(),
                    e);
        }
    }
}
