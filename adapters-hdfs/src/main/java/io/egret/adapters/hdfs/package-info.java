/**
 * Topology packages on HDFS through the Hadoop client API, in process (no {@code hadoop} or {@code hdfs} binary,
 * on either side), wired by {@link io.egret.adapters.hdfs.HdfsAdapterModule} from an
 * {@link io.egret.adapters.hdfs.HdfsAdapterConfig} (Heron's {@code heron.uploader.hdfs.*} keys):
 *
 * <ul>
 *   <li>uploader: {@code <topologies directory>/<sha256>/topology.tar.gz}, written to a temporary file, checked
 *       and renamed, so an unchanged package is not sent again and no container sees a partial one;
 *   <li>fetcher: {@code hdfs://} URIs for containers, offered as a {@link io.egret.ports.out.PackageFetcherPort.Provider}
 *       service.
 * </ul>
 *
 * <p>Configuration and security as Hadoop clients have them: {@code core-site.xml} and {@code hdfs-site.xml} from
 * {@code heron.uploader.hdfs.config.directory} (else {@code HADOOP_CONF_DIR}), and Kerberos when that configuration
 * says {@code hadoop.security.authentication=kerberos} (the ticket cache of {@code kinit}).
 *
 * <h2>Hadoop on the module path</h2>
 *
 * Hadoop's ordinary jars ({@code hadoop-common}, {@code hadoop-hdfs-client} and their 80-odd dependencies) split
 * packages between jars ({@code org.apache.hadoop.fs} in two of them, ZooKeeper's, Kerby's, {@code javax.activation})
 * and one has a file name that is no valid module name, so they cannot be named modules. This adapter depends only
 * on the shaded client, {@code hadoop-client-api} and {@code hadoop-client-runtime}: every third-party class is
 * relocated under {@code org.apache.hadoop.shaded}, and the two jars share no package. They are automatic modules
 * ({@code hadoop.client.api}, {@code hadoop.client.runtime}); this module {@code requires hadoop.client.api} and
 * nothing else of Hadoop, and no other Egret module requires Hadoop, so Hadoop stays a leaf of the module graph,
 * loaded only when an HDFS upload or fetch runs. The JDK modules Hadoop's client uses ({@code java.sql},
 * {@code java.naming}, {@code java.security.jgss}, {@code jdk.unsupported}, ...) are required here, because with
 * {@code java -m} nothing else would resolve them. Tests that need {@code hadoop-client-minicluster}, which repeats
 * packages of {@code hadoop-client-api}, compile and run on the class path.
 */
package io.egret.adapters.hdfs;
