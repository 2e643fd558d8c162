// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.flags;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edgehog.flags.FlagContext;
import dev.edgehog.flags.FlagReason;
import dev.edgehog.flags.FlagResult;
import dev.edgehog.flags.FlagValue;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Group-aggregated flags and condition-level (mixed) aggregation; see {@link Scenarios}. */
class LocalEvaluatorGroupFlagTest {
    private final LocalEvaluator evaluator = Scenarios.EVALUATOR;

    @Test
    void groupFlagWithoutItsGroupIsOffWithoutAskingTheServer() { // request 0
        FlagResult r = evaluator.evaluate("company-beta", Scenarios.person("user_123", "plan", "team"));

        assertThat(r.value()).isEqualTo(FlagValue.OFF);
        assertThat(r.reason().code()).isEqualTo(FlagReason.Code.NO_GROUP);
    }

    @Test
    void groupFlagMatchesOnGroupProperties() { // request 6
        FlagResult r = evaluator.evaluate("company-beta", Scenarios.company("globex", Map.of("seats", 40)));

        assertThat(r.value()).isEqualTo(FlagValue.ON);
        assertThat(r.reason().conditionIndex()).isZero();
    }

    @Test
    void groupFlagWithoutGroupPropertiesCannotBeDecided() { // request 7
        FlagResult r = evaluator.evaluate("company-beta", Scenarios.company("globex", null));

        assertThat(r.value()).isEqualTo(FlagValue.UNKNOWN);
        assertThat(r.reason().code()).isEqualTo(FlagReason.Code.MISSING_CONTEXT);
    }

    @Test
    void unmappedGroupTypeIndexCannotBeDecided() { // every request
        FlagResult r = evaluator.evaluate("project-flag", Scenarios.company("globex", Map.of("seats", 40)));

        assertThat(r.value()).isEqualTo(FlagValue.UNKNOWN);
        assertThat(r.reason().code()).isEqualTo(FlagReason.Code.UNSUPPORTED_DEFINITION);
    }

    @Test
    void mixedTargetingMatchesAGroupCondition() { // request 16
        FlagContext ctx = FlagContext.builder("u1").personProperty("email", "no")
                .group("company", "c1").groupProperty("company", "tier", "gold").build();

        FlagResult r = evaluator.evaluate("mixed", ctx);

        assertThat(r.value()).isEqualTo(FlagValue.ON);
        assertThat(r.reason().conditionIndex()).isZero();
    }

    @Test
    void mixedTargetingSkipsTheGroupConditionWithoutTheGroup() { // requests 17 and 8
        FlagResult matched = evaluator.evaluate("mixed", Scenarios.person("u1", "email", "x@y.z"));
        FlagResult notMatched = evaluator.evaluate("mixed", Scenarios.person("u1", "email", "bob@ACME.io"));

        assertThat(matched.value()).isEqualTo(FlagValue.ON);
        assertThat(matched.reason().conditionIndex()).isEqualTo(1);
        assertThat(notMatched.value()).isEqualTo(FlagValue.OFF);
    }
}
