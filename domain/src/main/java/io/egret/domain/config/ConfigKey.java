package io.egret.domain.config;

import static io.egret.domain.config.ValueType.BOOLEAN;
import static io.egret.domain.config.ValueType.DOUBLE;
import static io.egret.domain.config.ValueType.INTEGER;
import static io.egret.domain.config.ValueType.LONG;
import static io.egret.domain.config.ValueType.STRING;
import static io.egret.domain.config.ValueType.STRUCTURED;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Every Heron configuration key Egret knows, under Heron's own name, with its default (defined here and nowhere
 * else), a one-line description, whether its value is secret, the {@code ${TOKEN}} it answers to, and older names
 * that still work.
 */
public enum ConfigKey {
    // Installation layout. The loader sets home and conf; the others follow from them.
    HERON_HOME("heron.directory.home", STRING, "/usr/local/heron", "Heron installation directory", token("HERON_HOME")),
    HERON_BIN("heron.directory.bin", STRING, "${HERON_HOME}/bin", "Directory of Heron's binaries", token("HERON_BIN")),
    HERON_CONF(
            "heron.directory.conf",
            STRING,
            "${HERON_HOME}/conf",
            "The cluster's config directory (CONFIG_PATH/CLUSTER)",
            token("HERON_CONF"),
            aliases("heron.director.conf")),
    HERON_LIB("heron.directory.lib", STRING, "${HERON_HOME}/lib", "Directory of Heron's libraries", token("HERON_LIB")),
    HERON_DIST(
            "heron.directory.dist",
            STRING,
            "${HERON_HOME}/dist",
            "Directory holding the core package to ship",
            token("HERON_DIST")),
    HERON_ETC(
            "heron.directory.etc", STRING, "${HERON_HOME}/etc", "Directory of Heron's extra files", token("HERON_ETC")),
    JAVA_HOME_DIRECTORY(
            "heron.directory.java.home", STRING, "${JAVA_HOME}", "Java used on the submitting machine", none()),
    CLUSTER_HOME(
            "heron.directory.cluster.home",
            STRING,
            "./heron-core",
            "Heron home inside a container (the unpacked core package)",
            token("HERON_CLUSTER_HOME")),
    CLUSTER_CONF(
            "heron.directory.cluster.conf",
            STRING,
            "./heron-conf",
            "Config directory inside a container",
            token("HERON_CLUSTER_CONF")),
    SANDBOX_JAVA_HOME(
            "heron.directory.sandbox.java.home",
            STRING,
            "/usr/lib/jvm/default-java",
            "Java used inside containers and by the scheduler service",
            token("HERON_SANDBOX_JAVA_HOME")),

    // Heron's names of its config files; Egret always reads them from the cluster directory.
    CLUSTER_FILE(
            "heron.config.file.cluster.yaml", STRING, "${HERON_CONF}/cluster.yaml", "Path of cluster.yaml", none()),
    CLIENT_FILE("heron.config.file.client.yaml", STRING, "${HERON_CONF}/client.yaml", "Path of client.yaml", none()),
    HEALTH_MANAGER_FILE(
            "heron.config.file.healthmgr.yaml",
            STRING,
            "${HERON_CONF}/healthmgr.yaml",
            "Path of healthmgr.yaml",
            none()),
    PACKING_FILE(
            "heron.config.file.packing.yaml", STRING, "${HERON_CONF}/packing.yaml", "Path of packing.yaml", none()),
    SCHEDULER_FILE(
            "heron.config.file.scheduler.yaml",
            STRING,
            "${HERON_CONF}/scheduler.yaml",
            "Path of scheduler.yaml",
            none()),
    STATE_MANAGER_FILE(
            "heron.config.file.statemgr.yaml", STRING, "${HERON_CONF}/statemgr.yaml", "Path of statemgr.yaml", none()),
    UPLOADER_FILE(
            "heron.config.file.uploader.yaml", STRING, "${HERON_CONF}/uploader.yaml", "Path of uploader.yaml", none()),
    DOWNLOADER_FILE(
            "heron.config.file.downloader.yaml",
            STRING,
            "${HERON_CONF}/downloader.yaml",
            "Path of downloader.yaml",
            none()),
    STATEFUL_FILE(
            "heron.config.file.stateful.yaml", STRING, "${HERON_CONF}/stateful.yaml", "Path of stateful.yaml", none()),
    METRICS_FILE(
            "heron.config.file.metrics.yaml",
            STRING,
            "${HERON_CONF}/metrics_sinks.yaml",
            "Path of metrics_sinks.yaml, passed to containers",
            none()),
    SYSTEM_FILE(
            "heron.config.file.system.yaml",
            STRING,
            "${HERON_CONF}/heron_internals.yaml",
            "Path of heron_internals.yaml, passed to containers",
            none()),
    OVERRIDE_FILE(
            "heron.config.file.override.yaml",
            STRING,
            "${HERON_CONF}/override.yaml",
            "Path of override.yaml, the --config-property values shipped to containers",
            none()),

