// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.flags;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edgehog.flags.FlagContext;
import dev.edgehog.flags.FlagReason;
import dev.edgehog.flags.FlagResult;
import dev.edgehog.flags.FlagValue;
import dev.edgehog.testing.LogCapture;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Loading a document reads each flag's top-level fields only; a flag's rules are compiled at its first use. */
class FlagDefinitionsLazyCompileTest {
    private static final String MIXED = """
            {"flags": [
              {"key": "plain", "active": true, "filters": {"groups": [{"rollout_percentage": 100}]}},
              {"key": "broken", "active": true, "filters": {"groups": "not an array"}},
              {"key": "by-email", "active": true, "filters": {"groups": [{"properties": [
                {"key": "email", "type": "person", "operator": "regex", "value": "@acme\\\\.io$"}],
                "rollout_percentage": 100}],
                "payloads": {"true": "{\\"limit\\": 5}"}}},
              {"key": "needs-by-email", "active": true, "filters": {"groups": [{"properties": [
                {"key": "by-email", "type": "flag", "operator": "flag_evaluates_to", "value": true,
                 "dependency_chain": ["by-email"]}], "rollout_percentage": 100}]}},
              {"key": "in-cohort", "active": true, "filters": {"groups": [{"properties": [
                {"key": "id", "type": "cohort", "value": 9}]}]}}
            ],
            "cohorts": {"9": {"type": "OR", "values": [{"type": "AND", "values": [
              {"key": "signed_up", "type": "person", "operator": "is_date_after", "value": "2025-01-01"}]}]}}}""";

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    private static FlagDefinitions parse(String json) {
        try {
            return FlagDefinitions.parse(json);
        } catch (FlagDefinitionsException e) {
            throw new AssertionError(e);
        }
    }

    private static FlagContext staff() {
        return FlagContext.builder("u1").personProperty("email", "dev@acme.io").personProperty("signed_up", "2026-03-01")
                .build();
    }

    @Test
    void loadingCompilesNoFlagAndEvaluatingOneCompilesOnlyThatOne() {
        StringBuilder doc = new StringBuilder("{\"flags\": [");
        for (int i = 0; i < 200; i++) {
            doc.append(i == 0 ? "" : ",").append("{\"key\": \"f").append(i).append("\", \"active\": true, \"filters\": ")
                    .append("{\"groups\": [{\"properties\": [{\"key\": \"email\", \"type\": \"person\", \"operator\": ")
                    .append("\"regex\", \"value\": \"^u").append(i).append("@\"}], \"rollout_percentage\": 100}]}}");
        }
        FlagDefinitions defs = parse(doc.append("]}").toString());
        LocalEvaluator evaluator = new LocalEvaluator(defs);

        assertThat(defs.size()).isEqualTo(200);
        for (FlagDefinition f : defs.all()) {
            assertThat(f.isCompiled()).as(f.key).isFalse();
        }

        FlagContext ctx = FlagContext.builder("u").personProperty("email", "u7@x.io").build();
        assertThat(evaluator.evaluate("f7", ctx).value()).isEqualTo(FlagValue.of(true));
        assertThat(evaluator.evaluate("f8", ctx).value()).isEqualTo(FlagValue.of(false));
        assertThat(evaluator.evaluate("f150", ctx).value()).isEqualTo(FlagValue.of(false));

        List<String> compiled = new ArrayList<>();
        for (FlagDefinition f : defs.all()) {
            if (f.isCompiled()) {
                compiled.add(f.key);
            }
        }
        assertThat(compiled).containsExactly("f7", "f8", "f150");
    }

