package io.egret.adapters.mesos.framework;

import static org.assertj.core.api.Assertions.assertThat;

import io.egret.adapters.mesos.matching.Allocation;
import io.egret.adapters.mesos.matching.Demand;
import io.egret.adapters.mesos.matching.ResourcePools;
import java.util.List;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.Value;
import org.junit.jupiter.api.Test;

final class OfferPoolsTest {

    @Test
    void usesUnreservedAndOwnRoleReservationsButNotOtherRolesAndLaunchesWithTheirReservations() {
        Offer offer = Offer.newBuilder()
                .setId(OfferID.newBuilder().setValue("o1"))
                .setFrameworkId(FrameworkID.newBuilder().setValue("f1"))
                .setAgentId(AgentID.newBuilder().setValue("a1"))
                .setHostname("agent-1")
                .addResources(scalar("cpus", 1, ""))
                .addResources(scalar("cpus", 2, "heron"))
                .addResources(scalar("cpus", 8, "other"))
                .addResources(scalar("mem", 4096, ""))
                .addResources(Resource.newBuilder()
                        .setName("ports")
                        .setType(Value.Type.RANGES)
                        .setRanges(Value.Ranges.newBuilder()
                                .addRange(
                                        Value.Range.newBuilder().setBegin(31000).setEnd(31001))))
                .build();

        ResourcePools pools = OfferPools.of(offer, "heron");
        Allocation allocation = pools.take(Demand.of(3, 1024, 0, 2));
        TaskTemplate template = new TaskTemplate(
                List.of(
                        "run",
                        "--shard=${SHARD}",
                        "--host=${HOST}",
                        "--ports=${PORT0},${PORT1}",
                        "--heap-mb=${HEAP_MB}"),
                List.of(),
                java.util.Map.of(),
                containerId -> containerId * 100L);
        TaskInfo task = template.task("container-4-1", 4, offer, allocation);

        assertThat(pools.total(ResourcePools.Scalar.CPUS)).isZero();
        assertThat(task.getResourcesList())
                .filteredOn(r -> r.getName().equals("cpus"))
                .extracting(r -> r.getScalar().getValue(), r -> r.getReservationsCount() == 0 ? "" : "heron")
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1.0, ""),
                        org.assertj.core.groups.Tuple.tuple(2.0, "heron"));
        assertThat(task.getCommand().getValue())
                .isEqualTo("run --shard=4 --host=agent-1 --ports=31000,31001 --heap-mb=400");
        assertThat(task.getAgentId().getValue()).isEqualTo("a1");
        assertThat(template.portCount()).isEqualTo(2);
    }

    private static Resource scalar(String name, double value, String role) {
        Resource.Builder resource = Resource.newBuilder()
                .setName(name)
                .setType(Value.Type.SCALAR)
                .setScalar(Value.Scalar.newBuilder().setValue(value));
        if (!role.isEmpty()) {
            resource.addReservations(Resource.ReservationInfo.newBuilder()
                    .setType(Resource.ReservationInfo.Type.STATIC)
                    .setRole(role));
        }
        return resource.build();
    }
}
