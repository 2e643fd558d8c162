// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.flags;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edgehog.flags.FlagContext;
import dev.edgehog.flags.FlagReason;
import dev.edgehog.flags.FlagResult;
import dev.edgehog.flags.FlagValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Rollout and variant selection against the cross-SDK table of flags.md §4.3. */
class LocalEvaluatorRolloutTest {
    private static final String DEFINITIONS = """
            {"flags": [
              {"id": 1, "key": "simple-flag", "active": true,
               "filters": {"groups": [{"properties": [], "rollout_percentage": 45}]}},
              {"id": 2, "key": "multivariate-flag", "active": true,
               "filters": {"groups": [{"properties": [], "rollout_percentage": 55}],
                 "multivariate": {"variants": [
                   {"key": "first-variant", "rollout_percentage": 50},
                   {"key": "second-variant", "rollout_percentage": 20},
                   {"key": "third-variant", "rollout_percentage": 20},
                   {"key": "fourth-variant", "rollout_percentage": 5},
                   {"key": "fifth-variant", "rollout_percentage": 5}]}}}
            ]}""";

    private final LocalEvaluator evaluator = TestFlags.evaluator(DEFINITIONS);

    @ParameterizedTest(name = "{0}: simple={1}, multivariate={2}")
    @CsvSource(textBlock = """
            distinct_id_0,  false, second-variant
            distinct_id_1,  true,  second-variant
            distinct_id_2,  true,  first-variant
            distinct_id_3,  false, false
            distinct_id_4,  true,  false
            distinct_id_5,  false, second-variant
            distinct_id_6,  false, first-variant
            distinct_id_7,  true,  false
            distinct_id_8,  false, false
            distinct_id_9,  true,  false
            distinct_id_10, false, first-variant
            distinct_id_11, true,  third-variant
            """)
    void reproducesTheCrossSdkTable(String id, boolean simple, String multivariate) {
        FlagContext ctx = FlagContext.of(id);

        FlagValue s = evaluator.evaluate("simple-flag", ctx).value();
        FlagValue m = evaluator.evaluate("multivariate-flag", ctx).value();

        assertThat(s).isEqualTo(FlagValue.of(simple));
        assertThat(m).isEqualTo(multivariate.equals("false") ? FlagValue.OFF : FlagValue.variant(multivariate));
    }

    @Test
    void reportsOutOfRolloutWithTheConditionIndex() {
        FlagResult r = evaluator.evaluate("simple-flag", FlagContext.of("distinct_id_0"));

        assertThat(r.reason().code()).isEqualTo(FlagReason.Code.OUT_OF_ROLLOUT);
        assertThat(r.reason().conditionIndex()).isZero();
    }

    @Test
    void reportsTheMatchingCondition() {
        FlagResult r = evaluator.evaluate("simple-flag", FlagContext.of("distinct_id_1"));

        assertThat(r.reason().code()).isEqualTo(FlagReason.Code.CONDITION_MATCH);
        assertThat(r.reason().conditionIndex()).isZero();
    }

    @Test
    void reportsAnUnknownKeyAsNotFound() {
        FlagResult r = evaluator.evaluate("nope", FlagContext.of("u"));

        assertThat(r.value()).isEqualTo(FlagValue.UNKNOWN);
        assertThat(r.reason().code()).isEqualTo(FlagReason.Code.FLAG_NOT_FOUND);
    }
}
