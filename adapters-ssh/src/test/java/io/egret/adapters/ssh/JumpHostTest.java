package io.egret.adapters.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class JumpHostTest {
    @Test
    void readsUserHostAndPort() {
        assertThat(JumpHost.parse("centos@bastion.example.com:2222", "me"))
                .contains(new JumpHost("centos", "bastion.example.com", 2222));
        assertThat(JumpHost.parse(" centos@10.0.0.5 ", "me")).contains(new JumpHost("centos", "10.0.0.5", 22));
        assertThat(JumpHost.parse("bastion", "me")).contains(new JumpHost("me", "bastion", 22));
        assertThat(JumpHost.parse("ops@[fd00::1]:22", "me")).contains(new JumpHost("ops", "fd00::1", 22));
    }

    @Test
    void refusesWhatIsNotUserAtHost() {
        // The DC/OS guide's placeholder, copied without filling it in.
        assertThat(JumpHost.parse("centos@<host>", "me")).isEmpty();
        assertThat(JumpHost.parse("centos@host:0", "me")).isEmpty();
        assertThat(JumpHost.parse("centos@host:70000", "me")).isEmpty();
        assertThat(JumpHost.parse("@host", "me")).isEmpty();
        assertThat(JumpHost.parse("", "me")).isEmpty();
    }

    @Test
    void printsAsWritten() {
        assertThat(new JumpHost("centos", "bastion", 22)).hasToString("centos@bastion");
        assertThat(new JumpHost("ops", "fd00::1", 2200)).hasToString("ops@[fd00::1]:2200");
    }
}
