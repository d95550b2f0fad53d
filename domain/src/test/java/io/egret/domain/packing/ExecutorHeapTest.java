package io.egret.domain.packing;

import static org.assertj.core.api.Assertions.assertThat;

import io.egret.domain.resource.ByteAmount;
import io.egret.domain.resource.Resources;
import io.egret.domain.topology.TopologyConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class ExecutorHeapTest {

    private static ContainerPlan container(long containerMb, long... instanceMb) {
        List<InstancePlan> instances = new java.util.ArrayList<>();
        for (int i = 0; i < instanceMb.length; i++) {
            instances.add(new InstancePlan(
                    new InstanceId("c", i + 1, i),
                    new Resources(1, ByteAmount.ofMegabytes(instanceMb[i]), ByteAmount.ZERO)));
        }
        return new ContainerPlan(1, instances, new Resources(4, ByteAmount.ofMegabytes(containerMb), ByteAmount.ZERO));
    }

    @Test
    void isTheContainerRamMinusHeronsDefaultStreamManagerShare() {
        assertThat(ExecutorHeap.megabytes(container(4096, 1024, 1024), new TopologyConfig(Map.of())))
                .isEqualTo(3072);
    }

    @Test
    void followsTheConfiguredStreamManagerRam() {
        TopologyConfig config = new TopologyConfig(Map.of(
                TopologyConfig.STMGR_RAM,
                Long.toString(ByteAmount.ofMegabytes(512).bytes())));
        assertThat(ExecutorHeap.megabytes(container(2048, 256, 256), config)).isEqualTo(1536);
    }

    @Test
    void neverGoesBelowWhatThePlanGaveTheInstances() {
        assertThat(ExecutorHeap.megabytes(container(1536, 512, 512, 256), new TopologyConfig(Map.of())))
                .isEqualTo(1280);
        assertThat(ExecutorHeap.megabytes(container(512, 200), new TopologyConfig(Map.of())))
                .isEqualTo(200);
    }

    @Test
    void neverGoesBelowWhatAJvmNeedsToStart() {
        assertThat(ExecutorHeap.megabytes(container(512, 16, 16), new TopologyConfig(Map.of())))
                .isEqualTo(ExecutorHeap.MIN_HEAP_MB);
    }
}
