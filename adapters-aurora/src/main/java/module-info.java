/**
 * Apache Aurora: renders Heron's {@code heron.aurora} job file with Heron's bindings, checks it before anything
 * runs, and drives the {@code aurora} command-line client as an argument list. Exports one Guice module and its
 * config record; everything else is internal.
 */
module io.egret.adapters.aurora {
    requires transitive io.egret.ports;
    requires com.google.guice;
    requires jakarta.inject;
    requires com.fasterxml.jackson.databind;

    exports io.egret.adapters.aurora;

    // The Guice module builds implementations with `new` in public @Provides methods, so Guice only needs to
    // reflect over the exported module class itself.
    opens io.egret.adapters.aurora to
            com.google.guice;
}
