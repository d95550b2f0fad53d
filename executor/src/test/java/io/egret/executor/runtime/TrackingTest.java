package io.egret.executor.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.egret.api.Fields;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The XOR bookkeeping of {@link Tracking}, replayed by hand: a root reaches zero exactly when its tree is acked. */
final class TrackingTest {
    private static final StreamInfo STREAM = new StreamInfo(0, "c", "default", new Fields("v"));

    @Test
    void aTreeWithSeveralAnchorsAndASharedRootCompletesOnlyWithItsLastAck() {
        Tracking.SpoutRoot spout = new Tracking.SpoutRoot(1, 77L);
        RuntimeTuple first = spout.tupleFor(1, STREAM, List.of("a"));
        RuntimeTuple second = spout.tupleFor(1, STREAM, List.of("a"));
        long root = spout.value();

        // A bolt emits a child of the first copy, then a child anchored to both the second copy and that child.
        RuntimeTuple child = Tracking.anchoredTo(List.of(first)).tupleFor(2, STREAM, List.of("b"));
        RuntimeTuple grandchild = Tracking.anchoredTo(List.of(second, child)).tupleFor(3, STREAM, List.of("c"));
        assertThat(grandchild.rootIds).containsExactly(77L);
        assertThat(grandchild.rootTasks).containsExactly(1);

        root ^= ack(first);
        root ^= ack(second);
        root ^= ack(child);
        assertThat(root).as("not complete before the last ack").isNotZero();
        root ^= ack(grandchild);
        assertThat(root).isZero();
    }

    @Test
    void aTupleAnchoredToTwoRootsCarriesBothAndCompletesEach() {
        Tracking.SpoutRoot one = new Tracking.SpoutRoot(1, 10L);
        Tracking.SpoutRoot two = new Tracking.SpoutRoot(2, 20L);
        RuntimeTuple fromOne = one.tupleFor(1, STREAM, List.of("a"));
        RuntimeTuple fromTwo = two.tupleFor(2, STREAM, List.of("b"));

        RuntimeTuple joined = Tracking.anchoredTo(List.of(fromOne, fromTwo)).tupleFor(3, STREAM, List.of("ab"));

        assertThat(joined.rootIds).containsExactly(10L, 20L);
        long rootOne = one.value() ^ ack(fromOne) ^ ackFor(joined, 0);
        long rootTwo = two.value() ^ ack(fromTwo) ^ ackFor(joined, 1);
        assertThat(rootOne).isZero();
        assertThat(rootTwo).isZero();
    }

    @Test
    void untrackedAnchorsMakeAnUntrackedTuple() {
        assertThat(Tracking.anchoredTo(List.of(new RuntimeTuple(1, STREAM, List.of("a")))))
                .isNull();
        assertThat(Tracking.anchoredTo(List.of())).isNull();
    }

    /** What BoltRunner.ack sends for a tuple with one root. */
    private static long ack(RuntimeTuple tuple) {
        return ackFor(tuple, 0);
    }

    private static long ackFor(RuntimeTuple tuple, int root) {
        return tuple.tupleId(root) ^ tuple.childIds;
    }
}
