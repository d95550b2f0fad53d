/** The JSch implementation of the tunnel port: direct probes, SSH login, forwards and their verification. */
package io.egret.adapters.ssh.tunnel;
