package io.egret.domain.packing;

import io.egret.domain.error.EgretException;
import io.egret.domain.resource.Resources;
import io.egret.domain.topology.TopologyDefinition;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The incremental repack every Egret packer shares; the algorithms differ only in where an instance goes
 * ({@link Placer}) and how a finished container is sized ({@link Sizer}).
 *
 * <ol>
 *   <li>Scale-down removes each shrinking component's highest component indexes, so the survivors keep indexes
 *       0 to parallelism-1. Nothing moves; containers left empty disappear.
 *   <li>A target count below the current count empties the highest-id containers; their instances are placed
 *       again like new ones. A target above it opens empty containers under the lowest free ids.
 *   <li>New instances get task ids above every id in the running plan and component indexes after the
 *       component's highest surviving one. They are placed into opened containers first, then anywhere; without
 *       a target count a new container opens when nothing has room.
 *   <li>Containers opened for a larger requested count are filled up to an even share (total / count
 *       instances) by moving instances from the fullest containers, one at a time: only as many moves as the new
 *       containers need. Containers the algorithm adds by itself only receive new instances.
 * </ol>
 *
 * Every instance not removed and not in an emptied container stays where it is, except that a container holding
 * more than the algorithm allows (a plan made by another algorithm, or a smaller container configured since)
 * keeps its oldest instances that fit and sheds the rest; those are placed like new ones.
 */
final class Repacking {
    /** Chooses a container in {@code [from, to)} for a demand in packing units, or -1 when none has room. */
    interface Placer {
        int place(Bins bins, int from, int to, long cpu, long ram, long disk);
    }

    /**
     * Turns finished containers into plan entries; sees them all at once so that an error can name the change
     * that fixes every container, not just the first.
     */
    interface Sizer {
        List<ContainerPlan> size(List<Integer> containerIds, List<List<InstancePlan>> members);
    }

    private Repacking() {}

