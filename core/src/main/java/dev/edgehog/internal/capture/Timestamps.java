// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.capture;

import dev.edgehog.internal.json.WireText;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Formats instants the way posthog-node puts them on the wire: UTC with exactly three
 * fractional digits ({@code 2024-05-06T07:08:09.123Z}), or with all of them when the instant
 * has sub-millisecond precision. The text is written by hand ({@link WireText}); every event
 * and every batch carries one.
 */
public final class Timestamps {
    private Timestamps() {}

    /**
     * @param instant the instant
     * @return ISO-8601 text
     */
    public static String format(Instant instant) {
        return WireText.timestamp(instant);
    }

    /**
     * {@link #format(Instant)} of {@code Instant.ofEpochMilli(epochMillis)}, without creating it.
     *
     * @param epochMillis milliseconds since the epoch
     * @return ISO-8601 text with three fractional digits
     */
    public static String format(long epochMillis) {
        byte[] b = new byte[WireText.MAX_INSTANT_LENGTH];
        int n = WireText.instant(Math.floorDiv(epochMillis, 1000L), (int) Math.floorMod(epochMillis, 1000L) * 1_000_000,
                true, b, 0);
        return n >= 0 ? new String(b, 0, n, StandardCharsets.US_ASCII) : WireText.timestamp(Instant.ofEpochMilli(epochMillis));
    }
}
