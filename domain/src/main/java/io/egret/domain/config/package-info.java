/**
 * Heron-compatible configuration: the catalog of Heron's keys ({@link io.egret.domain.config.ConfigKey}), layered
 * values with their sources ({@link io.egret.domain.config.EffectiveConfig}), {@code ${TOKEN}} expansion, the alias
 * tables from Heron class names to Egret's kinds, and one typed record per area. Pure: files are read by the
 * {@code modules} loader.
 */
package io.egret.domain.config;