    // What the command line says.
    CLUSTER("heron.config.cluster", STRING, null, "Cluster name from the command line", token("CLUSTER")),
    ROLE("heron.config.role", STRING, null, "Role from the command line", token("ROLE")),
    ENVIRON("heron.config.environ", STRING, null, "Environ from the command line", token("ENVIRON")),
    SUBMIT_USER("heron.config.submit_user", STRING, null, "User running the command", token("SUBMIT_USER")),
    DRY_RUN("heron.config.dry_run", BOOLEAN, "false", "Show what would happen without changing anything", none()),
    DRY_RUN_FORMAT("heron.config.dry_run_format_type", STRING, null, "Dry-run output format", none()),
    VERBOSE("heron.config.verbose", BOOLEAN, "false", "Verbose output", none()),
    VERBOSE_GC("heron.config.verbose_gc", BOOLEAN, "false", "Log garbage collection of Heron's JVMs", none()),
    ROLE_REQUIRED(
            "heron.config.is.role.required",
            BOOLEAN,
            "false",
            "Whether CLUSTER/ROLE must name the role instead of defaulting to the user",
            aliases("heron.config.role.required")),
    ENVIRON_REQUIRED(
            "heron.config.is.env.required",
            BOOLEAN,
            "false",
            "Whether CLUSTER/ROLE/ENV must name the environ instead of defaulting to 'default'",
            aliases("heron.config.env.required")),
    CONFIG_PROPERTY("heron.config.property", STRING, null, "Declared by Heron, never read", none()),

    // Release file.
    BUILD_VERSION("heron.build.version", STRING, null, "Heron release version (release.yaml)", none()),
    BUILD_TIME("heron.build.time", STRING, null, "Release build time (release.yaml)", none()),
    BUILD_TIMESTAMP("heron.build.timestamp", STRING, null, "Release build timestamp (release.yaml)", none()),
    BUILD_HOST("heron.build.host", STRING, null, "Release build host (release.yaml)", none()),
    BUILD_USER("heron.build.user", STRING, null, "Release build user (release.yaml)", none()),

    // Which implementation serves each role: Heron class names, mapped by alias tables, never loaded.
    UPLOADER_CLASS(
            "heron.class.uploader",
            STRING,
            null,
            "Uploader, as a Heron class name (for example LocalFileSystemUploader)",
            aliases("heron.uploader.class", "uploader.class")),
    LAUNCHER_CLASS(
            "heron.class.launcher",
            STRING,
            null,
            "Launcher, as a Heron class name; must match the scheduler",
            aliases("heron.launcher.class", "launcher.class")),
    SCHEDULER_CLASS(
            "heron.class.scheduler",
            STRING,
            null,
            "Scheduler, as a Heron class name (LocalScheduler, AuroraScheduler, ...)",
            aliases("heron.scheduler.class", "scheduler.class")),
    PACKING_CLASS(
            "heron.class.packing.algorithm",
            STRING,
            null,
            "Packing algorithm, as a Heron class name or a short name",
            aliases("heron.packing.algorithm.class", "packing.algorithm.class")),
    REPACKING_CLASS(
            "heron.class.repacking.algorithm",
            STRING,
            null,
            "Repacking algorithm used by update, as a Heron class name or a short name",
            none()),
    STATE_MANAGER_CLASS(
            "heron.class.state.manager",
            STRING,
            null,
            "State manager, as a Heron class name (LocalFileSystemStateManager or CuratorStateManager)",
            aliases("heron.state.manager.class", "state.manager.class")),
    RUNTIME_MANAGER_CLASS(
            "heron.class.runtime.manager",
            STRING,
            null,
            "Obsolete runtime manager class of early Heron releases; accepted and ignored",
            aliases("heron.runtime.manager.class", "runtime.manager.class")),
    AURORA_CONTROLLER_CLI(
            "heron.class.scheduler.aurora.controller.cli",
            BOOLEAN,
            "true",
            "Aurora: drive Aurora through its command-line client",
            none()),

