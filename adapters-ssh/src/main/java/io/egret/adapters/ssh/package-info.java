/**
 * SSH tunnels, wired by {@link io.egret.adapters.ssh.SshAdapterModule} from an
 * {@link io.egret.adapters.ssh.SshTunnelConfig}. A tunnel is opened only when the target cannot be reached
 * directly: the target is probed first ({@code connection.retry.count} probes of {@code connection.timeout.ms}, a
 * pause of {@code retry.interval.ms} between them); then one SSH session per jump host carries a local port forward
 * per target, bound to the loopback interface, verified by opening a channel to the target through the jump host
 * ({@code verify.count} attempts) before its local end is handed out. Closing a tunnel removes its forward, and the
 * session ends with its last forward.
 *
 * <p>Login uses the configured identity file, or else the user's {@code ~/.ssh/id_ed25519}, {@code id_ecdsa} and
 * {@code id_rsa}, together with the keys of a running ssh-agent ({@code SSH_AUTH_SOCK}). Host keys are checked
 * against {@code known_hosts}; an unknown or changed host key refuses the tunnel unless the operator switched
 * strict checking off.
 */
package io.egret.adapters.ssh;
