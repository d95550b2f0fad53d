/**
 * DC/OS Marathon, wired by {@link io.egret.adapters.marathon.MarathonAdapterModule} from a
 * {@link io.egret.adapters.marathon.MarathonAdapterConfig}. A topology is the Marathon group
 * {@code /heron/topologies/<name>} with one app per container ({@code .../0} runs the topology master). Submit
 * posts the group; kill suspends it (scale to 0), waits for that deployment, then deletes the group, forcing only
 * a deployment that is stuck, so a topology stuck in "Waiting" is killed cleanly; status reads the apps, their
 * tasks and Marathon's launch queue, and explains a container Marathon cannot place.
 */
package io.egret.adapters.marathon;
