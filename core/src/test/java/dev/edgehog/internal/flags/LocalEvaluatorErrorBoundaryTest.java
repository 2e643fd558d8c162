// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.flags;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edgehog.flags.FlagContext;
import dev.edgehog.flags.FlagReason;
import dev.edgehog.flags.FlagResult;
import dev.edgehog.flags.FlagValue;
import dev.edgehog.testing.LogCapture;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An unexpected exception while evaluating one flag is contained, logged, and reported as ERROR. */
class LocalEvaluatorErrorBoundaryTest {
    @RegisterExtension
    final LogCapture logs = new LogCapture();

    /** A property value whose string form fails, as a buggy caller object might. */
    private static final class Exploding {
        @Override
        public String toString() {
            throw new IllegalStateException("boom");
        }
    }

    @Test
    void aFailingFlagIsUndecidedWithReasonErrorAndTheOthersAreUnaffected() {
        LocalEvaluator evaluator = TestFlags.evaluator("""
                {"flags": [
                  {"key": "reads-k", "active": true, "filters": {"groups": [
                    {"properties": [{"key": "k", "type": "person", "operator": "icontains", "value": "x"}]}]}},
                  {"key": "plain", "active": true, "filters": {"groups": [{"rollout_percentage": 100}]}}
                ]}""");
        FlagContext ctx = FlagContext.builder("u1").personProperty("k", new Exploding()).build();

        FlagResult failing = evaluator.evaluate("reads-k", ctx);
        LocalEvaluator.AllFlags all = evaluator.evaluateAll(ctx);

        assertThat(failing.value()).isEqualTo(FlagValue.UNKNOWN);
        assertThat(failing.reason().code()).isEqualTo(FlagReason.Code.ERROR);
        assertThat(all.flags()).containsOnlyKeys("plain");
        assertThat(logs.records()).anySatisfy(r -> {
            assertThat(r.getLevel()).isEqualTo(Level.SEVERE);
            assertThat(new java.util.logging.SimpleFormatter().formatMessage(r)).contains("\"reads-k\"").contains("boom");
        });
    }
}
