/**
 * The topology master's control client. It finds nothing itself: callers pass the master's location, which they
 * read from the state store; the client reaches it directly or through a tunnel opened once per master endpoint and
 * kept until {@link io.egret.control.HttpTopologyControl#close()}.
 */
package io.egret.control;
