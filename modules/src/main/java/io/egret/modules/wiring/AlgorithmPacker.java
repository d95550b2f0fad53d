package io.egret.modules.wiring;

import static java.util.Objects.requireNonNull;

import io.egret.application.Packer;
import io.egret.domain.config.PackingConfig;
import io.egret.domain.packing.FitCheck;
import io.egret.domain.packing.FitViolation;
import io.egret.domain.packing.PackingAlgorithms;
import io.egret.domain.packing.PackingPlan;
import io.egret.domain.packing.PackingSettings;
import io.egret.domain.topology.TopologyDefinition;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** The application's packer, served by the packing and repacking algorithms the cluster config selects. */
final class AlgorithmPacker implements Packer {
    private final PackingConfig packing;
    private final PackingSettings settings;

    AlgorithmPacker(PackingConfig packing) {
        this.packing = requireNonNull(packing, "packing is null");
        // No Heron key gives a largest container for the local cluster; cluster managers that have one pass it here.
        this.settings = new PackingSettings(packing.instanceDefaults(), Optional.empty());
    }

    @Override
    public PackingPlan pack(TopologyDefinition topology) {
        return PackingAlgorithms.of(packing.packing()).pack(topology, settings);
    }

    @Override
    public PackingPlan repack(PackingPlan current, TopologyDefinition updated, OptionalInt containers) {
        return PackingAlgorithms.of(packing.repacking()).repack(current, updated, containers, settings);
    }

    @Override
    public List<String> fitViolations(PackingPlan plan, TopologyDefinition topology) {
        return FitCheck.check(plan, topology, settings).stream()
                .map(FitViolation::message)
                .toList();
    }
}