    // Scheduler.
    SCHEDULER_IS_SERVICE(
            "heron.scheduler.is.service",
            BOOLEAN,
            "true",
            "Run a scheduler service per topology (true) or call the scheduler as a library (false)",
            none()),
    SCHEDULER_PROPERTIES(
            "heron.scheduler.properties",
            STRING,
            null,
            "Aurora: comma list; the first names an alternate job template",
            none()),
    SCHEDULER_JAR(
            "heron.jars.scheduler",
            STRING,
            "${HERON_LIB}/scheduler/heron-scheduler.jar",
            "Declared by Heron, never read",
            none()),
    CORE_PACKAGE_DIRECTORY(
            "heron.package.core.directory",
            STRING,
            "${HERON_DIST}/heron-core",
            "Core package directory, used when heron.package.use_core_uri is false",
            none()),
    // Heron's default had no scheme, so fetchers could not tell a path from a URI; this one is a file URI.
    CORE_PACKAGE_URI(
            "heron.package.core.uri",
            STRING,
            "file://${HERON_DIST}/heron-core.tar.gz",
            "Where containers fetch the Heron core package from",
            aliases("heron.core.release.uri")),
    USE_CORE_PACKAGE_URI(
            "heron.package.use_core_uri",
            BOOLEAN,
            "true",
            "Fetch the core package from heron.package.core.uri (true) or use heron.package.core.directory",
            none()),
    TOPOLOGY_PACKAGE_URI(
            "heron.package.topology.uri", STRING, null, "Where the uploader put the topology package", none()),
    UPDATE_PROMPT(
            "heron.command.update.prompt",
            STRING,
            "disabled",
            "'prompt' asks before update adds containers; 'disabled' does not ask",
            none()),

    // The topology being handled; known only once the command names it.
    TOPOLOGY_ID("heron.topology.id", STRING, null, "Unique id of this topology submission", token("TOPOLOGY_ID")),
    TOPOLOGY_NAME("heron.topology.name", STRING, null, "Topology name", token("TOPOLOGY_NAME")),
    TOPOLOGY_DEFINITION_FILE(
            "heron.topology.definition.file", STRING, null, "Topology definition file written by the API", none()),
    TOPOLOGY_DEFINITION("heron.topology.definition", STRING, null, "Topology definition", none()),
    TOPOLOGY_BINARY_FILE("heron.topology.binary.file", STRING, null, "The user's topology file", none()),
    TOPOLOGY_PACKAGE_FILE("heron.topology.package.file", STRING, null, "Local topology package to upload", none()),
    TOPOLOGY_PACKAGE_TYPE("heron.topology.package.type", STRING, null, "Type of the topology file", none()),
    TOPOLOGY_CONTAINER_ID("heron.topology.container.id", STRING, null, "Container id inside a container", none()),
    METRICS_CACHE_MODE(
            "heron.topology.metricscachemgr.mode", STRING, "disabled", "Where the metrics cache runs", none()),
    HEALTH_MANAGER_MODE("heron.topology.healthmgr.mode", STRING, null, "Where the health manager runs", none()),

    // Default resources.
    INSTANCE_RAM("heron.resources.instance.ram", LONG, "1073741824", "Default RAM per instance, bytes", none()),
    INSTANCE_CPU("heron.resources.instance.cpu", DOUBLE, "1.0", "Default CPU per instance, cores", none()),
    INSTANCE_DISK("heron.resources.instance.disk", LONG, "1073741824", "Default disk per instance, bytes", none()),
    STREAM_MANAGER_RAM("heron.resources.stmgr.ram", LONG, "1073741824", "RAM of a stream manager, bytes", none()),
    CHECKPOINT_MANAGER_RAM(
            "heron.resources.ckptmgr.ram", LONG, "1073741824", "RAM of a checkpoint manager, bytes", none()),
    METRICS_MANAGER_RAM(
            "heron.resources.metricsmgr.ram", LONG, "1073741824", "RAM of a metrics manager, bytes", none()),

