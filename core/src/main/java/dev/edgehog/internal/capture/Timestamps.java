// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.capture;

import dev.edgehog.internal.json.WireText;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Formats instants the way posthog-node puts them on the wire.
 *
 * <p>Implementation notes: every event gets a timestamp, so the usual case (whole milliseconds,
 * years 0 to 9999) is written by hand ({@link WireText}), which costs a fraction of {@link
 * DateTimeFormatter}; other instants go through the formatters.
 */
public final class Timestamps {
    private static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

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
        String text = millis(instant.getEpochSecond(), nano);
        return text != null ? text : MILLIS.format(instant);
    }

    /**
     * {@link #format(Instant)} of {@code Instant.ofEpochMilli(epochMillis)}, without creating it.
     *
     * @param epochMillis milliseconds since the epoch
     * @return ISO-8601 text with three fractional digits
     */
    public static String format(long epochMillis) {
        String text = millis(Math.floorDiv(epochMillis, 1000L), (int) Math.floorMod(epochMillis, 1000L) * 1_000_000);
        return text != null ? text : MILLIS.format(Instant.ofEpochMilli(epochMillis));
    }

    private static String millis(long epochSecond, int nano) {
        byte[] b = new byte[WireText.MAX_INSTANT_LENGTH];
        int n = WireText.instant(epochSecond, nano, true, b, 0);
        return n < 0 ? null : new String(b, 0, n, StandardCharsets.US_ASCII);
    }
}
