// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.json;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * The ASCII text of instants and UUIDs, written by hand into a byte array: every event carries
 * a timestamp and a uuid, and properties often hold more, so producing them through {@link
 * DateTimeFormatter} or an intermediate {@code String} showed up in the capture benchmark.
 *
 * <p>The output is exactly {@link Instant#toString()} (or the fixed-millisecond form PostHog
 * timestamps use) and {@link UUID#toString()}. Years outside 0 to 9999 are left to the JDK.
 */
public final class WireText {
    /** The longest instant text: {@code 2024-05-06T07:08:09.123456789Z}. */
    public static final int MAX_INSTANT_LENGTH = 30;
    /** The length of a UUID's text. */
    public static final int UUID_LENGTH = 36;

    private static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final long MIN_SECOND = -62_167_219_200L; // 0000-01-01T00:00:00Z
    private static final long MAX_SECOND = 253_402_300_800L; // 10000-01-01T00:00:00Z
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private WireText() {}

    /**
     * Writes a PostHog timestamp: UTC with exactly three fraction digits when the instant is a
     * whole millisecond ({@code 2024-05-06T07:08:09.120Z}, as posthog-node's Date prints),
     * otherwise with all of them ({@link Instant#toString()}).
     *
     * @param instant the instant
     * @param out at least {@code at +} {@link #MAX_INSTANT_LENGTH} bytes
     * @param at where to start
     * @return the length written, or -1 (nothing written) when the year is outside 0 to 9999
     */
    public static int timestamp(Instant instant, byte[] out, int at) {
        int nano = instant.getNano();
        return instant(instant.getEpochSecond(), nano, nano % 1_000_000 == 0, out, at);
    }

    /**
     * {@link #timestamp(Instant, byte[], int)} as a string, for any instant.
     *
     * @param instant the instant
     * @return the text
     */
    public static String timestamp(Instant instant) {
        byte[] b = new byte[MAX_INSTANT_LENGTH];
        int n = timestamp(instant, b, 0);
        if (n >= 0) {
            return new String(b, 0, n, StandardCharsets.US_ASCII);
        }
        return instant.getNano() % 1_000_000 == 0 ? MILLIS.format(instant) : DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    /**
     * Writes an instant as ISO-8601 UTC text.
     *
     * @param epochSecond the instant's epoch second
     * @param nano its nanosecond of the second
     * @param fixedMillis true for exactly three fraction digits (the nanoseconds must then be whole
     *     milliseconds); false for {@link Instant#toString()}'s form (none, 3, 6 or 9 digits)
     * @param out at least {@code at +} {@link #MAX_INSTANT_LENGTH} bytes
     * @param at where to start
     * @return the length written, or -1 (nothing written) when the year is outside 0 to 9999
     */
    public static int instant(long epochSecond, int nano, boolean fixedMillis, byte[] out, int at) {
        if (epochSecond < MIN_SECOND || epochSecond >= MAX_SECOND) {
            return -1;
        }
        long days = Math.floorDiv(epochSecond, 86_400L);
        int secondOfDay = (int) Math.floorMod(epochSecond, 86_400L);
        // Civil date from days since 1970-01-01 (H. Hinnant, "chrono-compatible low-level date
        // algorithms"): eras of 400 years, each year starting on March 1st.
        long z = days + 719_468L;
        long era = Math.floorDiv(z, 146_097L);
        int dayOfEra = (int) (z - era * 146_097L);
        int yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        int dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        int mp = (5 * dayOfYear + 2) / 153;
        int day = dayOfYear - (153 * mp + 2) / 5 + 1;
        int month = mp < 10 ? mp + 3 : mp - 9;
        int year = (int) (yearOfEra + era * 400) + (month <= 2 ? 1 : 0);

        digits(out, at, year, 4);
        out[at + 4] = '-';
        digits(out, at + 5, month, 2);
        out[at + 7] = '-';
        digits(out, at + 8, day, 2);
        out[at + 10] = 'T';
        digits(out, at + 11, secondOfDay / 3600, 2);
        out[at + 13] = ':';
        digits(out, at + 14, secondOfDay / 60 % 60, 2);
        out[at + 16] = ':';
        digits(out, at + 17, secondOfDay % 60, 2);
        int p = at + 19;
        if (fixedMillis || nano != 0) {
            out[p++] = '.';
            if (fixedMillis || nano % 1_000_000 == 0) {
                digits(out, p, nano / 1_000_000, 3);
                p += 3;
            } else if (nano % 1000 == 0) {
                digits(out, p, nano / 1000, 6);
                p += 6;
            } else {
                digits(out, p, nano, 9);
                p += 9;
            }
        }
        out[p++] = 'Z';
        return p - at;
    }

    /**
     * Writes a UUID's text (lower-case hex, 8-4-4-4-12).
     *
     * @param uuid the UUID
     * @param out at least {@code at +} {@link #UUID_LENGTH} bytes
     * @param at where to start
     */
    public static void uuid(UUID uuid, byte[] out, int at) {
        long msb = uuid.getMostSignificantBits();
        long lsb = uuid.getLeastSignificantBits();
        hex(out, at, msb >>> 32, 8);
        out[at + 8] = '-';
        hex(out, at + 9, msb >>> 16, 4);
        out[at + 13] = '-';
        hex(out, at + 14, msb, 4);
        out[at + 18] = '-';
        hex(out, at + 19, lsb >>> 48, 4);
        out[at + 23] = '-';
        hex(out, at + 24, lsb, 12);
    }

    /**
     * Writes a double that has at most three decimals and is below 10,000 in magnitude, such as
     * {@code 12.5} or {@code -0.15}, exactly as DSL-JSON's {@code NumberConverter} writes it
     * (checked for every such value), without its general shortest-digits algorithm.
     *
     * @param d a finite double that is not a whole number
     * @param out at least {@code at + 9} bytes
     * @param at where to start
     * @return the length written, or -1 (nothing written) for any other double
     */
    public static int shortDecimal(double d, byte[] out, int at) {
        double a = Math.abs(d);
        if (!(a < 10_000)) {
            return -1;
        }
        long thousandths = Math.round(a * 1000);
        if (thousandths / 1000.0 != a || thousandths % 1000 == 0) {
            return -1;
        }
        int p = at;
        if (d < 0) {
            out[p++] = '-';
        }
        int whole = (int) (thousandths / 1000);
        int width = whole >= 1000 ? 4 : whole >= 100 ? 3 : whole >= 10 ? 2 : 1;
        digits(out, p, whole, width);
        p += width;
        out[p++] = '.';
        int fraction = (int) (thousandths % 1000);
        int decimals = fraction % 100 != 0 ? fraction % 10 != 0 ? 3 : 2 : 1;
        digits(out, p, decimals == 3 ? fraction : decimals == 2 ? fraction / 10 : fraction / 100, decimals);
        return p + decimals - at;
    }

    private static void digits(byte[] b, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            b[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    private static void hex(byte[] b, int at, long value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            b[i] = HEX[(int) (value & 0xF)];
            value >>>= 4;
        }
    }
}