    // Classpaths and binaries inside the installation.
    INSTANCE_CLASSPATH("heron.classpath.instance", STRING, "${HERON_LIB}/instance/*", "Instance classpath", none()),
    HEALTH_MANAGER_CLASSPATH(
            "heron.classpath.healthmgr", STRING, "${HERON_LIB}/healthmgr/*", "Health manager classpath", none()),
    METRICS_MANAGER_CLASSPATH(
            "heron.classpath.metrics.manager",
            STRING,
            "${HERON_LIB}/metricsmgr/*",
            "Metrics manager classpath",
            none()),
    METRICS_CACHE_CLASSPATH(
            "heron.classpath.metricscache.manager",
            STRING,
            "${HERON_LIB}/metricscachemgr/*",
            "Metrics cache classpath",
            none()),
    PACKING_CLASSPATH("heron.classpath.packing", STRING, "${HERON_LIB}/packing/*", "Packing classpath", none()),
    SCHEDULER_CLASSPATH("heron.classpath.scheduler", STRING, "${HERON_LIB}/scheduler/*", "Scheduler classpath", none()),
    STATE_MANAGER_CLASSPATH(
            "heron.classpath.statemgr", STRING, "${HERON_LIB}/statemgr/*", "State manager classpath", none()),
    UPLOADER_CLASSPATH("heron.classpath.uploader", STRING, "${HERON_LIB}/uploader/*", "Uploader classpath", none()),
    CHECKPOINT_MANAGER_CLASSPATH(
            "heron.classpath.ckptmgr", STRING, "${HERON_LIB}/ckptmgr/*", "Checkpoint manager classpath", none()),
    STATEFUL_STORAGE_CLASSPATH(
            "heron.classpath.statefulstorage",
            STRING,
            "${HERON_LIB}/statefulstorage/*",
            "Stateful storage classpath",
            none()),
    EXECUTOR_BINARY("heron.binaries.executor", STRING, "${HERON_BIN}/heron-executor", "Executor binary", none()),
    STREAM_MANAGER_BINARY("heron.binaries.stmgr", STRING, "${HERON_BIN}/heron-stmgr", "Stream manager binary", none()),
    TOPOLOGY_MANAGER_BINARY(
            "heron.binaries.tmanager",
            STRING,
            "${HERON_BIN}/heron-tmanager",
            "Topology manager binary",
            aliases("heron.binaries.tmaster")),
    SHELL_BINARY("heron.binaries.shell", STRING, "${HERON_BIN}/heron-shell", "Shell binary", none()),
    PYTHON_INSTANCE_BINARY(
            "heron.binaries.python.instance",
            STRING,
            "${HERON_BIN}/heron-python-instance",
            "Python instance binary",
            none()),
    CPP_INSTANCE_BINARY(
            "heron.binaries.cpp.instance", STRING, "${HERON_BIN}/heron-cpp-instance", "C++ instance binary", none()),
    DOWNLOADER_BINARY(
            "heron.binaries.downloader", STRING, "${HERON_BIN}/heron-downloader", "Downloader binary", none()),

    // State manager.
    STATE_MANAGER_CONNECTION_STRING(
            "heron.statemgr.connection.string",
            STRING,
            null,
            "ZooKeeper quorum (host:port,host:port) or LOCALMODE for the local file system",
            none()),
    STATE_MANAGER_ROOT_PATH(
            "heron.statemgr.root.path", STRING, null, "Root of the state tree (a directory or a znode)", none()),
    LOCAL_FILE_SYSTEM_INITIALIZE_TREE(
            "heron.statemgr.localfs.is.initialize.file.tree",
            BOOLEAN,
            "true",
            "Local file system state: create the state directories if missing",
            none()),
    ZOOKEEPER_INITIALIZE_TREE(
            "heron.statemgr.zookeeper.is.initialize.tree",
            BOOLEAN,
            "true",
            "ZooKeeper state: create the state znodes if missing",
            none()),
    ZOOKEEPER_SESSION_TIMEOUT(
            "heron.statemgr.zookeeper.session.timeout.ms", LONG, "30000", "ZooKeeper session timeout, ms", none()),
    ZOOKEEPER_CONNECTION_TIMEOUT(
            "heron.statemgr.zookeeper.connection.timeout.ms",
            LONG,
            "30000",
            "ZooKeeper connection timeout, ms",
            none()),
    ZOOKEEPER_RETRY_COUNT(
            "heron.statemgr.zookeeper.retry.count", INTEGER, "10", "ZooKeeper connection retries", none()),
    ZOOKEEPER_RETRY_INTERVAL(
            "heron.statemgr.zookeeper.retry.interval.ms",
            LONG,
            "10000",
            "Base interval between ZooKeeper retries, ms",
            none()),

