// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.flags;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edgehog.flags.FlagContext;
import dev.edgehog.flags.FlagResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One evaluator shared by many threads gives every thread the single-threaded answers. */
class LocalEvaluatorConcurrencyTest {
    @Test
    void concurrentEvaluationsAgreeWithSequentialOnes() throws Exception {
        LocalEvaluator evaluator = Scenarios.EVALUATOR;
        List<FlagContext> contexts = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            contexts.add(FlagContext.builder("user_" + i)
                    .personProperty("plan", i % 3 == 0 ? "team" : "free")
                    .personProperty("email", i % 5 == 0 ? "x@acme.io" : "x@y.z")
                    .personProperty("country", i % 2 == 0 ? "US" : "DE")
                    .build());
        }
        List<List<FlagResult>> expected = new ArrayList<>();
        for (FlagContext ctx : contexts) {
            expected.add(new ArrayList<>(evaluator.evaluateAll(ctx).results().values()));
        }

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> {
                    for (int round = 0; round < 5; round++) {
                        for (int i = 0; i < contexts.size(); i++) {
                            List<FlagResult> got = new ArrayList<>(evaluator.evaluateAll(contexts.get(i)).results().values());
                            if (!got.equals(expected.get(i))) {
                                return false;
                            }
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : futures) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
