package io.egret.benchmarks.mesos;

import io.egret.adapters.mesos.matching.Demand;
import io.egret.adapters.mesos.matching.OfferMatcher;
import io.egret.adapters.mesos.matching.ResourcePools;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Time to place 1,000 containers on one round of offers from 1,000 agents: the Mesos adapter's grouped matcher
 * against the naive O(pending × offers) one, in the same run. Agents are mixed: the first half has too little
 * memory for any container (busy machines), the rest fit two containers each, so every container is placed and a
 * first-fit scan passes the busy half for every container.
 *
 * <p>{@code shapes} is the number of distinct container sizes (a Heron topology has one; Egret's packers give a
 * few).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class OfferMatchingBenchmark {
    @Param({"1000"})
    public int containers;

    @Param({"1000"})
    public int agents;

    @Param({"1", "4"})
    public int shapes;

    private List<OfferMatcher.Pending<Integer>> pending;
    private List<ResourcePools> offers;

    @Setup(Level.Trial)
    public void containers() {
        pending = new ArrayList<>(containers);
        for (int i = 0; i < containers; i++) {
            int shape = i % shapes;
            pending.add(new OfferMatcher.Pending<>(i, Demand.of(1 + 0.25 * shape, 2048 + 256 * shape, 1024, 2)));
        }
    }

    @Setup(Level.Invocation)
    public void offers() {
        offers = new ArrayList<>(agents);
        for (int i = 0; i < agents; i++) {
            boolean busy = i < agents / 2;
            offers.add(new ResourcePools()
                    .addScalar(ResourcePools.Scalar.CPUS, 0, Demand.thousandths(8))
                    .addScalar(ResourcePools.Scalar.MEM, 1, Demand.thousandths(busy ? 1024 : 6144))
                    .addScalar(ResourcePools.Scalar.DISK, 2, Demand.thousandths(100_000))
                    .addPorts(3, 31000, 31099));
        }
    }

    @Benchmark
    public OfferMatcher.Result<Integer> grouped() {
        return check(OfferMatcher.match(pending, offers));
    }

    @Benchmark
    public OfferMatcher.Result<Integer> naive() {
        return check(NaiveOfferMatcher.match(pending, offers));
    }

    private OfferMatcher.Result<Integer> check(OfferMatcher.Result<Integer> result) {
        if (result.placed().size() != containers) {
            throw new IllegalStateException("placed " + result.placed().size() + " of " + containers);
        }
        return result;
    }
}
