// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.gcf;

import dev.edgehog.PostHog;
import dev.edgehog.PostHogOptions;
import dev.edgehog.SendMode;
import dev.edgehog.spi.Transport;
import java.time.Duration;

/** Clients for unit tests: buffered like the adapter's, recording instead of sending. */
final class TestClients {
    private TestClients() {}

    /** @return options for a buffered client that sends through {@code transport}, uncompressed, without retries */
    static PostHogOptions.Builder buffered(Transport transport) {
        return PostHog.builder("phc_gcf_unit_test")
                .host("http://127.0.0.1:9")
                .sendMode(SendMode.BUFFERED)
                .flushAt(100)
                .gzip(false)
                .maxRetries(0)
                .retryDelay(Duration.ofMillis(1))
                .transport(transport);
    }
}
