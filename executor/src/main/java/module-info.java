/**
 * What runs in each container: the topology master (container 0) and the stream manager with its instances
 * (containers 1 and up). Launched as {@code heron-executor}.
 */
module io.egret.executor {
    requires io.egret.api;
    requires io.egret.ports;
    requires io.egret.codec;
    requires com.esotericsoftware.kryo;
    requires org.objenesis;
    requires org.apache.commons.compress;
    requires jdk.httpserver;
    requires java.net.http;
    // Objenesis (Kryo's instantiator for classes without a no-argument constructor) needs sun.reflect.
    requires jdk.unsupported;

    exports io.egret.executor;
    // The fetchers every scheduler's containers use; the wiring also hands them to launchers.
    exports io.egret.executor.fetch;

    // Control messages are records read and written by Jackson.
    opens io.egret.executor.protocol to
            com.fasterxml.jackson.databind;

    uses io.egret.executor.StateStoreFactory;
    // Storage adapters (HDFS, S3) provide their fetchers as services, so the executor names no storage technology.
    uses io.egret.ports.out.PackageFetcherProvider;
}
