package io.egret.codec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonValue;
import io.egret.domain.topology.Grouping;

/** Jackson annotations for domain records, kept here so that the domain stays free of libraries. */
final class DomainMixins {
    private DomainMixins() {}

    /** Single-value records (names, ids) are plain JSON strings. */
    abstract static class StringValueMixin {
        @JsonCreator
        StringValueMixin(String value) {}

        @JsonValue
        abstract String value();
    }

    /** Byte amounts are plain JSON numbers of bytes. */
    abstract static class ByteAmountMixin {
        @JsonCreator
        ByteAmountMixin(long bytes) {}

        @JsonValue
        abstract long bytes();
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = Grouping.Shuffle.class, name = "shuffle"),
        @JsonSubTypes.Type(value = Grouping.Fields.class, name = "fields"),
        @JsonSubTypes.Type(value = Grouping.All.class, name = "all"),
        @JsonSubTypes.Type(value = Grouping.Global.class, name = "global"),
        @JsonSubTypes.Type(value = Grouping.Direct.class, name = "direct"),
        @JsonSubTypes.Type(value = Grouping.None.class, name = "none"),
        @JsonSubTypes.Type(value = Grouping.Custom.class, name = "custom")
    })
    interface GroupingMixin {}
}
