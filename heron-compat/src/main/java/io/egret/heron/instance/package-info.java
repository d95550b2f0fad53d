/**
 * The instance side: {@link io.egret.heron.instance.HeronSpoutAdapter} and
 * {@link io.egret.heron.instance.HeronBoltAdapter} are Egret components that recreate the author's Heron spout or
 * bolt in the container and drive its lifecycle through Egret implementations of Heron's {@code TopologyContext},
 * collectors and {@code Tuple}.
 */
package io.egret.heron.instance;
