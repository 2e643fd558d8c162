// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.capture;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Formats instants the way posthog-node puts them on the wire.
 *
 * <p>Implementation notes: every event gets a timestamp, so the usual case (whole milliseconds,
 * years 0 to 9999) is formatted by hand into 24 ASCII bytes, which costs a fraction of {@link
 * DateTimeFormatter} and allocates only the string; other instants go through the formatters.
 */
public final class Timestamps {
    private static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    /** 0000-01-01T00:00:00Z and 10000-01-01T00:00:00Z, the range with four-digit years. */
    private static final long MIN_SECOND = -62_167_219_200L;
    private static final long MAX_SECOND = 253_402_300_800L;

    private Timestamps() {}

    /**
     * UTC with exactly three fractional digits ({@code 2024-05-06T07:08:09.123Z}), or with all
     * of them when the instant has sub-millisecond precision.
     *
     * @param instant the instant
     * @return ISO-8601 text
     */
    public static String format(Instant instant) {
        int nano = instant.getNano();
        if (nano % 1_000_000 != 0) {
            return DateTimeFormatter.ISO_INSTANT.format(instant);
        }
        long seconds = instant.getEpochSecond();
        if (seconds < MIN_SECOND || seconds >= MAX_SECOND) {
            return MILLIS.format(instant);
        }
        long days = Math.floorDiv(seconds, 86_400L);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
        // Civil date from days since 1970-01-01 (H. Hinnant, "chrono-compatible low-level date
        // algorithms"): eras of 400 years starting on March 1st.
        long z = days + 719_468L;
        long era = Math.floorDiv(z, 146_097L);
        int dayOfEra = (int) (z - era * 146_097L);
        int yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        int dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        int mp = (5 * dayOfYear + 2) / 153;
        int day = dayOfYear - (153 * mp + 2) / 5 + 1;
        int month = mp < 10 ? mp + 3 : mp - 9;
        int year = (int) (yearOfEra + era * 400) + (month <= 2 ? 1 : 0);

        byte[] b = new byte[24];
        digits(b, 0, year, 4);
        b[4] = '-';
        digits(b, 5, month, 2);
        b[7] = '-';
        digits(b, 8, day, 2);
        b[10] = 'T';
        digits(b, 11, secondOfDay / 3600, 2);
        b[13] = ':';
        digits(b, 14, secondOfDay / 60 % 60, 2);
        b[16] = ':';
        digits(b, 17, secondOfDay % 60, 2);
        b[19] = '.';
        digits(b, 20, nano / 1_000_000, 3);
        b[23] = 'Z';
        return new String(b, StandardCharsets.US_ASCII);
    }

    private static void digits(byte[] b, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            b[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }
}
