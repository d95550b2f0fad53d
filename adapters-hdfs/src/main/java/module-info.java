/**
 * The HDFS uploader and the container-side HDFS fetcher, through the shaded Hadoop client (see the package
 * documentation for how Hadoop is kept a leaf of the module graph). Exports one Guice module and its config
 * record; the implementation is internal, and the fetcher is offered as a service.
 */
module io.egret.adapters.hdfs {
    requires transitive io.egret.ports;
    requires com.google.guice;
    requires jakarta.inject;
    // The storage client logs through SLF4J 2, an explicit module: resolved only when required.
    requires org.slf4j;
    requires hadoop.client.api;
    // What the Hadoop client uses from the JDK; with `java -m` only required modules are resolved.
    requires java.management;
    requires java.naming;
    requires java.security.jgss;
    requires java.security.sasl;
    requires java.sql;
    requires java.xml;
    requires jdk.security.auth;
    requires jdk.unsupported;

    exports io.egret.adapters.hdfs;

    opens io.egret.adapters.hdfs to
            com.google.guice;

    provides io.egret.ports.out.PackageFetcherPort.Provider with
            io.egret.adapters.hdfs.internal.HdfsFetcherProvider;
}
