/**
 * Heron on Apache Aurora, wired by {@link io.egret.adapters.aurora.AuroraAdapterModule} from an
 * {@link io.egret.adapters.aurora.AuroraAdapterConfig}. Aurora runs no Heron scheduler: the CLI is the scheduler
 * (Heron's {@code heron.scheduler.is.service: False}), so every command runs the {@code aurora} client:
 *
 * <ul>
 *   <li>launch: {@code aurora job create --wait-until RUNNING} with Heron's {@code --bind} bindings and the job
 *       template ({@code heron.aurora} in the cluster directory, or {@code heron.scheduler.job.template}), after
 *       checking that every {@code {{binding}}} the template uses is bound and that its fetch commands can fetch
 *       the package URIs; the client's wait is bounded by a timeout;
 *   <li>kill: {@code aurora job killall}, retried per {@code heron.scheduler.job.max.kill.attempts}; a job that is
 *       already gone counts as killed;
 *   <li>restart, update: {@code aurora job restart}, {@code aurora job add} (new instance ids read from the
 *       client's answer) and {@code aurora job kill};
 *   <li>status: {@code aurora job status --write-json}, with the reason a task stays PENDING.
 * </ul>
 *
 * <p>The client runs without a shell; its exit codes become clear errors (authentication, bad configuration,
 * network, timeout). The adapter does not care where state lives or which uploader stored the package: the
 * executor's state flags and the package URI come in from outside.
 */
package io.egret.adapters.aurora;
