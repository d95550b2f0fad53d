package io.egret.benchmarks;

import io.egret.domain.packing.PackingAlgorithm;
import io.egret.domain.packing.PackingAlgorithmKind;
import io.egret.domain.packing.PackingAlgorithms;
import io.egret.domain.packing.PackingPlan;
import io.egret.domain.packing.PackingSettings;
import io.egret.domain.topology.TopologyDefinition;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Packing and repacking time per algorithm and topology size. {@code pack} packs from scratch; {@code repack}
 * scales every component up by 10% on top of a packed plan, as {@code update} does.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
// A million-instance plan and its predecessor live side by side; a fixed 4 GB heap keeps GC from dominating.
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class PackingBenchmark {
    @Param({"1000", "10000", "100000", "1000000"})
    public int instances;

    @Param({"FIRST_FIT_DECREASING", "RESOURCE_COMPLIANT_ROUND_ROBIN", "ROUND_ROBIN"})
    public PackingAlgorithmKind algorithm;

    @Param({"UNIFORM", "MIXED"})
    public SyntheticTopologies.Shape shape;

    private PackingAlgorithm packing;
    private TopologyDefinition topology;
    private TopologyDefinition scaledUp;
    private PackingPlan packed;
    private final PackingSettings settings = PackingSettings.defaults();

    @Setup(Level.Trial)
    public void setUp() {
        packing = PackingAlgorithms.of(algorithm);
        topology = SyntheticTopologies.synthetic(instances, shape);
        packed = packing.pack(topology, settings);
        Map<String, Integer> parallelism = new LinkedHashMap<>();
        topology.parallelism().forEach((name, count) -> parallelism.put(name, count + Math.max(1, count / 10)));
        scaledUp = topology.withParallelism(parallelism);
    }

    @Benchmark
    public PackingPlan pack() {
        return packing.pack(topology, settings);
    }

    @Benchmark
    public PackingPlan repack() {
        return packing.repack(packed, scaledUp, OptionalInt.empty(), settings);
    }
}
