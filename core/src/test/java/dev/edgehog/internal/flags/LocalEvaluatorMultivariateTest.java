// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.flags;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edgehog.flags.FlagContext;
import dev.edgehog.flags.FlagReason;
import dev.edgehog.flags.FlagResult;
import dev.edgehog.flags.FlagValue;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Variants, condition-level overrides, payloads, holdouts, early exit, device bucketing,
 * continuity and inactive flags; see {@link Scenarios}.
 */
class LocalEvaluatorMultivariateTest {
    private final LocalEvaluator evaluator = Scenarios.EVALUATOR;

    @Test
    void aConditionVariantOverrideWins() { // request 0
        FlagResult r = evaluator.evaluate("checkout-v2", Scenarios.person("user_123", "plan", "team"));

        assertThat(r.value()).isEqualTo(FlagValue.variant("treatment"));
        assertThat(r.payload()).isEqualTo(Map.of("cta", "Buy now"));
    }

    @Test
    void outOfRolloutIsOffWithoutPayload() { // request 1
        FlagResult r = evaluator.evaluate("checkout-v2", Scenarios.person("user_123", "plan", "free"));

        assertThat(r.value()).isEqualTo(FlagValue.OFF);
        assertThat(r.payload()).isNull();
        assertThat(r.reason().code()).isEqualTo(FlagReason.Code.OUT_OF_ROLLOUT);
        assertThat(r.reason().conditionIndex()).isEqualTo(1);
    }

    @Test
    void theVariantHashPicksTheVariant() { // requests 2 and 3
        FlagResult withPlan = evaluator.evaluate("checkout-v2", Scenarios.person("user_789", "plan", "free"));
        FlagResult noProperties = evaluator.evaluate("checkout-v2", FlagContext.of("user_789"));

        assertThat(withPlan.value()).isEqualTo(FlagValue.variant("treatment"));
        assertThat(noProperties.value()).isEqualTo(FlagValue.variant("treatment"));
        assertThat(noProperties.reason().conditionIndex()).isEqualTo(1);
    }

    @Test
    void givesThePayloadOfAValueWithoutEvaluating() { // flags.md §19, last row; request 4 for "control"
        assertThat(evaluator.payload("checkout-v2", FlagValue.variant("control"))).isEqualTo(Map.of("cta", "Buy"));
        assertThat(evaluator.payload("checkout-v2", FlagValue.OFF)).isNull();
    }

    @Test
    void aPayloadThatIsNotJsonIsTheRawString() { // request 0
        assertThat(evaluator.evaluate("payload-bool", FlagContext.of("u")).payload()).isEqualTo("not json {");
    }

    @Test
    void aFullHoldoutGivesTheHoldoutVariant() { // request 0
        FlagResult r = evaluator.evaluate("holdout-flag", FlagContext.of("user_123"));

        assertThat(r.value()).isEqualTo(FlagValue.variant("holdout-7"));
        assertThat(r.payload()).isEqualTo(Map.of("held", true));
        assertThat(r.reason().code()).isEqualTo(FlagReason.Code.HOLDOUT);
    }

    @Test
    void earlyExitStopsAtTheFirstOutOfRolloutCondition() { // requests 4 and 5
        assertThat(evaluator.evaluate("early-exit-flag", Scenarios.person("u1", "region", "EU")).value())
                .isEqualTo(FlagValue.OFF);
        assertThat(evaluator.evaluate("early-exit-flag", Scenarios.person("u1", "region", "US")).value())
                .isEqualTo(FlagValue.ON);
    }

    @Test
    void deviceBucketingNeedsTheDeviceId() { // requests 0 and 15
        assertThat(evaluator.evaluate("device-bucketed", FlagContext.of("u1")).value()).isEqualTo(FlagValue.UNKNOWN);
        assertThat(evaluator.evaluate("device-bucketed", Scenarios.person("u1", "$device_id", "device-abc")).value())
                .isEqualTo(FlagValue.ON);
    }

    @Test
    void experienceContinuityIsLeftToTheServerUnlessTheFlagIsInactive() { // every request
        FlagResult continuity = evaluator.evaluate("continuity", FlagContext.of("u1"));
        FlagResult inactive = evaluator.evaluate("inactive", FlagContext.of("u1"));

        assertThat(continuity.value()).isEqualTo(FlagValue.UNKNOWN);
        assertThat(continuity.reason().code()).isEqualTo(FlagReason.Code.EXPERIENCE_CONTINUITY);
        assertThat(inactive.value()).isEqualTo(FlagValue.OFF);
        assertThat(inactive.reason().code()).isEqualTo(FlagReason.Code.FLAG_INACTIVE);
    }

    @Test
    void allFlagsHoldsExactlyTheDecidedFlagsAndTruthyPayloads() { // request 0
        LocalEvaluator.AllFlags all = evaluator.evaluateAll(Scenarios.person("user_123", "plan", "team"));

        assertThat(all.flags()).containsOnlyKeys("company-beta", "inactive", "holdout-flag", "checkout-v2",
                "payload-bool", "early-exit-flag", "two-conditions");
        assertThat(all.payloads()).containsOnlyKeys("holdout-flag", "checkout-v2", "payload-bool");
        assertThat(all.hasUndecided()).isTrue();
    }
}
