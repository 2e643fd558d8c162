// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.flags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The public value and context types. */
class FlagValueTest {
    @Test
    void keepsUnknownApartFromOff() {
        assertThat(FlagValue.UNKNOWN).isNotEqualTo(FlagValue.OFF);
        assertThat(FlagValue.UNKNOWN.isKnown()).isFalse();
        assertThat(FlagValue.OFF.isKnown()).isTrue();
        assertThat(FlagValue.OFF.isEnabled()).isFalse();
    }

    @Test
    void variantsAreEnabledAndCarryTheirKey() {
        FlagValue v = FlagValue.variant("control");

        assertThat(v.isEnabled()).isTrue();
        assertThat(v.variant()).contains("control");
        assertThat(v).isEqualTo(FlagValue.variant("control"));
        assertThat(v.toJsonValue()).isEqualTo("control");
        assertThat(FlagValue.ON.toJsonValue()).isEqualTo(true);
        assertThat(FlagValue.UNKNOWN.toJsonValue()).isNull();
    }

    @Test
    void rejectsAnEmptyVariantKey() {
        assertThatThrownBy(() -> FlagValue.variant("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void contextKeepsNullPropertiesAndCopiesItsInput() {
        Map<String, Object> props = new HashMap<>();
        props.put("plan", null);

        FlagContext ctx = FlagContext.builder("u1").personProperties(props).group("company", "acme").build();
        props.put("late", 1);

        assertThat(ctx.personProperties()).containsEntry("plan", null).doesNotContainKey("late");
        assertThat(ctx.groups()).containsEntry("company", "acme");
    }
}
