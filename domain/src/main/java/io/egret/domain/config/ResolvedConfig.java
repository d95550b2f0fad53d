package io.egret.domain.config;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A loaded configuration and the warnings found while loading it, for the CLI to print. */
public record ResolvedConfig(EffectiveConfig config, List<ConfigWarning> warnings) {
    public ResolvedConfig {
        requireNonNull(config, "config is null");
        warnings = List.copyOf(requireNonNull(warnings, "warnings is null"));
    }
}
