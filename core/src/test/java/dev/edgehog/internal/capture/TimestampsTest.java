// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimestampsTest {
    static final DateTimeFormatter JDK_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @Test
    void writesWholeMillisecondsWithThreeFractionDigits() {
        Instant instant = Instant.parse("2024-05-06T07:08:09.120Z");

        String text = Timestamps.format(instant);

        assertThat(text).isEqualTo("2024-05-06T07:08:09.120Z");
    }

    @Test
    void matchesTheJdkFormatterOnCalendarEdges() {
        String[] edges = {"1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999Z", "2000-02-29T12:00:00.001Z",
            "1900-02-28T23:59:59Z", "1900-03-01T00:00:00Z", "2100-03-01T00:00:00Z", "2024-12-31T23:59:59.999Z",
            "0000-01-01T00:00:00Z", "0001-03-01T00:00:00Z", "9999-12-31T23:59:59.999Z", "1582-10-15T00:00:00Z"};

        for (String edge : edges) {
            Instant instant = Instant.parse(edge);

            assertThat(Timestamps.format(instant)).as(edge).isEqualTo(JDK_MILLIS.format(instant));
        }
    }

    @Test
    void matchesTheJdkFormatterOnRandomMillisecondInstants() {
        SplittableRandom random = new SplittableRandom(20261127);
        long min = Instant.parse("0000-01-01T00:00:00Z").toEpochMilli();
        long max = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();

        for (int i = 0; i < 100_000; i++) {
            Instant instant = Instant.ofEpochMilli(random.nextLong(min, max + 1));

            assertThat(Timestamps.format(instant)).isEqualTo(JDK_MILLIS.format(instant));
        }
    }

    @Test
    void formatsEpochMillisecondsAsTheInstantTheyDenote() {
        SplittableRandom random = new SplittableRandom(1127);

        for (int i = 0; i < 10_000; i++) {
            long millis = random.nextLong(-62_167_219_200_000L - 5_000, 253_402_300_800_000L + 5_000);

            assertThat(Timestamps.format(millis)).isEqualTo(Timestamps.format(Instant.ofEpochMilli(millis)));
        }
        assertThat(Timestamps.format(-1L)).isEqualTo("1969-12-31T23:59:59.999Z");
    }

    @Test
    void keepsEveryDigitOfSubMillisecondInstants() {
        Instant instant = Instant.parse("2024-05-06T07:08:09.123456Z");

        String text = Timestamps.format(instant);

        assertThat(text).isEqualTo("2024-05-06T07:08:09.123456Z");
    }

    @Test
    void writesYearsOutsideFourDigitsAsTheJdkDoes() {
        Instant late = Instant.parse("+10000-01-01T00:00:00Z");
        Instant early = Instant.parse("-0001-12-31T23:59:59.500Z");

        assertThat(Timestamps.format(late)).isEqualTo("+10000-01-01T00:00:00.000Z");
        assertThat(Timestamps.format(early)).isEqualTo("-0001-12-31T23:59:59.500Z");
    }
}