    /**
     * @param pendingOrder the order pending instances are placed in (FirstFitDecreasing: largest first)
     * @param targetWithoutRequest the container count when the operator gave none, if the algorithm fixes one
     *     (RoundRobin keeps its instances-per-container ratio, growing or shrinking as Heron does); it is applied
     *     like a requested count, except that containers it adds only receive new instances. Empty lets
     *     containers open as needed
     */
    static PackingPlan repack(
            PackingAlgorithmKind kind,
            PackingPlan current,
            TopologyDefinition topology,
            OptionalInt requestedContainers,
            OptionalInt targetWithoutRequest,
            Map<String, Resources> newInstanceResources,
            Comparator<InstancePlan> pendingOrder,
            Bins bins,
            Placer placer,
            Sizer sizer) {
        Map<String, Integer> parallelism = topology.parallelism();
        int newTotal = topology.totalInstances();
        if (requestedContainers.isPresent()) {
            int requested = requestedContainers.getAsInt();
            if (requested < 1 || requested > newTotal) {
                throw EgretException.userError("cannot use " + requested + " containers for " + newTotal
                        + " instances; ask for between 1 and " + newTotal + " containers");
            }
        }

        Set<InstanceId> removed = chooseRemovals(current, topology, parallelism);
        int maxTaskId = 0;
        Map<String, Integer> nextIndex = new HashMap<>();
        Map<String, Integer> keptCounts = new HashMap<>();
        for (ContainerPlan container : current.containers()) {
            for (InstancePlan instance : container.instances()) {
                maxTaskId = Math.max(maxTaskId, instance.id().taskId());
                if (!removed.contains(instance.id())) {
                    nextIndex.merge(instance.component(), instance.id().componentIndex() + 1, Math::max);
                    keptCounts.merge(instance.component(), 1, Integer::sum);
                }
            }
        }

        BitSet usedIds = new BitSet();
        for (ContainerPlan container : current.containers()) {
            List<InstancePlan> kept = container.instances();
            if (!removed.isEmpty()) {
                kept = new ArrayList<>(kept.size());
                for (InstancePlan instance : container.instances()) {
                    if (!removed.contains(instance.id())) {
                        kept.add(instance);
                    }
                }
            }
            if (kept.isEmpty()) {
                continue;
            }
            long cpu = 0;
            long ram = 0;
            long disk = 0;
            for (InstancePlan instance : kept) {
                Resources resources = instance.resources();
                cpu += Units.cpu(resources);
                ram += Units.ram(resources);
                disk += Units.disk(resources);
            }
            bins.openWith(container.id(), kept, cpu, ram, disk);
            usedIds.set(container.id());
        }

        List<InstancePlan> pending = new ArrayList<>();
        // A plan made under other rules (another algorithm, or a smaller container since) can hold more than
        // this algorithm allows: such a container sheds its newest instances until it fits, and only those move.
        for (int index = 0; index < bins.size(); index++) {
            if (bins.isOverfull(index)) {
                pending.addAll(bins.shed(index));
            }
        }
        int firstAdded = bins.size();
        OptionalInt target = requestedContainers;
        if (requestedContainers.isEmpty() && targetWithoutRequest.isPresent()) {
            target = targetWithoutRequest;
        }
        if (target.isPresent()) {
            int wanted = target.getAsInt();
            // Empty the highest-id containers first: the lower ids (and what runs there) stay.
            for (int index = bins.size() - 1, open = bins.size(); open > wanted; index--, open--) {
                usedIds.clear(bins.containerId(index));
                pending.addAll(bins.close(index));
            }
            for (int open = openCount(bins); open < wanted; open++) {
                int id = usedIds.nextClearBit(1);
                usedIds.set(id);
                bins.open(id);
            }
        }
        int addedEnd = bins.size();

        int taskId = maxTaskId;
        for (String component : parallelism.keySet()) {
            int have = keptCounts.getOrDefault(component, 0);
            int want = parallelism.get(component);
            Resources resources = newInstanceResources.get(component);
            int index = nextIndex.getOrDefault(component, 0);
            for (int added = have; added < want; added++) {
                pending.add(new InstancePlan(new InstanceId(component, ++taskId, index++), resources));
            }
        }
        pending.sort(pendingOrder);

        int extraContainers = 0;
        for (InstancePlan instance : pending) {
            Resources resources = instance.resources();
            long cpu = Units.cpu(resources);
            long ram = Units.ram(resources);
            long disk = Units.disk(resources);
            int index = placer.place(bins, firstAdded, addedEnd, cpu, ram, disk);
            if (index < 0) {
                index = placer.place(bins, 0, bins.size(), cpu, ram, disk);
            }
            if (index < 0) {
                int id = usedIds.nextClearBit(1);
                usedIds.set(id);
                index = bins.open(id);
                if (target.isPresent()) {
                    extraContainers++;
                }
            }
            bins.add(index, instance, cpu, ram, disk);
        }
        if (extraContainers > 0) {
            int wanted = target.getAsInt();
            throw EgretException.userError(kind.shortName() + " cannot place " + newTotal + " instances in "
                    + wanted + " containers: they need at least " + (wanted + extraContainers)
                    + " containers of this size; ask for " + (wanted + extraContainers)
                    + " containers, omit the container count, or raise the container size in the topology config");
        }
        // Only an operator's count rebalances: growth the algorithm chose by itself moves nothing.
        if (requestedContainers.isPresent() && firstAdded < addedEnd) {
            fillAddedContainers(bins, firstAdded, addedEnd, newTotal / requestedContainers.getAsInt());
        }

        return new PackingPlan(kind.shortName(), finish(bins, sizer));
    }

    /** Plan entries for every open container that holds an instance, in index order. */
    static List<ContainerPlan> finish(Bins bins, Sizer sizer) {
        List<Integer> ids = new ArrayList<>(bins.size());
        List<List<InstancePlan>> members = new ArrayList<>(bins.size());
        for (int index = 0; index < bins.size(); index++) {
            if (bins.isOpen(index) && bins.count(index) > 0) {
                ids.add(bins.containerId(index));
                members.add(bins.members(index));
            }
        }
        return sizer.size(ids, members);
    }