    // SSH tunnels. Heron's files and guides spell the retry keys one way and its code another; both work.
    STATE_MANAGER_TUNNEL_NEEDED(
            "heron.statemgr.is.tunnel.needed",
            BOOLEAN,
            "false",
            "Tunnel to ZooKeeper through SSH when it is not directly reachable",
            none()),
    STATE_MANAGER_TUNNEL_HOST(
            "heron.statemgr.tunnel.host",
            STRING,
            "no.tunnel.host.specified",
            "SSH host (user@host) to tunnel to ZooKeeper through",
            none()),
    STATE_MANAGER_TUNNEL_CONNECTION_TIMEOUT(
            "heron.statemgr.tunnel.connection.timeout.ms",
            LONG,
            "1000",
            "Timeout of one direct-reachability probe, ms",
            none()),
    STATE_MANAGER_TUNNEL_RETRY_COUNT(
            "heron.statemgr.tunnel.connection.retry.count",
            INTEGER,
            "2",
            "Direct-reachability probes before tunnelling (the guides' name; Heron's code spelled it"
                    + " heron.statemgr.tunnel.connection.retryCount.count, also accepted)",
            aliases("heron.statemgr.tunnel.connection.retryCount.count")),
    STATE_MANAGER_TUNNEL_RETRY_INTERVAL(
            "heron.statemgr.tunnel.retry.interval.ms",
            LONG,
            "1000",
            "Pause between reachability probes, ms (the guides' name; Heron's code spelled it"
                    + " heron.statemgr.tunnel.retryCount.interval.ms, also accepted)",
            aliases("heron.statemgr.tunnel.retryCount.interval.ms")),
    STATE_MANAGER_TUNNEL_VERIFY_COUNT(
            "heron.statemgr.tunnel.verify.count", INTEGER, "10", "Probes to verify a new tunnel", none()),
    SCHEDULER_TUNNEL_NEEDED(
            "heron.scheduler.is.tunnel.needed",
            BOOLEAN,
            "false",
            "Tunnel to topology managers through SSH when they are not directly reachable",
            none()),
    SCHEDULER_TUNNEL_HOST(
            "heron.scheduler.tunnel.host",
            STRING,
            "no.tunnel.host.specified",
            "SSH host (user@host) to tunnel to topology managers through",
            none()),
    SCHEDULER_TUNNEL_CONNECTION_TIMEOUT(
            "heron.scheduler.tunnel.connection.timeout.ms",
            LONG,
            "1000",
            "Timeout of one direct-reachability probe, ms",
            none()),
    SCHEDULER_TUNNEL_RETRY_COUNT(
            "heron.scheduler.tunnel.connection.retry.count",
            INTEGER,
            "2",
            "Direct-reachability probes before tunnelling (the guides' name; Heron's code spelled it"
                    + " heron.scheduler.tunnel.connection.retryCount.count, also accepted)",
            aliases("heron.scheduler.tunnel.connection.retryCount.count")),
    SCHEDULER_TUNNEL_RETRY_INTERVAL(
            "heron.scheduler.tunnel.retry.interval.ms",
            LONG,
            "1000",
            "Pause between reachability probes, ms (the guides' name; Heron's code spelled it"
                    + " heron.scheduler.tunnel.retryCount.interval.ms, also accepted)",
            aliases("heron.scheduler.tunnel.retryCount.interval.ms")),
    SCHEDULER_TUNNEL_VERIFY_COUNT(
            "heron.scheduler.tunnel.verify.count", INTEGER, "10", "Probes to verify a new tunnel", none()),
    // Egret's additions for the SSH login (Heron ran the ssh binary, which read ~/.ssh itself).
    STATE_MANAGER_TUNNEL_IDENTITY_FILE(
            "heron.statemgr.tunnel.identity.file",
            STRING,
            null,
            "SSH private key for the state-manager tunnel (unset: ~/.ssh/id_ed25519, id_ecdsa, id_rsa and ssh-agent)",
            none()),
    STATE_MANAGER_TUNNEL_KNOWN_HOSTS(
            "heron.statemgr.tunnel.known.hosts.file",
            STRING,
            "${HOME}/.ssh/known_hosts",
            "known_hosts file the state-manager tunnel's jump host key is checked against",
            none()),
    STATE_MANAGER_TUNNEL_STRICT_HOST_KEY_CHECKING(
            "heron.statemgr.tunnel.strict.host.key.checking",
            BOOLEAN,
            "true",
            "Refuse a state-manager jump host whose key is not in known_hosts",
            none()),
    SCHEDULER_TUNNEL_IDENTITY_FILE(
            "heron.scheduler.tunnel.identity.file",
            STRING,
            null,
            "SSH private key for the topology-manager tunnel (unset: ~/.ssh/id_ed25519, id_ecdsa, id_rsa and ssh-agent)",
            none()),
    SCHEDULER_TUNNEL_KNOWN_HOSTS(
            "heron.scheduler.tunnel.known.hosts.file",
            STRING,
            "${HOME}/.ssh/known_hosts",
            "known_hosts file the topology-manager tunnel's jump host key is checked against",
            none()),
    SCHEDULER_TUNNEL_STRICT_HOST_KEY_CHECKING(
            "heron.scheduler.tunnel.strict.host.key.checking",
            BOOLEAN,
            "true",
            "Refuse a topology-manager jump host whose key is not in known_hosts",
            none()),

