// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.flags;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edgehog.flags.FlagReason;
import dev.edgehog.flags.FlagValue;
import org.junit.jupiter.api.Test;

/** Cohorts: nested AND/OR, negation, cohort in cohort, {@code not_in}, static cohorts; see {@link Scenarios}. */
class LocalEvaluatorCohortTest {
    private final LocalEvaluator evaluator = Scenarios.EVALUATOR;

    @Test
    void matchesTheFirstBranchOfAnOr() { // request 8
        var r = evaluator.evaluate("cohort-flag", Scenarios.person("u1", "email", "bob@ACME.io"));

        assertThat(r.value()).isEqualTo(FlagValue.ON);
    }

    @Test
    void matchesANegatedFilterAndACohortInCohort() { // request 9
        var r = evaluator.evaluate("cohort-flag",
                Scenarios.person("u1", "email", "bob@x.io", "plan", "pro", "country", "CA"));

        assertThat(r.value()).isEqualTo(FlagValue.ON);
    }

    @Test
    void negationExcludes() { // request 10
        var ctx = Scenarios.person("u1", "email", "bob@x.io", "plan", "free", "country", "CA");

        assertThat(evaluator.evaluate("cohort-flag", ctx).value()).isEqualTo(FlagValue.OFF);
        assertThat(evaluator.evaluate("not-in-cohort-flag", ctx).value()).isEqualTo(FlagValue.ON);
    }

    @Test
    void aMissingPropertyInsideTheCohortCannotBeDecided() { // request 11
        var r = evaluator.evaluate("cohort-flag", Scenarios.person("u1", "email", "bob@x.io", "plan", "pro"));

        assertThat(r.value()).isEqualTo(FlagValue.UNKNOWN);
        assertThat(r.reason().code()).isEqualTo(FlagReason.Code.MISSING_CONTEXT);
    }

    @Test
    void aStaticCohortIsLeftToTheServer() { // every request
        var r = evaluator.evaluate("static-cohort-flag", Scenarios.person("u1", "email", "bob@ACME.io"));

        assertThat(r.value()).isEqualTo(FlagValue.UNKNOWN);
        assertThat(r.reason().code()).isEqualTo(FlagReason.Code.UNSUPPORTED_DEFINITION);
    }
}
