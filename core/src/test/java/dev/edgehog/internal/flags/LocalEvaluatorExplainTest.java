// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.flags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.edgehog.flags.FlagContext;
import dev.edgehog.flags.FlagReason;
import dev.edgehog.flags.FlagValue;
import dev.edgehog.internal.flags.Explanation.Outcome;
import dev.edgehog.internal.flags.Explanation.Step;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link LocalEvaluator#explain}: the step-by-step trace behind one result. */
class LocalEvaluatorExplainTest {
    private static final LocalEvaluator EVALUATOR = TestFlags.evaluator("""
            {"flags": [
              {"id": 1, "key": "two-ways", "active": true, "filters": {"groups": [
                {"properties": [{"key": "email", "type": "person", "operator": "icontains", "value": "@acme.com"}],
                 "rollout_percentage": 100},
                {"properties": [{"key": "plan", "type": "person", "operator": "exact", "value": "team"},
                                {"key": "seats", "type": "person", "operator": "gt", "value": 5}],
                 "rollout_percentage": 100}]}},
              {"id": 2, "key": "nobody", "active": true, "filters": {"groups": [{"properties": [], "rollout_percentage": 0}]}},
              {"id": 3, "key": "retired", "active": false, "filters": {"groups": [{"rollout_percentage": 100}]}},
              {"id": 4, "key": "colours", "active": true, "filters": {
                "groups": [{"properties": [], "rollout_percentage": 100, "variant": "blue"}],
                "multivariate": {"variants": [{"key": "red", "rollout_percentage": 50}, {"key": "blue", "rollout_percentage": 50}]}}},
              {"id": 5, "key": "needs-two-ways", "active": true, "filters": {"groups": [
                {"properties": [{"key": "two-ways", "type": "flag", "operator": "flag_evaluates_to", "value": true,
                                 "dependency_chain": ["two-ways"]}],
                 "rollout_percentage": 100}]}}
            ]}
            """);

    @Test
    void namesEachFilterItCheckedWithTheValueItSaw() {
        FlagContext ctx = FlagContext.builder("u1")
                .personProperty("email", "bob@example.com").personProperty("plan", "team").personProperty("seats", 3)
                .build();

        Explanation e = EVALUATOR.explain("two-ways", ctx);

        assertThat(e.result().value()).isEqualTo(FlagValue.OFF);
        assertThat(e.steps()).containsExactly(
                new Step(-1, Outcome.NOTE, "bucketing", "by distinct id \"u1\""),
                new Step(0, Outcome.FAILED, "email icontains \"@acme.com\"", "email is \"bob@example.com\""),
                new Step(0, Outcome.FAILED, "condition", "a filter did not match"),
                new Step(1, Outcome.PASSED, "plan exact \"team\"", "plan is \"team\""),
                new Step(1, Outcome.FAILED, "seats gt 5", "seats is 3"),
                new Step(1, Outcome.FAILED, "condition", "a filter did not match"));
    }

    @Test
    void showsTheRolloutOfAMatchingCondition() {
        FlagContext ctx = FlagContext.builder("u1").personProperty("email", "ann@ACME.com").build();

        Explanation e = EVALUATOR.explain("two-ways", ctx);

        assertThat(e.result().value()).isEqualTo(FlagValue.ON);
        assertThat(e.steps()).extracting(Step::condition, Step::outcome, Step::subject).containsExactly(
                tuple(-1, Outcome.NOTE, "bucketing"),
                tuple(0, Outcome.PASSED, "email icontains \"@acme.com\""),
                tuple(0, Outcome.PASSED, "rollout 100%"),
                tuple(0, Outcome.PASSED, "condition"));
    }

    @Test
    void marksAPropertyThatWasNotGivenAsUndecided() {
        Explanation e = EVALUATOR.explain("two-ways", FlagContext.of("u1"));

        assertThat(e.result().value()).isEqualTo(FlagValue.UNKNOWN);
        assertThat(e.steps()).contains(
                new Step(0, Outcome.UNDECIDED, "email icontains \"@acme.com\"", "email was not provided"),
                new Step(1, Outcome.UNDECIDED, "plan exact \"team\"", "plan was not provided"));
        assertThat(e.steps()).filteredOn(s -> s.subject().equals("condition"))
                .extracting(Step::outcome).containsExactly(Outcome.UNDECIDED, Outcome.UNDECIDED);
    }

