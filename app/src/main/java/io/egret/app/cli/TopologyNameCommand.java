package io.egret.app.cli;

import io.egret.domain.topology.TopologyName;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

/** A command whose arguments are {@code CLUSTER[/ROLE[/ENV]] TOPOLOGY}. */
abstract class TopologyNameCommand extends ClusterCommand {
    @Parameters(index = "0", paramLabel = "CLUSTER[/ROLE[/ENV]]")
    String cluster;

    @Parameters(index = "1", paramLabel = "TOPOLOGY", description = "The topology's name.")
    String topology;

    /** Options and arguments the command does not know: Heron ignores them, so these commands warn and go on. */
    @Unmatched
    List<String> unmatched = new ArrayList<>();

    TopologyNameCommand(CliContext context) {
        super(context);
    }

    @Override
    protected List<String> ignoredArguments() {
        return unmatched;
    }

    TopologyName topologyName() {
        return TopologyName.of(topology);
    }
}
