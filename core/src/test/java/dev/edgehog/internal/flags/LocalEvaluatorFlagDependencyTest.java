// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.flags;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edgehog.flags.FlagReason;
import dev.edgehog.flags.FlagValue;
import org.junit.jupiter.api.Test;

/** {@code flag_evaluates_to} dependencies; see {@link Scenarios}. */
class LocalEvaluatorFlagDependencyTest {
    private final LocalEvaluator evaluator = Scenarios.EVALUATOR;

    @Test
    void trueMatchesADependencyThatIsAVariant() { // request 12
        var ctx = Scenarios.person("u1", "email", "a@acme.io");

        assertThat(evaluator.evaluate("base", ctx).value()).isEqualTo(FlagValue.variant("a"));
        assertThat(evaluator.evaluate("dependent", ctx).value()).isEqualTo(FlagValue.ON);
    }

    @Test
    void aVariantExpectationNeedsTheSameVariant() { // request 12
        var r = evaluator.evaluate("dependent-variant", Scenarios.person("u1", "email", "a@acme.io"));

        assertThat(r.value()).isEqualTo(FlagValue.OFF);
    }

    @Test
    void anOffDependencyDoesNotMatchTrue() { // request 13
        var r = evaluator.evaluate("dependent", Scenarios.person("u1", "email", "a@b.io"));

        assertThat(r.value()).isEqualTo(FlagValue.OFF);
    }

    @Test
    void anUndecidableDependencyMakesTheDependentUndecidable() { // request 0
        var r = evaluator.evaluate("dependent", Scenarios.person("user_123", "plan", "team"));

        assertThat(r.value()).isEqualTo(FlagValue.UNKNOWN);
        assertThat(r.reason().code()).isEqualTo(FlagReason.Code.UNRESOLVED_DEPENDENCY);
    }
}
