package io.egret.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

final class FieldsTest {

    @Test
    void findsFieldPositions() {
        Fields fields = new Fields("word", "count");

        assertThat(fields.fieldIndex("count")).isEqualTo(1);
        assertThat(fields.contains("word")).isTrue();
        assertThat(fields.toList()).containsExactly("word", "count");
        assertThatThrownBy(() -> fields.fieldIndex("other")).hasMessageContaining("no field 'other'");
    }

    @Test
    void refusesDuplicateNames() {
        assertThatThrownBy(() -> new Fields("word", "word")).hasMessageContaining("declared twice");
    }

    @Test
    void valuesKeepOrder() {
        assertThat(new Values("a", 1L, null)).containsExactly("a", 1L, null);
    }
}
