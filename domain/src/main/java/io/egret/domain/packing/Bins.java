package io.egret.domain.packing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Containers under construction, with what each has left, indexed for first-fit search.
 *
 * <p>A segment tree keeps, per dimension (CPU in micro-cores, RAM bytes, disk bytes, instance slots), the
 * largest remainder in each range of containers. A search descends only into ranges whose maxima all cover the
 * demand, so finding the first container with room takes O(log C) for the common case instead of Heron's sort of
 * every container for every placement. The per-dimension maxima may come from different containers; the search
 * then backtracks, but never misses a container that fits.
 *
 * <p>Containers are addressed by index (0 and up, in opening order); {@link #containerId(int)} maps an index to
 * the plan's container id.
 */
final class Bins {
    private static final int DIMENSIONS = 4;
    private static final int CPU = 0;
    private static final int RAM = 1;
    private static final int DISK = 2;
    private static final int SLOTS = 3;

    /** Marks leaves of containers not yet opened: nothing fits there. */
    private static final long CLOSED = Long.MIN_VALUE / 4;

    private final long cpuLimit;
    private final long ramLimit;
    private final long diskLimit;
    private final long slotLimit;

    private int leaves;
    /**
     * The tree, four longs per node (CPU, RAM, disk, slots) side by side: a search or an update touches all four
     * of a node at once, so keeping them on one cache line matters at a million instances.
     */
    private long[] tree;

    private int[] ids;
    private final List<List<InstancePlan>> members = new ArrayList<>();
    private int size;

    /** Each container holds at most these amounts (CPU in micro-cores) and this many instances. */
    Bins(long cpuLimit, long ramLimit, long diskLimit, long slotLimit, int expectedContainers) {
        this.cpuLimit = cpuLimit;
        this.ramLimit = ramLimit;
        this.diskLimit = diskLimit;
        this.slotLimit = slotLimit;
        leaves = Integer.highestOneBit(Math.max(1, expectedContainers - 1)) * 2;
        tree = closedTree(leaves);
        ids = new int[leaves];
    }

    private static long[] closedTree(int leaves) {
        long[] tree = new long[DIMENSIONS * 2 * leaves];
        Arrays.fill(tree, CLOSED);
        return tree;
    }

    int size() {
        return size;
    }

    int containerId(int index) {
        return ids[index];
    }

    List<InstancePlan> members(int index) {
        return members.get(index);
    }

    int count(int index) {
        return members.get(index).size();
    }

    /** Opens an empty container with the given plan id and returns its index. */
    int open(int containerId) {
        if (size == leaves) {
            grow();
        }
        int index = size++;
        ids[index] = containerId;
        members.add(new ArrayList<>());
        setLeaf(index, cpuLimit, ramLimit, diskLimit, slotLimit);
        return index;
    }

    private void grow() {
        long[] old = tree;
        int oldLeaves = leaves;
        leaves *= 2;
        tree = closedTree(leaves);
        System.arraycopy(old, DIMENSIONS * oldLeaves, tree, DIMENSIONS * leaves, DIMENSIONS * oldLeaves);
        ids = Arrays.copyOf(ids, leaves);
        for (int node = leaves - 1; node >= 1; node--) {
            pull(node);
        }
    }

    /**
     * Opens a container that already holds instances (a running plan's), with one tree update for all of them.
     *
     * @param cpuUsed their CPU in micro-cores, and so on for the other dimensions
     */
    int openWith(int containerId, List<InstancePlan> instances, long cpuUsed, long ramUsed, long diskUsed) {
        int index = open(containerId);
        members.get(index).addAll(instances);
        setLeaf(index, cpuLimit - cpuUsed, ramLimit - ramUsed, diskLimit - diskUsed, slotLimit - instances.size());
        return index;
    }

    /** Places an instance whose demand is given in packing units; the caller has checked that it fits. */
    void add(int index, InstancePlan instance, long cpuDemand, long ramDemand, long diskDemand) {
        members.get(index).add(instance);
        int leaf = DIMENSIONS * (leaves + index);
        setLeaf(
                index,
                tree[leaf + CPU] - cpuDemand,
                tree[leaf + RAM] - ramDemand,
                tree[leaf + DISK] - diskDemand,
                tree[leaf + SLOTS] - 1);
    }

    /** Takes an instance out (scale-down or a move) and gives its room back. */
    void remove(int index, InstancePlan instance, long cpuDemand, long ramDemand, long diskDemand) {
        List<InstancePlan> list = members.get(index);
        int position = list.lastIndexOf(instance);
        if (position < 0) {
            throw new IllegalStateException(instance.id() + " is not in container " + ids[index]);
        }
        // Swap-remove: member order inside a container does not matter until the plan sorts it.
        list.set(position, list.get(list.size() - 1));
        list.remove(list.size() - 1);
        int leaf = DIMENSIONS * (leaves + index);
        setLeaf(
                index,
                tree[leaf + CPU] + cpuDemand,
                tree[leaf + RAM] + ramDemand,
                tree[leaf + DISK] + diskDemand,
                tree[leaf + SLOTS] + 1);
    }

    boolean fits(int index, long cpuDemand, long ramDemand, long diskDemand) {
        return covers(leaves + index, cpuDemand, ramDemand, diskDemand, 1);
    }

    /**
     * Cuts an overfull container back to what fits: its instances are kept oldest (lowest task id) first while
     * they fit, and the others are returned to be placed elsewhere.
     */
    List<InstancePlan> shed(int index) {
        List<InstancePlan> held = new ArrayList<>(members.get(index));
        held.sort(Comparator.comparing(InstancePlan::id));
        List<InstancePlan> kept = new ArrayList<>(held.size());
        List<InstancePlan> shed = new ArrayList<>();
        long cpuLeft = cpuLimit;
        long ramLeft = ramLimit;
        long diskLeft = diskLimit;
        long slotsLeft = slotLimit;
        for (InstancePlan instance : held) {
            long cpu = Units.cpu(instance.resources());
            long ram = Units.ram(instance.resources());
            long disk = Units.disk(instance.resources());
            if (cpu <= cpuLeft && ram <= ramLeft && disk <= diskLeft && slotsLeft >= 1) {
                kept.add(instance);
                cpuLeft -= cpu;
                ramLeft -= ram;
                diskLeft -= disk;
                slotsLeft--;
            } else {
                shed.add(instance);
            }
        }
        members.set(index, kept);
        setLeaf(index, cpuLeft, ramLeft, diskLeft, slotsLeft);
        return shed;
    }

    /** Whether an open container holds more than its limits allow in some dimension. */
    boolean isOverfull(int index) {
        int leaf = DIMENSIONS * (leaves + index);
        return isOpen(index)
                && (tree[leaf + CPU] < 0 || tree[leaf + RAM] < 0 || tree[leaf + DISK] < 0 || tree[leaf + SLOTS] < 0);
    }

    /** The first container in {@code [from, to)} with room for the demand, or -1. */
    int firstFit(int from, int to, long cpuDemand, long ramDemand, long diskDemand) {
        if (from >= to) {
            return -1;
        }
        return find(1, 0, leaves, from, Math.min(to, size), cpuDemand, ramDemand, diskDemand, 1);
    }

    /**
     * The first container at or after {@code start} with room, wrapping around to the start: the next stop of a
     * round robin that skips full containers.
     */
    int nextFit(int start, long cpuDemand, long ramDemand, long diskDemand) {
        int found = firstFit(start, size, cpuDemand, ramDemand, diskDemand);
        return found >= 0 ? found : firstFit(0, start, cpuDemand, ramDemand, diskDemand);
    }

    /** The container in {@code [from, to)} with the fewest instances (lowest index on ties), or -1. */
    int leastLoaded(int from, int to) {
        int end = Math.min(to, size);
        if (from >= end) {
            return -1;
        }
        long most = maxSlots(1, 0, leaves, from, end);
        if (most < 0) {
            return -1;
        }
        return find(1, 0, leaves, from, end, 0, 0, 0, most);
    }

    /** Closes a container (it is being removed) and returns the instances it held. */
    List<InstancePlan> close(int index) {
        List<InstancePlan> held = members.get(index);
        members.set(index, new ArrayList<>());
        setLeaf(index, CLOSED, CLOSED, CLOSED, CLOSED);
        return held;
    }

    boolean isOpen(int index) {
        return tree[DIMENSIONS * (leaves + index) + SLOTS] != CLOSED;
    }

    private long maxSlots(int node, int nodeFrom, int nodeTo, int from, int to) {
        if (nodeTo <= from || nodeFrom >= to) {
            return CLOSED;
        }
        if (from <= nodeFrom && nodeTo <= to) {
            return tree[DIMENSIONS * node + SLOTS];
        }
        int middle = (nodeFrom + nodeTo) >>> 1;
        return Math.max(
                maxSlots(2 * node, nodeFrom, middle, from, to), maxSlots(2 * node + 1, middle, nodeTo, from, to));
    }

    private int find(
            int node,
            int nodeFrom,
            int nodeTo,
            int from,
            int to,
            long cpuDemand,
            long ramDemand,
            long diskDemand,
            long slotDemand) {
        if (nodeTo <= from || nodeFrom >= to) {
            return -1;
        }
        if (!covers(node, cpuDemand, ramDemand, diskDemand, slotDemand)) {
            return -1;
        }
        if (nodeTo - nodeFrom == 1) {
            return nodeFrom;
        }
        int middle = (nodeFrom + nodeTo) >>> 1;
        int left = find(2 * node, nodeFrom, middle, from, to, cpuDemand, ramDemand, diskDemand, slotDemand);
        if (left >= 0) {
            return left;
        }
        return find(2 * node + 1, middle, nodeTo, from, to, cpuDemand, ramDemand, diskDemand, slotDemand);
    }

    private boolean covers(int node, long cpuDemand, long ramDemand, long diskDemand, long slotDemand) {
        int base = DIMENSIONS * node;
        return tree[base + CPU] >= cpuDemand
                && tree[base + RAM] >= ramDemand
                && tree[base + DISK] >= diskDemand
                && tree[base + SLOTS] >= slotDemand;
    }

    private void setLeaf(int index, long cpuLeft, long ramLeft, long diskLeft, long slotsLeft) {
        int node = leaves + index;
        int base = DIMENSIONS * node;
        tree[base + CPU] = cpuLeft;
        tree[base + RAM] = ramLeft;
        tree[base + DISK] = diskLeft;
        tree[base + SLOTS] = slotsLeft;
        for (node >>>= 1; node >= 1; node >>>= 1) {
            if (!pull(node)) {
                // The maxima above cannot change when this node's did not.
                break;
            }
        }
    }

    /** Recomputes a node from its children; returns whether it changed. */
    private boolean pull(int node) {
        int base = DIMENSIONS * node;
        int left = DIMENSIONS * 2 * node;
        int right = left + DIMENSIONS;
        boolean changed = false;
        for (int dimension = 0; dimension < DIMENSIONS; dimension++) {
            long value = Math.max(tree[left + dimension], tree[right + dimension]);
            if (tree[base + dimension] != value) {
                tree[base + dimension] = value;
                changed = true;
            }
        }
        return changed;
    }
}