    // Local scheduler.
    LOCAL_WORKING_DIRECTORY(
            "heron.scheduler.local.working.directory",
            STRING,
            "${HOME}/.herondata/topologies/${CLUSTER}/${ROLE}/${TOPOLOGY}",
            "Local: where a topology's processes run and log",
            none()),

    // Aurora.
    AURORA_JOB_TEMPLATE(
            "heron.scheduler.job.template",
            STRING,
            "${HERON_CONF}/heron.aurora",
            "Aurora: the job file template",
            none()),
    JOB_LINK_TEMPLATE(
            "heron.scheduler.job.link.template", STRING, null, "Link to the job in the scheduler's UI", none()),
    AURORA_MAX_KILL_ATTEMPTS(
            "heron.scheduler.job.max.kill.attempts", INTEGER, "5", "Aurora: attempts to kill a job", none()),
    AURORA_KILL_RETRY_INTERVAL(
            "heron.scheduler.job.kill.retry.interval.ms",
            LONG,
            "2000",
            "Aurora: pause between kill attempts, ms",
            none()),
    AURORA_CLIENT_TIMEOUT(
            "heron.scheduler.aurora.client.timeout.ms",
            LONG,
            "600000",
            "Aurora: how long one aurora client command may take, its --wait-until RUNNING included, ms (Egret)",
            none()),

    // Marathon.
    MARATHON_URI("heron.marathon.scheduler.uri", STRING, null, "Marathon: the Marathon service URI", none()),
    MARATHON_AUTH_TOKEN(
            "heron.marathon.scheduler.auth.token",
            STRING,
            null,
            "Marathon: DC/OS auth token sent as 'Authorization: token=...'",
            secret()),
    EXECUTOR_DOCKER_IMAGE(
            "heron.executor.docker.image", STRING, null, "Docker image with the Heron core to run containers", none()),

    // Mesos.
    MESOS_MASTER_URI("heron.mesos.master.uri", STRING, null, "Mesos: master host:port or URI", none()),
    MESOS_NATIVE_LIBRARY_PATH(
            "heron.mesos.native.library.path",
            STRING,
            null,
            "Mesos: native library directory of Heron's driver-based framework; accepted and unused",
            none()),
    MESOS_FRAMEWORK_STAGING_TIMEOUT(
            "heron.mesos.framework.staging.timeout.ms",
            LONG,
            "1000",
            "Mesos: how long to wait for the framework to register, ms",
            none()),
    MESOS_DRIVER_STOP_TIMEOUT(
            "heron.mesos.scheduler.driver.stop.timeout.ms",
            LONG,
            "1000",
            "Mesos: how long to wait for the framework to stop, ms",
            none()),
    MESOS_WORKING_DIRECTORY(
            "heron.scheduler.mesos.scheduler.working.directory",
            STRING,
            null,
            "Mesos: working directory of the scheduler service",
            none()),
    MESOS_FRAMEWORK_NAME(
            "heron.mesos.framework.name",
            STRING,
            "heron_scheduler_${TOPOLOGY}",
            "Mesos: the framework's name as the master shows it",
            none()),
    MESOS_ROLE("heron.mesos.role", STRING, "*", "Mesos: the role the framework subscribes with", none()),
    MESOS_PRINCIPAL(
            "heron.mesos.principal", STRING, null, "Mesos: principal for HTTP authentication (optional)", none()),
    MESOS_SECRET("heron.mesos.secret", STRING, null, "Mesos: the principal's secret (optional)", secret()),
    MESOS_FAILOVER_TIMEOUT(
            "heron.mesos.failover.timeout.seconds",
            DOUBLE,
            "604800",
            "Mesos: how long the master keeps the tasks of a disconnected scheduler service, s",
            none()),
    MESOS_MAX_TASK_RELAUNCHES(
            "heron.mesos.task.max.relaunches",
            INTEGER,
            "10",
            "Mesos: relaunches of a failed container in a row before it is left failed",
            none()),

