/**
 * DC/OS Marathon: each topology is one Marathon group of apps, one app per container, driven over Marathon's REST
 * API v2. Exports one Guice module and its config record; everything else is internal. It serves only the
 * launcher and scheduler ports, so any state store and uploader combine with it.
 */
module io.egret.adapters.marathon {
    requires transitive io.egret.ports;
    requires com.google.guice;
    requires jakarta.inject;
    requires okhttp3;
    requires kotlin.stdlib;
    requires com.fasterxml.jackson.databind;

    exports io.egret.adapters.marathon;

    // The Guice module builds implementations with `new` in public @Provides methods, so Guice only needs to
    // reflect over the exported module class itself.
    opens io.egret.adapters.marathon to
            com.google.guice;
}
