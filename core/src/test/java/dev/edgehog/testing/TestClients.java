// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.testing;

import dev.edgehog.PostHog;
import dev.edgehog.PostHogOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/** Client builders tuned for fast, deterministic tests. */
public final class TestClients {
    /** A made-up project key; tests assert it never leaks. */
    public static final String PROJECT_KEY = "phc_testProjectKey0000000000000000000000000";
    /** The fixed "now" of {@link #CLOCK}. */
    public static final Instant NOW = Instant.parse("2025-03-14T09:26:53.589Z");
    /** A clock that never moves. */
    public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private TestClients() {}

    /**
     * @param transport the fake server
     * @return a builder with the test key, the transport, the fixed clock and millisecond retries
     */
    public static PostHogOptions.Builder builder(RecordingTransport transport) {
        return PostHog.builder(PROJECT_KEY)
                .transport(transport)
                .clock(CLOCK)
                .retryDelay(Duration.ofMillis(1))
                .maxRetryDelay(Duration.ofMillis(5))
                .requestTimeout(Duration.ofSeconds(2))
                .flushTimeout(Duration.ofSeconds(5));
    }
}