    // Uploaders.
    LOCAL_FILE_SYSTEM_UPLOADER_DIRECTORY(
            "heron.uploader.localfs.file.system.directory",
            STRING,
            "${HOME}/.herondata/repository/${CLUSTER}/${ROLE}/${TOPOLOGY}",
            "Local file system uploader: the directory topology packages are copied to",
            none()),
    HDFS_CONFIG_DIRECTORY(
            "heron.uploader.hdfs.config.directory", STRING, null, "HDFS uploader: Hadoop config directory", none()),
    HDFS_TOPOLOGIES_DIRECTORY_URI(
            "heron.uploader.hdfs.topologies.directory.uri",
            STRING,
            null,
            "HDFS uploader: directory URI for topology packages",
            none()),
    S3_BUCKET("heron.uploader.s3.bucket", STRING, null, "S3 uploader: bucket", none()),
    S3_PATH_PREFIX("heron.uploader.s3.path_prefix", STRING, "/", "S3 uploader: key prefix", none()),
    S3_ACCESS_KEY("heron.uploader.s3.access_key", STRING, null, "S3 uploader: access key id", secret()),
    S3_SECRET_KEY("heron.uploader.s3.secret_key", STRING, null, "S3 uploader: secret access key", secret()),
    S3_AWS_PROFILE("heron.uploader.s3.aws_profile", STRING, null, "S3 uploader: named AWS credentials profile", none()),
    S3_REGION("heron.uploader.s3.region", STRING, null, "S3 uploader: region (us-west-2 when unset)", none()),
    S3_URI("heron.uploader.s3.uri", STRING, null, "S3 uploader: custom endpoint of an S3-compatible store", none()),
    S3_PROXY_URI(
            "heron.uploader.s3.proxy_uri",
            STRING,
            null,
            "S3 uploader: HTTPS proxy, may carry user:password",
            secret(),
            aliases("heron.upload.s3.proxy_uri")),
    // Egret's S3 keys (issue 10): what Heron's S3 uploader hard-coded.
    S3_PATH_STYLE(
            "heron.uploader.s3.path_style",
            BOOLEAN,
            null,
            "S3 uploader: bucket in the path, not the host (unset: on with heron.uploader.s3.uri, off for AWS)",
            none()),
    S3_MULTIPART_THRESHOLD(
            "heron.uploader.s3.multipart.threshold.bytes",
            LONG,
            "16777216",
            "S3 uploader: packages larger than this are sent in parts, with progress",
            none()),
    S3_MULTIPART_PART_SIZE(
            "heron.uploader.s3.multipart.part.size.bytes",
            LONG,
            "8388608",
            "S3 uploader: size of each part of a multipart upload (at least 5 MiB)",
            none()),
    SCP_COMMAND_OPTIONS("heron.uploader.scp.command.options", STRING, null, "SCP uploader: scp options", none()),
    SCP_COMMAND_CONNECTION(
            "heron.uploader.scp.command.connection", STRING, null, "SCP uploader: scp user@host", none()),
    SSH_COMMAND_OPTIONS("heron.uploader.ssh.command.options", STRING, null, "SCP uploader: ssh options", none()),
    SSH_COMMAND_CONNECTION(
            "heron.uploader.ssh.command.connection", STRING, null, "SCP uploader: ssh user@host", none()),
    SCP_DIRECTORY(
            "heron.uploader.scp.dir.path",
            STRING,
            "${HOME}/heron/repository/${CLUSTER}/${ROLE}/${TOPOLOGY}",
            "SCP uploader: remote directory",
            none()),
    GCS_BUCKET("heron.uploader.gcs.bucket", STRING, null, "GCS uploader: bucket", none()),
    GCS_CREDENTIALS_PATH("heron.uploader.gcs.credentials_path", STRING, null, "GCS uploader: credentials file", none()),
    HTTP_UPLOADER_URI("heron.uploader.http.uri", STRING, null, "HTTP uploader: upload endpoint", none()),
    DISTRIBUTED_LOG_NAMESPACE(
            "heron.uploader.dlog.topologies.namespace.uri",
            STRING,
            null,
            "DistributedLog uploader: namespace URI",
            none()),
    DISTRIBUTED_LOG_REPLICAS(
            "heron.uploader.dlog.num.replicas", INTEGER, "3", "DistributedLog uploader: replicas", none()),

