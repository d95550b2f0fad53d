package io.egret.adapters.mesos.framework;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * How the framework subscribes and behaves.
 *
 * @param name the framework's name as the master shows it
 * @param user the user tasks run as when the agent honours it (required by FrameworkInfo)
 * @param role the role it subscribes with and whose reservations it may use
 * @param principal empty for none; with {@code secret} sent as HTTP Basic authentication
 * @param failoverTimeout how long the master keeps the tasks after this scheduler disconnects
 * @param missedHeartbeats silent heartbeat intervals after which the stream counts as broken
 * @param reconnect backoff between subscription attempts
 * @param relaunch backoff before relaunching a container whose task ended unexpectedly
 * @param maxRelaunches relaunches in a row after which a container is left failed
 * @param declineRefuse how long a declined offer's agent is not offered again while something is pending
 * @param idleRefuse the same when nothing is pending (offers are then also suppressed)
 */
public record FrameworkSettings(
        String name,
        String user,
        String role,
        String principal,
        Optional<String> secret,
        Duration failoverTimeout,
        int missedHeartbeats,
        Backoff reconnect,
        Backoff relaunch,
        int maxRelaunches,
        Duration declineRefuse,
        Duration idleRefuse) {
    public FrameworkSettings {
        requireNonNull(name, "name is null");
        requireNonNull(user, "user is null");
        requireNonNull(role, "role is null");
        requireNonNull(principal, "principal is null");
        requireNonNull(secret, "secret is null");
        requireNonNull(failoverTimeout, "failoverTimeout is null");
        requireNonNull(reconnect, "reconnect is null");
        requireNonNull(relaunch, "relaunch is null");
        requireNonNull(declineRefuse, "declineRefuse is null");
        requireNonNull(idleRefuse, "idleRefuse is null");
        if (missedHeartbeats < 1 || maxRelaunches < 0) {
            throw new IllegalArgumentException("missedHeartbeats must be >= 1 and maxRelaunches >= 0");
        }
    }

    /** The secret is never part of a printed form. */
    @Override
    public String toString() {
        return "FrameworkSettings[name=" + name + ", user=" + user + ", role=" + role + ", principal=" + principal
                + ", secret=" + (secret.isPresent() ? "****" : "none") + ", failoverTimeout=" + failoverTimeout + "]";
    }
}
