// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.transport;

import dev.edgehog.spi.TransportResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Retry waits: exponential from {@code base} (doubling per retry, capped), with "equal
 * jitter" so many functions retrying at once spread out; and a server's {@code Retry-After}
 * (seconds or an HTTP date) as a lower bound. posthog-node waits a fixed 3 s and ignores
 * {@code Retry-After}; both are worse for a function billed by the millisecond.
 */
public final class Backoff {
    private final Duration base;
    private final Duration max;

    /**
     * @param base the first wait
     * @param max the longest wait
     */
    public Backoff(Duration base, Duration max) {
        this.base = base;
        this.max = max;
    }

    /**
     * @param retry 1 for the first retry, 2 for the second, ...
     * @return how long to wait before it
     */
    public Duration delay(int retry) {
        long baseNanos = base.toNanos();
        if (baseNanos == 0) {
            return Duration.ZERO;
        }
        long full = baseNanos << Math.min(30, retry - 1);
        if (full <= 0 || full > max.toNanos()) {
            full = max.toNanos();
        }
        long half = full / 2;
        return Duration.ofNanos(half + ThreadLocalRandom.current().nextLong(half + 1));
    }

    /** @return the longest wait allowed */
    public Duration max() {
        return max;
    }

    /**
     * @param response a response
     * @param now the current time, for HTTP-date values
     * @return the {@code Retry-After} wait, or null when absent or unreadable
     */
    public static Duration retryAfter(TransportResponse response, ZonedDateTime now) {
        String value = response.header("Retry-After");
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(now, at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }
}