    // Downloader (container side).
    DOWNLOADER_REGISTRY(
            "heron.downloader.registry", STRUCTURED, null, "Downloader class per URI scheme (downloader.yaml)", none()),

    // Declared by Heron and never read; accepted so copied files stay quiet.
    PROXY_CONNECTION_STRING("heron.proxy.connection.string", STRING, null, "Declared by Heron, never read", none()),
    PROXY_CONNECTION_TYPE("heron.proxy.connection.type", STRING, null, "Declared by Heron, never read", none());

    /** Tokens whose value comes from the environment rather than from a key. */
    public static final String HOME_TOKEN = "HOME";

    public static final String JAVA_HOME_TOKEN = "JAVA_HOME";

    /** Heron's short form of {@code ${TOPOLOGY_NAME}}. */
    public static final String TOPOLOGY_TOKEN = "TOPOLOGY";

    private static final Pattern SECRET_NAME =
            Pattern.compile(".*(password|passwd|secret|token|access_key|accesskey|private_key|passphrase).*");

    private static final Map<String, ConfigKey> BY_NAME = indexByName();

    private final String key;
    private final ValueType type;
    private final Optional<String> defaultValue;
    private final String description;
    private final Optional<String> token;
    private final boolean secret;
    private final List<String> aliases;

    ConfigKey(String key, ValueType type, String defaultValue, String description, Trait trait) {
        this(key, type, defaultValue, description, trait, none());
    }

    ConfigKey(String key, ValueType type, String defaultValue, String description, Trait first, Trait second) {
        this.key = key;
        this.type = type;
        this.defaultValue = Optional.ofNullable(defaultValue);
        this.description = description;
        this.token = Optional.ofNullable(first.token != null ? first.token : second.token);
        this.secret = first.secret || second.secret;
        this.aliases = first.aliases.isEmpty() ? second.aliases : first.aliases;
    }

    /** Heron's key, for example {@code heron.class.scheduler}. */
    public String key() {
        return key;
    }

    public ValueType type() {
        return type;
    }

    /** The default, possibly with tokens; empty when the key has none (required keys, runtime keys). */
    public Optional<String> defaultValue() {
        return defaultValue;
    }

    /** One line for {@code heron config explain}. */
    public String description() {
        return description;
    }

    /** The {@code ${NAME}} token this key's value answers to, if any. */
    public Optional<String> token() {
        return token;
    }

    /** Whether the value must never be shown (printed as {@code ****}). */
    public boolean isSecret() {
        return secret;
    }

    /** Older names of this key that are still accepted, with a warning. */
    public List<String> aliases() {
        return aliases;
    }

    /** Finds a key by its name or one of its older names. */
    public static Optional<ConfigKey> find(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** Finds the key a {@code ${TOKEN}} refers to. */
    public static Optional<ConfigKey> forToken(String tokenName) {
        String name = tokenName.equals(TOPOLOGY_TOKEN) ? TOPOLOGY_NAME.token.orElseThrow() : tokenName;
        return Arrays.stream(values())
                .filter(candidate -> candidate.token.filter(name::equals).isPresent())
                .findFirst();
    }

    /**
     * Whether the value under this name must be hidden: a secret known key, or an unknown key whose name says
     * password, secret or token.
     */
    public static boolean isSecretName(String name) {
        return find(name)
                .map(ConfigKey::isSecret)
                .orElseGet(
                        () -> SECRET_NAME.matcher(name.toLowerCase(Locale.ROOT)).matches());
    }

    @Override
    public String toString() {
        return key;
    }

    private static Map<String, ConfigKey> indexByName() {
        Map<String, ConfigKey> index = new HashMap<>();
        for (ConfigKey configKey : values()) {
            index.put(configKey.key, configKey);
            for (String alias : configKey.aliases) {
                index.put(alias, configKey);
            }
        }
        return Map.copyOf(index);
    }

    private static Trait none() {
        return new Trait(null, false, List.of());
    }

    private static Trait token(String name) {
        return new Trait(name, false, List.of());
    }

    private static Trait secret() {
        return new Trait(null, true, List.of());
    }

    private static Trait aliases(String... names) {
        return new Trait(null, false, List.of(names));
    }

    /** One optional property of a key, so that the table above reads as data. */
    private record Trait(String token, boolean secret, List<String> aliases) {}
}
