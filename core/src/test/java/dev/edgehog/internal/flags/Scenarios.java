// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.flags;

import dev.edgehog.flags.FlagContext;
import java.util.Map;

/**
 * The flags of fixtures/flags/scenarios-definitions.json. Every expected value asserted against
 * them in the per-concern tests is the answer posthog-node 5.70.0 gave for the same request
 * (recorded in scenarios-posthog-node-5.70.0.jsonl; the request index is cited in each test).
 */
final class Scenarios {
    private Scenarios() {}

    static final LocalEvaluator EVALUATOR = TestFlags.evaluator(TestJson.fixture("scenarios-definitions.json"));

    static FlagContext person(String distinctId, Object... keyValues) {
        FlagContext.Builder b = FlagContext.builder(distinctId);
        for (int i = 0; i < keyValues.length; i += 2) {
            b.personProperty((String) keyValues[i], keyValues[i + 1]);
        }
        return b.build();
    }

    static FlagContext company(String key, Map<String, ?> properties) {
        FlagContext.Builder b = FlagContext.builder("u1").group("company", key);
        if (properties != null) {
            b.groupProperties("company", properties);
        }
        return b.build();
    }
}
