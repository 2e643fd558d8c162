// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.dslplatform.json.JsonWriter;
import com.dslplatform.json.NumberConverter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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

    static String dslJson(double d) {
        JsonWriter w = Codecs.newWriter();
        NumberConverter.serialize(d, w);
        return new String(w.toByteArray(), StandardCharsets.US_ASCII);
    }

    static String shortDecimal(double d) {
        byte[] out = new byte[12];
        int n = WireText.shortDecimal(d, out, 1);
        return n < 0 ? null : new String(out, 1, n, StandardCharsets.US_ASCII);
    }

    @Test
    void writesEveryShortDecimalBelowAHundredAsDslJsonDoes() {
        // Every value the fast path takes below 100. All of them up to 10,000 were compared once;
        // that takes too long for the suite, so the next test samples the rest.
        List<String> mismatches = new ArrayList<>();
        for (long thousandths = 1; thousandths < 100_000; thousandths++) {
            double d = thousandths / 1000.0;
            String expected = thousandths % 1000 == 0 ? null : dslJson(d);

            String actual = shortDecimal(d);

            if (!Objects.equals(actual, expected)) {
                mismatches.add(d + ": " + actual + " instead of " + expected);
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void writesSampledShortDecimalsOfEitherSignAsDslJsonDoes() {
        SplittableRandom random = new SplittableRandom(3);
        List<String> mismatches = new ArrayList<>();

        for (int i = 0; i < 50_000; i++) {
            long thousandths = random.nextLong(1, 10_000_000);
            double d = (random.nextBoolean() ? -1 : 1) * (thousandths / 1000.0);
            String expected = thousandths % 1000 == 0 ? null : dslJson(d);

            String actual = shortDecimal(d);

            if (!Objects.equals(actual, expected)) {
                mismatches.add(d + ": " + actual + " instead of " + expected);
            }
        }
        assertThat(mismatches).isEmpty();
        assertThat(shortDecimal(1299.5)).isEqualTo("1299.5");
        assertThat(shortDecimal(-0.15)).isEqualTo("-0.15");
    }

    @Test
    void leavesEveryOtherDoubleToDslJson() {
        double[] others = {0.0001, 0.1 + 0.2, 10_000.5, -10_000.25, 1e-7, Math.PI, 3.0, 0.0, -0.0, 1e300, Double.MIN_VALUE};

        for (double d : others) {
            assertThat(shortDecimal(d)).as("%s", d).isNull();
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