    private static int openCount(Bins bins) {
        int open = 0;
        for (int index = 0; index < bins.size(); index++) {
            if (bins.isOpen(index)) {
                open++;
            }
        }
        return open;
    }

    private static Set<InstanceId> chooseRemovals(
            PackingPlan current, TopologyDefinition topology, Map<String, Integer> parallelism) {
        Map<String, Integer> counts = new HashMap<>();
        for (ContainerPlan container : current.containers()) {
            for (InstancePlan instance : container.instances()) {
                counts.merge(instance.component(), 1, Integer::sum);
            }
        }
        Map<String, Integer> surplus = new HashMap<>();
        for (Map.Entry<String, Integer> entry : counts.entrySet()) {
            Integer wanted = parallelism.get(entry.getKey());
            if (wanted == null) {
                throw EgretException.userError("the running plan has component '" + entry.getKey()
                        + "', which topology '" + topology.name() + "' does not declare; an update can change"
                        + " parallelism but not add or remove components");
            }
            if (entry.getValue() > wanted) {
                surplus.put(entry.getKey(), entry.getValue() - wanted);
            }
        }
        if (surplus.isEmpty()) {
            return Set.of();
        }
        Map<String, List<InstanceId>> shrinking = new HashMap<>();
        for (ContainerPlan container : current.containers()) {
            for (InstancePlan instance : container.instances()) {
                if (surplus.containsKey(instance.component())) {
                    shrinking
                            .computeIfAbsent(instance.component(), name -> new ArrayList<>())
                            .add(instance.id());
                }
            }
        }
        Set<InstanceId> removed = new HashSet<>();
        for (Map.Entry<String, List<InstanceId>> entry : shrinking.entrySet()) {
            List<InstanceId> ids = entry.getValue();
            ids.sort(Comparator.comparingInt(InstanceId::componentIndex).reversed());
            removed.addAll(ids.subList(0, surplus.get(entry.getKey())));
        }
        return removed;
    }

    /**
     * Gives each added container an even share by moving instances from the fullest containers, one at a time,
     * so that no more instances move than the added containers need.
     */
    private static void fillAddedContainers(Bins bins, int firstAdded, int addedEnd, int share) {
        PriorityQueue<Integer> donors = new PriorityQueue<>(
                Comparator.comparingInt(bins::count).reversed().thenComparing(Comparator.naturalOrder()));
        for (int index = 0; index < firstAdded; index++) {
            if (bins.isOpen(index)) {
                donors.add(index);
            }
        }
        for (int receiver = firstAdded; receiver < addedEnd; receiver++) {
            List<Integer> exhausted = new ArrayList<>();
            while (bins.count(receiver) < share && !donors.isEmpty()) {
                int donor = donors.poll();
                if (bins.count(donor) < bins.count(receiver) + 2) {
                    exhausted.add(donor);
                    break;
                }
                InstancePlan moved = lastFitting(bins, donor, receiver);
                if (moved == null) {
                    exhausted.add(donor);
                    continue;
                }
                Resources resources = moved.resources();
                long cpu = Units.cpu(resources);
                long ram = Units.ram(resources);
                long disk = Units.disk(resources);
                bins.remove(donor, moved, cpu, ram, disk);
                bins.add(receiver, moved, cpu, ram, disk);
                donors.add(donor);
            }
            donors.addAll(exhausted);
        }
    }

    private static InstancePlan lastFitting(Bins bins, int donor, int receiver) {
        List<InstancePlan> members = bins.members(donor);
        for (int position = members.size() - 1; position >= 0; position--) {
            Resources resources = members.get(position).resources();
            if (bins.fits(receiver, Units.cpu(resources), Units.ram(resources), Units.disk(resources))) {
                return members.get(position);
            }
        }
        return null;
    }
}
