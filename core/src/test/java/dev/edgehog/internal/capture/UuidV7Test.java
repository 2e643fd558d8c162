// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The event-id generator. */
class UuidV7Test {
    private static final long MILLIS = 1_741_944_413_589L;

    @Test
    void generatesVersion7WithTheRfcVariant() {
        UUID uuid = new UuidV7().next(MILLIS);

        assertThat(uuid.version()).isEqualTo(7);
        assertThat(uuid.variant()).isEqualTo(2);
    }

    @Test
    void embedsTheMillisecondsInTheFirst48Bits() {
        UUID uuid = new UuidV7().next(MILLIS);

        assertThat(uuid.getMostSignificantBits() >>> 16).isEqualTo(MILLIS);
        assertThat(uuid.toString()).startsWith("019593fa-5d95");
    }

    @Test
    void generatesUniqueIdsAcross100kCallsInTheSameMillisecond() {
        UuidV7 generator = new UuidV7();
        Set<UUID> seen = new HashSet<>();

        for (int i = 0; i < 100_000; i++) {
            UUID uuid = generator.next(MILLIS);
            assertThat(uuid.version()).isEqualTo(7);
            seen.add(uuid);
        }

        assertThat(seen).hasSize(100_000);
    }

    @Test
    void twoGeneratorsDoNotRepeatEachOther() {
        UuidV7 a = new UuidV7();
        UuidV7 b = new UuidV7();

        assertThat(a.next(MILLIS)).isNotEqualTo(b.next(MILLIS));
    }

    @Test
    void sameSeedGivesTheSameSequenceAndReseedingChangesIt() {
        long[] seeds = {42L, 42L, 7L};
        int[] next = {0};
        UuidV7 a = new UuidV7(() -> seeds[next[0]++]);
        UuidV7 b = new UuidV7(() -> seeds[next[0]++]);

        UUID first = a.next(MILLIS);
        assertThat(b.next(MILLIS)).isEqualTo(first);
        a.reseed();

        assertThat(a.next(MILLIS)).isNotEqualTo(b.next(MILLIS));
    }

    @Test
    void acceptsCanonicalUuidTextInEitherCase() {
        assertThat(UuidV7.isValid("0195938e-2f35-7a11-9c3e-5d1f00c0ffee")).isTrue();
        assertThat(UuidV7.isValid("0195938E-2F35-7A11-9C3E-5D1F00C0FFEE")).isTrue();
    }

    @Test
    void rejectsMalformedUuidText() {
        assertThat(UuidV7.isValid(null)).isFalse();
        assertThat(UuidV7.isValid("")).isFalse();
        assertThat(UuidV7.isValid("0195938e2f357a119c3e5d1f00c0ffee")).isFalse();
        assertThat(UuidV7.isValid("0195938e-2f35-7a11-9c3e-5d1f00c0ffe")).isFalse();
        assertThat(UuidV7.isValid("0195938g-2f35-7a11-9c3e-5d1f00c0ffee")).isFalse();
        assertThat(UuidV7.isValid("{0195938e-2f35-7a11-9c3e-5d1f00c0ffee}")).isFalse();
    }
}
