package io.egret.executor.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The acks a batch carries: consecutive acks of one root merge into one, so the spout applies the same XOR. */
final class TupleBatchTest {

    @Test
    void consecutiveAcksOfOneRootMergeAndEverythingElseStaysApart() {
        TupleBatch batch = new TupleBatch(256);
        batch.addAck(1, 10L, 0b0001, TupleBatch.ACK);
        batch.addAck(1, 10L, 0b0010, TupleBatch.ACK);
        batch.addAck(1, 10L, 0b0100, TupleBatch.ACK);
        batch.addAck(2, 10L, 0b1000, TupleBatch.ACK);
        batch.addAck(2, 10L, 0, TupleBatch.FAIL);
        batch.addAck(2, 10L, 0b1000, TupleBatch.ACK);
        batch.addAck(1, 11L, 0b0001, TupleBatch.ACK);
        batch.addAck(1, 10L, 0b0001, TupleBatch.ACK);

        assertThat(batch.ackCount).isEqualTo(6);
        assertThat(Arrays.copyOf(batch.ackTasks, 6)).containsExactly(1, 2, 2, 2, 1, 1);
        assertThat(Arrays.copyOf(batch.ackRoots, 6)).containsExactly(10L, 10L, 10L, 10L, 11L, 10L);
        assertThat(Arrays.copyOf(batch.ackValues, 6)).containsExactly(0b0111L, 0b1000L, 0L, 0b1000L, 0b0001L, 0b0001L);
        assertThat(Arrays.copyOf(batch.ackKinds, 6))
                .containsExactly(
                        TupleBatch.ACK,
                        TupleBatch.ACK,
                        TupleBatch.FAIL,
                        TupleBatch.ACK,
                        TupleBatch.ACK,
                        TupleBatch.ACK);
        assertThat(batch.tuples).as("no tuple arrays in a batch of acks").isNull();
    }

    @Test
    void aBatchIsFullAtCapacityOfTuplesOrOfDistinctAcks() {
        TupleBatch acks = new TupleBatch(40);
        for (int root = 0; root < 39; root++) {
            acks.addAck(1, root, 1, TupleBatch.ACK);
            acks.addAck(1, root, 2, TupleBatch.ACK);
        }
        assertThat(acks.isFull()).isFalse();
        acks.addAck(1, 39, 1, TupleBatch.ACK);
        assertThat(acks.isFull()).isTrue();
        assertThat(acks.ackValues[38]).isEqualTo(3);
    }
}
