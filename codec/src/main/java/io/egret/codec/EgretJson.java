package io.egret.codec;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.egret.domain.resource.ByteAmount;
import io.egret.domain.topology.Grouping;
import io.egret.domain.topology.TopologyId;
import io.egret.domain.topology.TopologyName;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one JSON mapping of domain records. Records are written by their components only (helper methods such as
 * {@code isService()} are not properties), times as ISO-8601 strings, names and ids as strings.
 */
public final class EgretJson {
    private static final ObjectMapper MAPPER = createMapper();

    private EgretJson() {}

    /** The shared, thread-safe mapper. Do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static byte[] toBytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    public static String toString(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /**
     * Reads a value.
     *
     * @throws UncheckedIOException if the bytes are not valid JSON for {@code type}
     */
    public static <T> T fromBytes(byte[] json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException("invalid JSON for " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private static ObjectMapper createMapper() {
        return JsonMapper.builder()
                .addModule(new Jdk8Module())
                .addModule(new JavaTimeModule())
                .addMixIn(TopologyName.class, DomainMixins.StringValueMixin.class)
                .addMixIn(TopologyId.class, DomainMixins.StringValueMixin.class)
                .addMixIn(ByteAmount.class, DomainMixins.ByteAmountMixin.class)
                .addMixIn(Grouping.class, DomainMixins.GroupingMixin.class)
                .visibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
    }
}
