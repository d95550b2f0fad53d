package io.egret.adapters.mesos.framework;

import io.egret.adapters.mesos.matching.Demand;
import io.egret.adapters.mesos.matching.ResourcePools;
import java.util.Optional;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Value;

/**
 * Reads an offer into {@link ResourcePools}: the entries this framework may use are the unreserved ones and
 * those reserved for its role (the innermost reservation decides); revocable and shared entries are left alone.
 */
final class OfferPools {
    private OfferPools() {}

    static ResourcePools of(Offer offer, String role) {
        ResourcePools pools = new ResourcePools();
        for (int i = 0; i < offer.getResourcesCount(); i++) {
            Resource resource = offer.getResources(i);
            if (!usable(resource, role)) {
                continue;
            }
            Optional<ResourcePools.Scalar> scalar = scalar(resource.getName());
            if (scalar.isPresent() && resource.getType() == Value.Type.SCALAR) {
                pools.addScalar(
                        scalar.get(), i, Demand.thousandths(resource.getScalar().getValue()));
            } else if (resource.getName().equals("ports") && resource.getType() == Value.Type.RANGES) {
                for (Value.Range range : resource.getRanges().getRangeList()) {
                    pools.addPorts(i, range.getBegin(), range.getEnd());
                }
            }
        }
        return pools;
    }

    static boolean usable(Resource resource, String role) {
        if (resource.hasRevocable()
                || resource.hasShared()
                || resource.hasDisk() && resource.getDisk().hasPersistence()) {
            return false;
        }
        if (resource.getReservationsCount() > 0) {
            return resource.getReservations(resource.getReservationsCount() - 1)
                    .getRole()
                    .equals(role);
        }
        // Pre-reservation-refinement form: the deprecated role field, "*" when unreserved.
        return !resource.hasRole()
                || resource.getRole().equals("*")
                || resource.getRole().equals(role);
    }

    private static Optional<ResourcePools.Scalar> scalar(String name) {
        return switch (name) {
            case "cpus" -> Optional.of(ResourcePools.Scalar.CPUS);
            case "mem" -> Optional.of(ResourcePools.Scalar.MEM);
            case "disk" -> Optional.of(ResourcePools.Scalar.DISK);
            default -> Optional.empty();
        };
    }
}
