/**
 * The wire protocol of Mesos's v1 scheduler HTTP API: RecordIO framing and the HTTP exchange with a master
 * (SUBSCRIBE stream, calls with the stream id, leader redirects). Knows nothing of topologies.
 */
package io.egret.adapters.mesos.protocol;
