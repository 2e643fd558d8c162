// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.flags;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edgehog.flags.FlagContext;
import dev.edgehog.flags.FlagReason;
import dev.edgehog.flags.FlagResult;
import dev.edgehog.flags.FlagValue;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An unexpected exception while evaluating one flag is contained, logged, and reported as ERROR. */
class LocalEvaluatorErrorBoundaryTest {
    private final Logger jul = Logger.getLogger("edgehog.flags");
    private final List<LogRecord> records = new ArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void capture() {
        jul.addHandler(handler);
    }

    @AfterEach
    void release() {
        jul.removeHandler(handler);
    }

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
        assertThat(records).anySatisfy(r -> {
            assertThat(r.getLevel()).isEqualTo(Level.SEVERE);
            assertThat(new java.util.logging.SimpleFormatter().formatMessage(r)).contains("\"reads-k\"").contains("boom");
        });
    }
}
