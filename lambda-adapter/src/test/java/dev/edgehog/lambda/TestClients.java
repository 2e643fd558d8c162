// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.lambda;

import dev.edgehog.PostHog;
import java.time.Duration;
import java.util.Map;

/** Clients for unit tests: Lambda defaults from {@link PostHogLambda#optionsFromEnvironment}, a recording transport. */
final class TestClients {
    private TestClients() {}

    static PostHog lambdaClient(RecordingTransport transport) {
        return PostHogLambda.optionsFromEnvironment(Map.of("POSTHOG_API_KEY", "phc_unit_test", "POSTHOG_HOST",
                        "http://127.0.0.1:9"))
                .transport(transport)
                .retryDelay(Duration.ofMillis(1))
                .maxRetryDelay(Duration.ofMillis(2))
                .build();
    }
}
