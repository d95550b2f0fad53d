package io.egret.application.testing;

import io.egret.domain.topology.ComponentDefinition;
import io.egret.domain.topology.ComponentKind;
import io.egret.domain.topology.Grouping;
import io.egret.domain.topology.StreamDeclaration;
import io.egret.domain.topology.StreamInput;
import io.egret.domain.topology.TopologyConfig;
import io.egret.domain.topology.TopologyDefinition;
import io.egret.domain.topology.TopologyName;
import java.util.List;
import java.util.Map;

/** Topologies for tests. */
public final class TestingTopologies {
    private TestingTopologies() {}

    /** A spout {@code word} feeding a bolt {@code count} by field, in {@code containers} containers. */
    public static TopologyDefinition wordCount(String name, int words, int counts, int containers) {
        ComponentDefinition spout = new ComponentDefinition(
                "word",
                ComponentKind.SPOUT,
                words,
                "example.WordSpout",
                List.of(new StreamDeclaration(StreamDeclaration.DEFAULT_STREAM, List.of("word"))),
                List.of(),
                Map.of(),
                new byte[0]);
        ComponentDefinition bolt = new ComponentDefinition(
                "count",
                ComponentKind.BOLT,
                counts,
                "example.CountBolt",
                List.of(),
                List.of(new StreamInput("word", StreamDeclaration.DEFAULT_STREAM, Grouping.fields("word"))),
                Map.of(),
                new byte[0]);
        return new TopologyDefinition(
                TopologyName.of(name),
                List.of(spout, bolt),
                Map.of(TopologyConfig.STMGRS, Integer.toString(containers)));
    }

    /** Word count with two spouts and two bolts in two containers. */
    public static TopologyDefinition wordCount(String name) {
        return wordCount(name, 2, 2, 2);
    }
}
