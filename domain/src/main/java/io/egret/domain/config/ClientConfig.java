package io.egret.domain.config;

/**
 * What the cluster's {@code client.yaml} asks of the command line.
 *
 * @param roleRequired {@code heron.config.is.role.required}: CLUSTER/ROLE must name the role
 * @param environRequired {@code heron.config.is.env.required}: CLUSTER/ROLE/ENV must name the environ
 */
public record ClientConfig(boolean roleRequired, boolean environRequired) {
    public static ClientConfig from(EffectiveConfig config) {
        return new ClientConfig(
                config.booleanValue(ConfigKey.ROLE_REQUIRED), config.booleanValue(ConfigKey.ENVIRON_REQUIRED));
    }
}
