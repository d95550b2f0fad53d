package io.egret.examples;

import io.egret.api.Bolt;
import io.egret.api.ByteAmount;
import io.egret.api.Config;
import io.egret.api.Fields;
import io.egret.api.OutputCollector;
import io.egret.api.OutputFieldsDeclarer;
import io.egret.api.Spout;
import io.egret.api.SpoutOutputCollector;
import io.egret.api.Topology;
import io.egret.api.TopologyBuilder;
import io.egret.api.TopologyContext;
import io.egret.api.TopologySubmitter;
import io.egret.api.Tuple;
import io.egret.api.Values;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A topology whose shape comes from its arguments, for packing and scale tests: {@code spouts} spouts feed a
 * chain of {@code bolts} bolts; every component has the same parallelism and per-instance resources.
 *
 * <p>Arguments, all optional, as {@code --name=value}: {@code --name} (synthetic), {@code --spouts} (1),
 * {@code --bolts} (1), {@code --parallelism} (1), {@code --containers} (1), {@code --instance-ram-mb} (256),
 * {@code --instance-cpu} (0.5), {@code --instance-disk-mb} (unset).
 */
public final class Synthetic {
    private Synthetic() {}

    public static void main(String[] args) {
        Shape shape = Shape.parse(args);
        TopologySubmitter.submitTopology(shape.name(), config(shape), topology(shape));
    }

    /**
     * The shape of a synthetic topology.
     *
     * @param instanceDiskMegabytes 0 leaves the disk map unset
     */
    public record Shape(
            String name,
            int spouts,
            int bolts,
            int parallelism,
            int containers,
            long instanceRamMegabytes,
            double instanceCpu,
            long instanceDiskMegabytes) {

        public Shape {
            if (spouts < 1 || bolts < 0 || parallelism < 1 || containers < 1) {
                throw new IllegalArgumentException(
                        "synthetic topology needs spouts >= 1, bolts >= 0, parallelism >= 1" + " and containers >= 1");
            }
        }

        /** Parses {@code --name=value} arguments; unknown names are an error that lists the known ones. */
        public static Shape parse(String[] args) {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("name", "synthetic");
            values.put("spouts", "1");
            values.put("bolts", "1");
            values.put("parallelism", "1");
            values.put("containers", "1");
            values.put("instance-ram-mb", "256");
            values.put("instance-cpu", "0.5");
            values.put("instance-disk-mb", "0");
            for (String argument : args) {
                int equals = argument.indexOf('=');
                String key = argument.startsWith("--") && equals > 2 ? argument.substring(2, equals) : null;
                if (key == null || !values.containsKey(key)) {
                    throw new IllegalArgumentException(
                            "unknown argument '" + argument + "'; use --name=value with a name of " + values.keySet());
                }
                values.put(key, argument.substring(equals + 1));
            }
            return new Shape(
                    values.get("name"),
                    Integer.parseInt(values.get("spouts")),
                    Integer.parseInt(values.get("bolts")),
                    Integer.parseInt(values.get("parallelism")),
                    Integer.parseInt(values.get("containers")),
                    Long.parseLong(values.get("instance-ram-mb")),
                    Double.parseDouble(values.get("instance-cpu")),
                    Long.parseLong(values.get("instance-disk-mb")));
        }
    }

    /** Spouts {@code spout-0..}, bolts {@code bolt-0..}; bolt 0 reads every spout, bolt i reads bolt i-1. */
    public static Topology topology(Shape shape) {
        TopologyBuilder builder = new TopologyBuilder();
        for (int spout = 0; spout < shape.spouts(); spout++) {
            builder.setSpout("spout-" + spout, new NumberSpout(), shape.parallelism());
        }
        for (int bolt = 0; bolt < shape.bolts(); bolt++) {
            TopologyBuilder.BoltDeclarer declarer =
                    builder.setBolt("bolt-" + bolt, new PassBolt(), shape.parallelism());
            if (bolt == 0) {
                for (int spout = 0; spout < shape.spouts(); spout++) {
                    declarer.fieldsGrouping("spout-" + spout, new Fields("key"));
                }
            } else {
                declarer.shuffleGrouping("bolt-" + (bolt - 1));
            }
        }
        return builder.createTopology();
    }

    /** Container count and per-instance resources of every component. */
    public static Config config(Shape shape) {
        Config config = new Config().setNumStmgrs(shape.containers());
        Map<String, Integer> components = new HashMap<>();
        for (int spout = 0; spout < shape.spouts(); spout++) {
            components.put("spout-" + spout, shape.parallelism());
        }
        for (int bolt = 0; bolt < shape.bolts(); bolt++) {
            components.put("bolt-" + bolt, shape.parallelism());
        }
        for (String component : components.keySet()) {
            config.setComponentRam(component, ByteAmount.fromMegabytes(shape.instanceRamMegabytes()));
            config.setComponentCpu(component, shape.instanceCpu());
            if (shape.instanceDiskMegabytes() > 0) {
                config.setComponentDisk(component, ByteAmount.fromMegabytes(shape.instanceDiskMegabytes()));
            }
        }
        return config;
    }

    /** Emits increasing numbers with a key. */
    public static final class NumberSpout implements Spout {
        private static final long serialVersionUID = 1L;

        private transient SpoutOutputCollector collector;
        private transient long next;

        @Override
        public void open(Map<String, String> config, TopologyContext context, SpoutOutputCollector collector) {
            this.collector = collector;
        }

        @Override
        public void nextTuple() {
            next++;
            collector.emit(new Values(next % 1024, next));
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("key", "value"));
        }
    }

    /** Passes tuples on unchanged. */
    public static final class PassBolt implements Bolt {
        private static final long serialVersionUID = 1L;

        private transient OutputCollector collector;

        @Override
        public void prepare(Map<String, String> config, TopologyContext context, OutputCollector collector) {
            this.collector = collector;
        }

        @Override
        public void execute(Tuple tuple) {
            collector.emit(tuple.getValues());
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("key", "value"));
        }
    }
}
