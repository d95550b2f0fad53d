package io.egret.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/** The Marathon cluster directory of the DC/OS guide under a test's home, pointing at a simulator. */
final class MarathonClusterFiles {
    private MarathonClusterFiles() {}

    /** The guide's Marathon scheduler.yaml word for word (values filled in), plus the state and uploader files. */
    static void write(Path home, URI marathon, String token) {
        Path cluster = home.resolve("heron-conf/marathon");
        Path distribution = Heron.distribution();
        try {
            Files.createDirectories(cluster);
            Files.writeString(
                    cluster.resolve("scheduler.yaml"),
                    String.join(
                            "\n",
                            "# scheduler class for distributing the topology for execution",
                            "heron.class.scheduler:                       org.apache.heron.scheduler.marathon.MarathonScheduler",
                            "",
                            "# launcher class for submitting and launching the topology",
                            "heron.class.launcher:                        org.apache.heron.scheduler.marathon.MarathonLauncher",
                            "",
                            "# location of java - pick it up from shell environment",
                            "heron.directory.sandbox.java.home:          $JAVA_HOME",
                            "",
                            "# location of heron - pick it up from shell environment",
                            "heron.directory.home:                       $HERON_HOME",
                            "",
                            "heron.directory.conf:                       \"./heron-conf/\"",
                            "",
                            "# The URI of marathon scheduler",
                            "heron.marathon.scheduler.uri: \"" + marathon + "\"",
                            "",
                            "# The token of the marathon scheduler",
                            "heron.marathon.scheduler.auth.token: \"" + token + "\"",
                            "",
                            "# Invoke the IScheduler as a library directly",
                            "heron.scheduler.is.service:                  False",
                            "",
                            "# docker repo for heron with core packages installed",
                            "heron.executor.docker.image: 'streamlio/heron:latest-ubuntu14.04'",
                            "",
                            "heron.package.core.uri: "
                                    + distribution
                                            .resolve("dist/heron-core.tar.gz")
                                            .toUri(),
                            ""));
            Files.writeString(
                    cluster.resolve("statemgr.yaml"),
                    String.join(
                            "\n",
                            "heron.class.state.manager: org.apache.heron.statemgr.localfs.LocalFileSystemStateManager",
                            "heron.statemgr.connection.string: LOCALMODE",
                            "heron.statemgr.root.path: ${HOME}/.herondata/repository/state/${CLUSTER}",
                            "heron.statemgr.localfs.is.initialize.file.tree: true",
                            ""));
            Files.writeString(
                    cluster.resolve("uploader.yaml"),
                    String.join(
                            "\n",
                            "heron.class.uploader: org.apache.heron.uploader.localfs.LocalFileSystemUploader",
                            "heron.uploader.localfs.file.system.directory:"
                                    + " ${HOME}/.herondata/repository/topologies/${CLUSTER}/${ROLE}/${TOPOLOGY}",
                            ""));
            Files.writeString(
                    cluster.resolve("client.yaml"),
                    "heron.config.is.role.required: true\nheron.config.is.env.required: true\n");
            Files.copy(distribution.resolve("conf/marathon/packing.yaml"), cluster.resolve("packing.yaml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
