package io.egret.app.cli;

import io.egret.domain.topology.TopologyName;
import picocli.CommandLine.Parameters;

/** A command whose arguments are {@code CLUSTER[/ROLE[/ENV]] TOPOLOGY}. */
abstract class TopologyNameCommand extends ClusterCommand {
    @Parameters(index = "0", paramLabel = "CLUSTER[/ROLE[/ENV]]")
    String cluster;

    @Parameters(index = "1", paramLabel = "TOPOLOGY", description = "The topology's name.")
    String topology;

    TopologyNameCommand(CliContext context) {
        super(context);
    }

    TopologyName topologyName() {
        return TopologyName.of(topology);
    }
}
