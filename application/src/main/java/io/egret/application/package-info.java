/**
 * Egret's use cases, one service per command, written against the ports only.
 *
 * <p>Each service implements its {@code io.egret.ports.in} use case and takes the outbound ports it needs by
 * constructor. Besides the ports, the wiring supplies a {@link io.egret.application.Packer} (the cluster's packing
 * and repacking algorithms), {@link io.egret.application.LifecycleSettings} from the cluster config, a
 * {@link java.time.Clock}, and for submit a {@code Supplier<UUID>} that makes topology ids unique.
 *
 * <p>Every operation that changes something runs as a sequence of reported steps; each step that changes something
 * registers how to undo it, and a failure undoes the completed steps in reverse before it is reported as one
 * {@link io.egret.domain.error.EgretException} whose message is a single actionable line.
 */
package io.egret.application;
