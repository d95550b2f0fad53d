package io.egret.adapters.mesos.simulator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Value;

/**
 * Resource arithmetic as the master does it, keyed by (name, reservation role): scalars in thousandths (Mesos keeps
 * three decimals), ranges as sorted disjoint intervals.
 */
final class Resources {
    private Resources() {}

    static Resource scalar(String name, double value, String reservedRole) {
        Resource.Builder resource = Resource.newBuilder()
                .setName(name)
                .setType(Value.Type.SCALAR)
                .setScalar(Value.Scalar.newBuilder().setValue(value));
        return withRole(resource, reservedRole).build();
    }

    static Resource ranges(String name, List<Value.Range> ranges, String reservedRole) {
        Resource.Builder resource = Resource.newBuilder()
                .setName(name)
                .setType(Value.Type.RANGES)
                .setRanges(Value.Ranges.newBuilder().addAllRange(ranges));
        return withRole(resource, reservedRole).build();
    }

    private static Resource.Builder withRole(Resource.Builder resource, String reservedRole) {
        if (!reservedRole.isEmpty()) {
            resource.addReservations(Resource.ReservationInfo.newBuilder()
                    .setType(Resource.ReservationInfo.Type.STATIC)
                    .setRole(reservedRole));
        }
        return resource;
    }

    /** The reservation role of an entry, "" when unreserved. */
    static String role(Resource resource) {
        return resource.getReservationsCount() == 0
                ? ""
                : resource.getReservations(resource.getReservationsCount() - 1).getRole();
    }

    /** Mutable totals: scalar thousandths and port sets per (name, role). */
    static final class Pool {
        private final Map<String, Long> scalars = new TreeMap<>();
        private final Map<String, List<long[]>> ranges = new TreeMap<>();

        static Pool of(List<Resource> resources) {
            Pool pool = new Pool();
            resources.forEach(pool::add);
            return pool;
        }

        void add(Resource resource) {
            String key = resource.getName() + "/" + role(resource);
            if (resource.getType() == Value.Type.SCALAR) {
                scalars.merge(key, Math.round(resource.getScalar().getValue() * 1000), Long::sum);
            } else if (resource.getType() == Value.Type.RANGES) {
                List<long[]> list = ranges.computeIfAbsent(key, k -> new ArrayList<>());
                for (Value.Range range : resource.getRanges().getRangeList()) {
                    list.add(new long[] {range.getBegin(), range.getEnd()});
                }
                normalize(list);
            }
        }

        /** Subtracts; false (and unchanged) if {@code resources} is not contained. */
        boolean subtract(List<Resource> resources) {
            if (!contains(Pool.of(resources))) {
                return false;
            }
            for (Resource resource : resources) {
                String key = resource.getName() + "/" + role(resource);
                if (resource.getType() == Value.Type.SCALAR) {
                    scalars.merge(key, -Math.round(resource.getScalar().getValue() * 1000), Long::sum);
                } else if (resource.getType() == Value.Type.RANGES) {
                    List<long[]> list = ranges.get(key);
                    for (Value.Range range : resource.getRanges().getRangeList()) {
                        remove(list, range.getBegin(), range.getEnd());
                    }
                }
            }
            return true;
        }

        boolean contains(Pool other) {
            for (Map.Entry<String, Long> entry : other.scalars.entrySet()) {
                if (scalars.getOrDefault(entry.getKey(), 0L) < entry.getValue()) {
                    return false;
                }
            }
            for (Map.Entry<String, List<long[]>> entry : other.ranges.entrySet()) {
                List<long[]> mine = ranges.getOrDefault(entry.getKey(), List.of());
                for (long[] range : entry.getValue()) {
                    if (mine.stream().noneMatch(have -> have[0] <= range[0] && range[1] <= have[1])) {
                        return false;
                    }
                }
            }
            return true;
        }

        boolean isEmpty() {
            return scalars.values().stream().allMatch(value -> value <= 0)
                    && ranges.values().stream().allMatch(List::isEmpty);
        }

        List<Resource> toResources() {
            List<Resource> resources = new ArrayList<>();
            scalars.forEach((key, value) -> {
                if (value > 0) {
                    String[] parts = key.split("/", 2);
                    resources.add(scalar(parts[0], value / 1000.0, parts[1]));
                }
            });
            ranges.forEach((key, list) -> {
                if (!list.isEmpty()) {
                    String[] parts = key.split("/", 2);
                    resources.add(ranges(
                            parts[0],
                            list.stream()
                                    .map(r -> Value.Range.newBuilder()
                                            .setBegin(r[0])
                                            .setEnd(r[1])
                                            .build())
                                    .toList(),
                            parts[1]));
                }
            });
            return resources;
        }

        private static void remove(List<long[]> list, long begin, long end) {
            List<long[]> result = new ArrayList<>();
            for (long[] range : list) {
                if (range[1] < begin || range[0] > end) {
                    result.add(range);
                    continue;
                }
                if (range[0] < begin) {
                    result.add(new long[] {range[0], begin - 1});
                }
                if (range[1] > end) {
                    result.add(new long[] {end + 1, range[1]});
                }
            }
            list.clear();
            list.addAll(result);
        }

        private static void normalize(List<long[]> list) {
            list.sort(Comparator.comparingLong(r -> r[0]));
            List<long[]> merged = new ArrayList<>();
            for (long[] range : list) {
                if (!merged.isEmpty() && merged.get(merged.size() - 1)[1] + 1 >= range[0]) {
                    long[] last = merged.get(merged.size() - 1);
                    last[1] = Math.max(last[1], range[1]);
                } else {
                    merged.add(new long[] {range[0], range[1]});
                }
            }
            list.clear();
            list.addAll(merged);
        }
    }
}
