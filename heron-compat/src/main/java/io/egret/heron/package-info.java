/**
 * Runs topology jars built against Heron's published API ({@code org.apache.heron:heron-api} 0.20) unchanged.
 *
 * <p>{@link io.egret.heron.submit} is the author side: it runs the author's main class with Heron's
 * {@code HeronSubmitter} on the class path, reads the {@code TopologyAPI.Topology} definition it writes and turns
 * it into Egret's {@link io.egret.domain.topology.TopologyDefinition}. {@link io.egret.heron.instance} is the
 * instance side: Egret spouts and bolts that run a Heron spout or bolt, with Egret implementations of Heron's
 * context, collectors and tuples.
 *
 * <p>This jar has no module descriptor on purpose. heron-api's jar carries {@code javax.xml.bind}'s descriptor (it
 * shades JAXB in), so it can only be loaded from a class path, and classes that implement Heron's interfaces must
 * share its class loader: the author's child JVM on the CLI side, the topology's class loader in containers. It
 * depends only on Egret's author API, the domain and the codec, which it finds through its parent loader.
 */
package io.egret.heron;
