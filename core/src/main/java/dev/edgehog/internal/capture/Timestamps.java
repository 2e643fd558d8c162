// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.capture;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Formats instants the way posthog-node puts them on the wire. */
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
        if (instant.getNano() % 1_000_000 != 0) {
            return DateTimeFormatter.ISO_INSTANT.format(instant);
        }
        return MILLIS.format(instant);
    }
}
