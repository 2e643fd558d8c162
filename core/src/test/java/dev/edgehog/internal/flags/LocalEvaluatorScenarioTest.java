// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.flags;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * End-to-end scenarios (flags.md §19 plus a holdout flag), checked against answers recorded
 * from posthog-node 5.70.0's public API ({@code getAllFlagsAndPayloads} and
 * {@code getFeatureFlagResult} with {@code onlyEvaluateLocally}) by core/src/test/node/run-cases.js.
 */
class LocalEvaluatorScenarioTest {
    @Test
    @SuppressWarnings("unchecked")
    void matchesPosthogNodeOnEveryScenario() {
        String definitions = TestJson.fixture("scenarios-definitions.json");
        List<Object> requests = (List<Object>) TestJson.parse(TestJson.fixture("scenarios-requests.json"));
        List<Object> answers = TestJson.lines(TestJson.fixture("scenarios-posthog-node-5.70.0.jsonl"));

        List<String> mismatches = ConformanceCheck.compare("scenarios", definitions, requests, answers, Clock.systemUTC());

        assertThat(mismatches).isEmpty();
    }
}