    @Test
    void aMalformedFlagIsFoundAtItsFirstEvaluationWithTheSameReasonAndLeavesTheOthersDecided() {
        FlagDefinitions defs = parse(MIXED);
        LocalEvaluator evaluator = new LocalEvaluator(defs);

        assertThat(defs.size()).isEqualTo(5);
        assertThat(logs.records()).noneMatch(r -> r.getMessage().contains("malformed"));

        FlagResult first = evaluator.evaluate("broken", staff());
        FlagResult again = evaluator.evaluate("broken", staff());

        assertThat(first.value()).isEqualTo(FlagValue.UNKNOWN);
        assertThat(first.reason()).isEqualTo(FlagReason.of(FlagReason.Code.MALFORMED_DEFINITION,
                "filters.groups is not an array"));
        assertThat(again).isEqualTo(first);
        assertThat(logs.records()).filteredOn(r -> r.getLevel() == Level.WARNING && r.getMessage().contains("malformed"))
                .hasSize(1)
                .allSatisfy(r -> assertThat(r.getParameters()).containsExactly("broken", "filters.groups is not an array"));
        assertThat(evaluator.evaluate("plain", staff()).value()).isEqualTo(FlagValue.of(true));
        assertThat(evaluator.evaluate("by-email", staff()).value()).isEqualTo(FlagValue.of(true));
    }

    @Test
    void dependenciesCohortsAndPayloadsAreCompiledWhenFirstReached() {
        LocalEvaluator evaluator = new LocalEvaluator(parse(MIXED));

        // The dependency "by-email" and cohort 9 were never evaluated on their own before.
        FlagResult dependent = evaluator.evaluate("needs-by-email", staff());
        FlagResult cohort = evaluator.evaluate("in-cohort", staff());

        assertThat(dependent.value()).isEqualTo(FlagValue.of(true));
        assertThat(cohort.value()).isEqualTo(FlagValue.of(true));
        assertThat(evaluator.evaluate("in-cohort", FlagContext.builder("u2").personProperty("signed_up", "2024-06-01")
                .build()).value()).isEqualTo(FlagValue.of(false));
        LocalEvaluator fresh = new LocalEvaluator(parse(MIXED));
        assertThat(fresh.payload("by-email", FlagValue.of(true))).isEqualTo(java.util.Map.of("limit", 5L));
    }

    @Test
    void getAllFlagsCoversEveryFlagOfAFreshDocumentWithTheSameAnswersAsSingleEvaluations() {
        LocalEvaluator all = new LocalEvaluator(parse(MIXED));
        LocalEvaluator single = new LocalEvaluator(parse(MIXED));

        LocalEvaluator.AllFlags everything = all.evaluateAll(staff());

        assertThat(everything.results()).containsOnlyKeys("plain", "broken", "by-email", "needs-by-email", "in-cohort");
        for (String key : everything.results().keySet()) {
            assertThat(everything.results().get(key)).as(key).isEqualTo(single.evaluate(key, staff()));
        }
        assertThat(everything.flags()).containsOnlyKeys("plain", "by-email", "needs-by-email", "in-cohort");
        assertThat(everything.payloads()).containsOnlyKeys("by-email");
    }

    @Test
    void concurrentFirstEvaluationsOfAFreshDocumentAgreeWithSequentialOnes() throws Exception {
        String scenarios = TestJson.fixture("scenarios-definitions.json");
        List<FlagContext> contexts = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            contexts.add(FlagContext.builder("user_" + i)
                    .personProperty("plan", i % 3 == 0 ? "team" : "free")
                    .personProperty("email", i % 5 == 0 ? "x@acme.io" : "x@y.z")
                    .personProperty("country", i % 2 == 0 ? "US" : "DE")
                    .build());
        }
        LocalEvaluator sequential = new LocalEvaluator(parse(scenarios));
        List<List<FlagResult>> expected = new ArrayList<>();
        for (FlagContext ctx : contexts) {
            expected.add(new ArrayList<>(sequential.evaluateAll(ctx).results().values()));
        }

        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int trial = 0; trial < 20; trial++) {
                LocalEvaluator shared = new LocalEvaluator(parse(scenarios));
                CyclicBarrier start = new CyclicBarrier(threads);
                List<Future<List<List<FlagResult>>>> futures = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    futures.add(pool.submit(() -> {
                        start.await();
                        List<List<FlagResult>> got = new ArrayList<>();
                        for (FlagContext ctx : contexts) {
                            got.add(new ArrayList<>(shared.evaluateAll(ctx).results().values()));
                        }
                        return got;
                    }));
                }
                for (Future<List<List<FlagResult>>> f : futures) {
                    assertThat(f.get()).isEqualTo(expected);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
