package io.egret.domain.packing;

import io.egret.domain.resource.Resources;

/** Converts resources to the whole-number units {@link Bins} compares. */
final class Units {
    private Units() {}

    static long cpu(Resources resources) {
        return CpuUnits.demandMicros(resources.cpu());
    }

    static long ram(Resources resources) {
        return resources.ram().bytes();
    }

    static long disk(Resources resources) {
        return resources.disk().bytes();
    }
}
