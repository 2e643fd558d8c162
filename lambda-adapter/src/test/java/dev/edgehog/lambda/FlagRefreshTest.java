// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edgehog.PostHog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Stale flag definitions are refreshed at the start of an invocation, within its budget. */
class FlagRefreshTest {
    private final RecordingTransport transport = new RecordingTransport();
    private Instant now = Instant.parse("2026-11-27T12:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    };
    private final PostHog posthog = PostHogLambda.optionsFromEnvironment(Map.of("POSTHOG_API_KEY", "phc_unit_test",
                    "POSTHOG_HOST", "http://127.0.0.1:9", "POSTHOG_PERSONAL_API_KEY", "phx_unit_test"))
            .transport(transport)
            .clock(clock)
            .flagDefinitionsCacheEnabled(false)
            .flagDefinitionsResourceEnabled(false)
            .build();
    private final PostHogLambda lambda = PostHogLambda.builder(posthog).snapStart(false).build();
    private final FakeLambdaContext context = new FakeLambdaContext("req-1");

    private List<String> definitionRequests() {
        List<String> paths = new ArrayList<>();
        transport.requests.forEach(r -> {
            if (r.uri().getPath().equals("/flags/definitions")) {
                paths.add(r.uri().getPath());
            }
        });
        return paths;
    }

    @Test
    void staleDefinitionsAreRequestedBeforeTheHandlerRuns() {
        int seenByHandler = lambda.invoke(context, () -> definitionRequests().size());

        assertThat(seenByHandler).isEqualTo(1);
    }

    @Test
    void freshDefinitionsCauseNoRequestUntilThePollingIntervalPasses() {
        lambda.invoke(context, () -> "first");
        lambda.invoke(context, () -> "second, still fresh");
        int whileFresh = definitionRequests().size();
        now = now.plus(posthog.options().featureFlagsPollingInterval()).plusSeconds(1);

        lambda.invoke(context, () -> "third, stale");

        assertThat(whileFresh).isEqualTo(1);
        assertThat(definitionRequests()).hasSize(2);
    }

    @Test
    void noRefreshIsTriedWhenTheInvocationHasNoTimeLeftBeyondTheSafetyMargin() {
        context.remainingTime(Duration.ofMillis(100));

        lambda.invoke(context, () -> "hurry");

        assertThat(definitionRequests()).isEmpty();
    }
}
