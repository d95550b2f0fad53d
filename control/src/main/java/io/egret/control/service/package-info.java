/**
 * The HTTP API every Egret scheduler service serves (the local cluster's and each Mesos topology's), one protocol
 * for operators and for the CLI's clients: {@link io.egret.control.service.SchedulerServiceServer}, with the
 * request fields both sides read ({@link io.egret.control.service.SchedulerServiceRequests}).
 */
package io.egret.control.service;
