/** The heron CLI, the local scheduler service main and the Java client facade. */
module io.egret.app {
    requires io.egret.modules;
    requires io.egret.application;
    requires io.egret.codec;
    requires info.picocli;
    requires com.google.guice;
    requires jakarta.inject;
    // Guice generates fast-class accessors in an unnamed module; resolving jdk.unsupported keeps it working on
    // the module path (jpms-guice-archunit.md).
    requires jdk.unsupported;
    requires org.yaml.snakeyaml;
    // to keep the libraries' own logging (Guice reports through java.util.logging) off the terminal
    requires java.logging;

    exports io.egret.app.client;

    // picocli binds options to fields reflectively.
    opens io.egret.app.cli to
            info.picocli;
}