    @Test
    void reportsASubjectOutsideTheRollout() {
        Explanation e = EVALUATOR.explain("nobody", FlagContext.of("u1"));

        assertThat(e.result().reason().code()).isEqualTo(FlagReason.Code.OUT_OF_ROLLOUT);
        assertThat(e.steps()).filteredOn(s -> s.condition() == 0).extracting(Step::outcome, Step::subject)
                .containsExactly(tuple(Outcome.FAILED, "rollout 0%"),
                        tuple(Outcome.FAILED, "condition"));
    }

    @Test
    void saysAnInactiveFlagIsOffForEveryone() {
        Explanation e = EVALUATOR.explain("retired", FlagContext.of("u1"));

        assertThat(e.result().value()).isEqualTo(FlagValue.OFF);
        assertThat(e.steps()).extracting(Step::outcome, Step::subject)
                .containsExactly(tuple(Outcome.FAILED, "active"));
    }

    @Test
    void namesTheVariantAConditionOverrides() {
        Explanation e = EVALUATOR.explain("colours", FlagContext.of("u1"));

        assertThat(e.result().value()).isEqualTo(FlagValue.variant("blue"));
        assertThat(e.steps()).last().isEqualTo(new Step(0, Outcome.NOTE, "variant", "\"blue\", the condition's override"));
    }

    @Test
    void showsADependencyByItsValueWithoutTheStepsOfTheFlagItDependsOn() {
        FlagContext ctx = FlagContext.builder("u1").personProperty("email", "ann@acme.com").build();

        Explanation e = EVALUATOR.explain("needs-two-ways", ctx);

        assertThat(e.result().value()).isEqualTo(FlagValue.ON);
        assertThat(e.steps()).extracting(Step::subject).doesNotContain("email icontains \"@acme.com\"");
        assertThat(e.steps()).contains(new Step(0, Outcome.PASSED, "flag \"two-ways\" evaluates to true", "two-ways is true"));
    }

    @Test
    void givesExactlyTheResultThatEvaluateGives() {
        List<FlagContext> contexts = List.of(FlagContext.of("u1"),
                FlagContext.builder("u2").personProperty("email", "x@acme.com").build(),
                FlagContext.builder("u3").personProperty("email", "x@b.com").personProperty("plan", "TEAM")
                        .personProperty("seats", 9).build());
        List<String> keys = List.of("two-ways", "nobody", "retired", "colours", "needs-two-ways", "no-such-flag");

        for (FlagContext ctx : contexts) {
            for (String key : keys) {
                assertThat(EVALUATOR.explain(key, ctx).result()).as(key + " for " + ctx).isEqualTo(EVALUATOR.evaluate(key, ctx));
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void neverChangesTheResultOnGeneratedDefinitionsAndRequests() throws Exception {
        ConformanceCases generator = new ConformanceCases(20261127L);
        List<Map<String, Object>> cases = new ArrayList<>(generator.edgeCases());
        for (int i = 0; i < 150; i++) {
            cases.add(generator.randomCase("random-" + i, 10));
        }
        Clock clock = Clock.fixed(Instant.parse("2024-05-01T12:00:00Z"), ZoneOffset.UTC);
        int compared = 0;

        for (Map<String, Object> c : cases) {
            LocalEvaluator evaluator = new LocalEvaluator(FlagDefinitions.parse(TestJson.canonical(c.get("definitions"))), clock);
            for (Object r : (List<Object>) c.get("requests")) {
                Map<String, Object> request = (Map<String, Object>) r;
                FlagContext ctx = ConformanceCheck.context(request);
                for (String key : (List<String>) request.get("keys")) {
                    Explanation e = evaluator.explain(key, ctx);
                    assertThat(e.result()).as(c.get("id") + " " + key + " " + request).isEqualTo(evaluator.evaluate(key, ctx));
                    compared++;
                }
            }
        }

        assertThat(compared).isGreaterThan(5_000);
    }
}
