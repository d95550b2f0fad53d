package io.egret.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

final class TestTimeTest {
    private final String before = System.getProperty(TestTime.FACTOR_PROPERTY);

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(TestTime.FACTOR_PROPERTY);
        } else {
            System.setProperty(TestTime.FACTOR_PROPERTY, before);
        }
    }

    @Test
    void theFactorMultipliesEveryDeadline() {
        System.setProperty(TestTime.FACTOR_PROPERTY, "2.5");
        assertThat(TestTime.scaled(Duration.ofSeconds(4))).isEqualTo(Duration.ofSeconds(10));
        assertThat(TestTime.scaledSeconds(3)).isEqualTo(8);
    }

    @Test
    void aFactorThatIsNotAPositiveNumberIsRefused() {
        System.setProperty(TestTime.FACTOR_PROPERTY, "-1");
        assertThatThrownBy(TestTime::factor).hasMessageContaining("positive number, got -1");
        System.setProperty(TestTime.FACTOR_PROPERTY, "fast");
        assertThatThrownBy(TestTime::factor).hasMessageContaining("positive number, got fast");
    }

    @Test
    void awaitReturnsTheFirstValueAndFailsNamingTheConditionAtTheDeadline() throws Exception {
        System.setProperty(TestTime.FACTOR_PROPERTY, "1");
        AtomicInteger polls = new AtomicInteger();
        assertThat(TestTime.awaitValue(
                        "third poll",
                        Duration.ofSeconds(10),
                        () -> polls.incrementAndGet() == 3 ? Optional.of("x") : Optional.empty()))
                .isEqualTo("x");
        assertThatThrownBy(() -> TestTime.await("never", Duration.ofMillis(100), () -> false))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("never: not reached within 100 ms");
    }
}
