// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.flags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edgehog.flags.FlagContext;
import dev.edgehog.flags.FlagReason;
import dev.edgehog.flags.FlagResult;
import dev.edgehog.flags.FlagValue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Documents that cannot be used at all, and single malformed flags that must not hurt the others. */
class LocalEvaluatorMalformedDefinitionsTest {
    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "{\"flags\": [", "[]", "42", "{\"cohorts\": {}}", "{\"flags\": {}}",
            "{\"flags\": []} trailing"})
    void rejectsADocumentThatIsNotADefinitionsObject(String text) {
        assertThatThrownBy(() -> FlagDefinitions.parse(text))
                .isInstanceOf(FlagDefinitionsException.class)
                .hasMessageStartingWith("definitions:");
    }

    @Test
    void exposesFlagMetadataForTheClient() throws Exception {
        FlagDefinitions defs = FlagDefinitions.parse(
                "{\"flags\": [{\"id\": 812, \"key\": \"f\", \"active\": true, \"has_experiment\": true}],"
                        + " \"minimal_flag_called_events\": true}");

        assertThat(defs.info("f")).contains(new FlagDefinitions.FlagInfo("f", 812L, true, true));
        assertThat(defs.info("g")).isEmpty();
        assertThat(defs.minimalFlagCalledEvents()).isTrue();
    }

    @Test
    void acceptsNullFlagsAsEmpty() throws Exception {
        assertThat(FlagDefinitions.parse("{\"flags\": null}").size()).isZero();
    }

    @Test
    void aMalformedFlagIsUndecidedAndTheOthersStillWork() {
        LocalEvaluator evaluator = TestFlags.evaluator("""
                {"flags": [
                  {"key": "broken", "active": true, "filters": {"groups": {"not": "an array"}}},
                  {"key": "bad-variants", "active": true, "filters": {"groups": [{"rollout_percentage": 100}],
                    "multivariate": {"variants": [{"key": 7, "rollout_percentage": 100}]}}},
                  17,
                  {"key": "fine", "active": true, "filters": {"groups": [{"properties": [], "rollout_percentage": 100}]}}
                ]}""");
        FlagContext ctx = FlagContext.of("u1");

        FlagResult broken = evaluator.evaluate("broken", ctx);
        FlagResult badVariants = evaluator.evaluate("bad-variants", ctx);
        LocalEvaluator.AllFlags all = evaluator.evaluateAll(ctx);

        assertThat(broken.value()).isEqualTo(FlagValue.UNKNOWN);
        assertThat(broken.reason().code()).isEqualTo(FlagReason.Code.MALFORMED_DEFINITION);
        assertThat(badVariants.reason().code()).isEqualTo(FlagReason.Code.MALFORMED_DEFINITION);
        assertThat(all.flags()).containsOnlyKeys("fine");
        assertThat(all.flags().get("fine")).isEqualTo(FlagValue.ON);
    }

    @Test
    void aMalformedCohortOnlyAffectsFlagsThatReachIt() {
        LocalEvaluator evaluator = TestFlags.evaluator("""
                {"flags": [
                  {"key": "uses-cohort", "active": true, "filters": {"groups": [
                    {"properties": [{"key": "id", "type": "cohort", "value": 1}], "rollout_percentage": 100}]}},
                  {"key": "other", "active": true, "filters": {"groups": [{"rollout_percentage": 100}]}}
                ],
                 "cohorts": {"1": {"type": "AND", "values": [null]}}}""");

        FlagResult usesCohort = evaluator.evaluate("uses-cohort", FlagContext.of("u1"));

        assertThat(usesCohort.value()).isEqualTo(FlagValue.UNKNOWN);
        assertThat(usesCohort.reason().code()).isEqualTo(FlagReason.Code.MALFORMED_DEFINITION);
        assertThat(evaluator.evaluate("other", FlagContext.of("u1")).value()).isEqualTo(FlagValue.ON);
    }
}
