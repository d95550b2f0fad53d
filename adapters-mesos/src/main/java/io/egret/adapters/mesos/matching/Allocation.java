package io.egret.adapters.mesos.matching;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** What one placed container takes from an offer: amounts per offered entry, and port ranges. */
public record Allocation(List<ScalarTake> scalars, List<PortTake> ports) {
    public Allocation {
        scalars = List.copyOf(requireNonNull(scalars, "scalars is null"));
        ports = List.copyOf(requireNonNull(ports, "ports is null"));
    }

    /** Every port taken, in order. */
    public List<Long> portNumbers() {
        return ports.stream()
                .flatMap(take -> java.util.stream.LongStream.rangeClosed(take.begin(), take.end())
                        .boxed())
                .toList();
    }

    /** {@code amount} thousandths of the offer's entry {@code source}. */
    public record ScalarTake(ResourcePools.Scalar kind, int source, long amount) {}

    /** Ports {@code [begin, end]} of the offer's entry {@code source}. */
    public record PortTake(int source, long begin, long end) {}
}
