/** A small blocking HTTP/1.1 client for Egret's own processes, with connect and read timeouts. */
package io.egret.control.http;
