// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.dslplatform.json.JsonWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The hand-written texts must be exactly the JDK's {@code toString()} forms. */
class WireTextTest {
    static final long MIN = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    static final long MAX = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();

    static String instantText(Instant i) {
        byte[] out = new byte[WireText.MAX_INSTANT_LENGTH + 3];
        int n = WireText.instant(i.getEpochSecond(), i.getNano(), false, out, 3);
        return n < 0 ? null : new String(out, 3, n, StandardCharsets.US_ASCII);
    }

    @Test
    void writesInstantsAsInstantToStringDoesForEveryFractionPrecision() {
        SplittableRandom random = new SplittableRandom(7);
        int[] nanos = {0, 120_000_000, 123_456_000, 123_456_789, 1, 999_999_999, 1_000, 1_000_000};

        for (int i = 0; i < 50_000; i++) {
            long second = random.nextLong(MIN, MAX + 1);
            int nano = i < nanos.length * 10 ? nanos[i % nanos.length] : random.nextInt(1_000_000_000);
            Instant instant = Instant.ofEpochSecond(second, nano);

            assertThat(instantText(instant)).isEqualTo(instant.toString());
        }
    }

    @Test
    void writesFixedMillisecondsWithThreeFractionDigitsEvenWhenZero() {
        byte[] out = new byte[WireText.MAX_INSTANT_LENGTH];
        Instant instant = Instant.parse("2024-02-29T23:59:59Z");

        int n = WireText.instant(instant.getEpochSecond(), 0, true, out, 0);

        assertThat(new String(out, 0, n, StandardCharsets.US_ASCII)).isEqualTo("2024-02-29T23:59:59.000Z");
    }

    @Test
    void leavesYearsOutsideFourDigitsToTheJdk() {
        assertThat(instantText(Instant.parse("+10000-01-01T00:00:00Z"))).isNull();
        assertThat(instantText(Instant.parse("-0001-12-31T23:59:59Z"))).isNull();
        assertThat(instantText(Instant.parse("0000-01-01T00:00:00Z"))).isEqualTo("0000-01-01T00:00:00Z");
        assertThat(instantText(Instant.parse("9999-12-31T23:59:59.999999999Z"))).isEqualTo("9999-12-31T23:59:59.999999999Z");
    }

    @Test
    void writesUuidsAsUuidToStringDoes() {
        SplittableRandom random = new SplittableRandom(11);
        byte[] out = new byte[WireText.UUID_LENGTH + 2];

        for (int i = 0; i < 10_000; i++) {
            UUID uuid = i == 0 ? new UUID(0, 0) : i == 1 ? new UUID(-1, -1) : new UUID(random.nextLong(), random.nextLong());

            WireText.uuid(uuid, out, 2);

            assertThat(new String(out, 2, WireText.UUID_LENGTH, StandardCharsets.US_ASCII)).isEqualTo(uuid.toString());
        }
    }

    @Test
    void propertyValuesOfTheseTypesAreWrittenAsTheirToStringText() {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("id", UUID.fromString("5b0c9a5e-3f6d-4c2a-9e71-0d8f4b6a2c13"));
        props.put("at", Instant.parse("2026-11-27T10:15:30.250Z"));
        props.put("exact", Instant.parse("2026-11-27T10:15:30Z"));
        props.put("far", Instant.parse("+12026-01-01T00:00:00Z"));
        JsonWriter w = Codecs.newWriter();

        new PropertyWriter().writeMap(w, props);

        assertThat(new String(w.toByteArray(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"5b0c9a5e-3f6d-4c2a-9e71-0d8f4b6a2c13\","
                + "\"at\":\"2026-11-27T10:15:30.250Z\",\"exact\":\"2026-11-27T10:15:30Z\",\"far\":\"+12026-01-01T00:00:00Z\"}");
    }
}
