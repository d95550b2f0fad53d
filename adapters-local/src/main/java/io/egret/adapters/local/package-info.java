/**
 * The local cluster's adapters, wired by {@link io.egret.adapters.local.LocalAdapterModule} from a
 * {@link io.egret.adapters.local.LocalAdapterConfig}:
 *
 * <ul>
 *   <li>state store: one file per record under {@code heron.statemgr.root.path}, Heron's directory names, atomic
 *       create, replace and delete through a per-topology OS file lock and a redo journal;
 *   <li>uploader: content-addressed copies under {@code heron.uploader.localfs.file.system.directory};
 *   <li>packager and topology loader: a reproducible {@code topology.tar.gz}, and the author's main class run in
 *       a child JVM;
 *   <li>scheduler: a launcher that prepares the sandbox under {@code heron.scheduler.local.working.directory}
 *       and starts {@link io.egret.adapters.local.LocalSchedulerService} in its own session, and a client that
 *       talks to it over HTTP and ends the recorded processes itself when it is gone.
 * </ul>
 *
 * <p>The scheduler service's {@code main} lives in the app: it parses
 * {@link io.egret.adapters.local.LocalSchedulerService.Settings#fromArguments}, builds the state store from
 * {@link io.egret.adapters.local.LocalSchedulerService#readEffectiveConfig} and calls
 * {@link io.egret.adapters.local.LocalSchedulerService#run}. The local scheduler needs Linux ({@code /proc},
 * {@code setsid}).
 */
package io.egret.adapters.local;
