package io.egret.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class NearMissesTest {
    private static final Set<String> FLAGS =
            Set.of("--dry-run", "--deploy-deactivated", "--timeout", "--verbose_gc", "--verbose", "-h", "--help");

    @Test
    void typosOfTheCommandsOwnFlagsAreNearMisses() {
        assertThat(NearMisses.nearestFlag("--dry-rn", FLAGS)).contains("--dry-run");
        assertThat(NearMisses.nearestFlag("--dryrun", FLAGS)).contains("--dry-run");
        assertThat(NearMisses.nearestFlag("--dry_run", FLAGS)).contains("--dry-run");
        assertThat(NearMisses.nearestFlag("--DRY-RUN", FLAGS)).contains("--dry-run");
        assertThat(NearMisses.nearestFlag("-dry-run", FLAGS)).contains("--dry-run");
        assertThat(NearMisses.nearestFlag("--deploy-deactivate", FLAGS)).contains("--deploy-deactivated");
        assertThat(NearMisses.nearestFlag("--verbose-gc", FLAGS)).contains("--verbose_gc");
        assertThat(NearMisses.nearestFlag("--timeot=5", FLAGS)).contains("--timeout");
    }

    @Test
    void topologyArgumentsAndExactFlagsAreNot() {
        for (String argument : List.of("--name", "foo", "-x", "--flag=v", "--parallelism", "--dry-run", "-h", "2")) {
            assertThat(NearMisses.nearestFlag(argument, FLAGS)).as(argument).isEmpty();
        }
        assertThat(NearMisses.find(List.of("mytopo", "--name", "foo", "--dry-rn"), FLAGS))
                .contains(new NearMisses.NearMiss("--dry-rn", "--dry-run"));
    }
}
