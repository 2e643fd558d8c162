// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.gcf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edgehog.PostHog;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Stale flag definitions are refreshed at the start of an invocation, fresh ones are not. */
class FlagRefreshTest {
    private final RecordingTransport transport = new RecordingTransport();
    private final PostHog posthog = PostHogGcf.optionsFromEnvironment(Map.of("POSTHOG_API_KEY", "phc_unit_test",
                    "POSTHOG_HOST", "http://127.0.0.1:9", "POSTHOG_PERSONAL_API_KEY", "phx_unit_test"))
            .transport(transport)
            .flagDefinitionsCacheEnabled(false)
            .flagDefinitionsResourceEnabled(false)
            .build();

    private long definitionRequests() {
        return transport.requests().stream()
                .filter(r -> r.request().uri().getPath().equals("/flags/definitions"))
                .count();
    }

    @Test
    void definitionsAreRequestedBeforeTheFunctionRunsAndNotAgainWhileFresh() {
        long seenByFirst = PostHogGcf.withFlush(posthog, this::definitionRequests);
        long seenBySecond = PostHogGcf.withFlush(posthog, this::definitionRequests);

        assertThat(seenByFirst).isEqualTo(1);
        assertThat(seenBySecond).isEqualTo(1);
    }
}
