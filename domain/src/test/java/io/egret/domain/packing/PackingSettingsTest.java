package io.egret.domain.packing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.egret.domain.resource.ByteAmount;
import io.egret.domain.resource.Resources;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class PackingSettingsTest {
    @Test
    void defaultsAreHeronInstanceDefaultsWithoutSchedulerLimit() {
        PackingSettings settings = PackingSettings.defaults();

        assertThat(settings.instanceDefaults().cpu()).isEqualTo(1.0);
        assertThat(settings.instanceDefaults().ram()).isEqualTo(ByteAmount.ofBytes(1073741824L));
        assertThat(settings.instanceDefaults().disk()).isEqualTo(ByteAmount.ofBytes(1073741824L));
        assertThat(settings.maxContainer()).isEmpty();
    }

    @Test
    void explicitValuesAreKept() {
        Resources instance = new Resources(0.5, ByteAmount.ofMegabytes(512), ByteAmount.ofGigabytes(2));
        Resources max = new Resources(8, ByteAmount.ofGigabytes(16), ByteAmount.ofGigabytes(100));

        PackingSettings settings =
                PackingSettings.defaults().withInstanceDefaults(instance).withMaxContainer(max);

        assertThat(settings).isEqualTo(new PackingSettings(instance, Optional.of(max)));
    }

    @Test
    void refusesEmptyInstanceDefaults() {
        assertThatThrownBy(() -> new PackingSettings(
                        new Resources(0, ByteAmount.ofGigabytes(1), ByteAmount.ofGigabytes(1)), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("instance defaults must be positive");
    }
}
