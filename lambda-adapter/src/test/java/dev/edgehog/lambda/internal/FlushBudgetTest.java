// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.lambda.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FlushBudgetTest {
    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);
    private static final Duration MARGIN = Duration.ofMillis(200);

    @Test
    void givesTheRemainingTimeMinusTheMarginWhenThatIsShorterThanTheFlushTimeout() {
        assertThat(FlushBudget.of(TEN_SECONDS, 3_000, MARGIN)).isEqualTo(Duration.ofMillis(2_800));
    }

    @Test
    void givesTheFlushTimeoutWhenMoreTimeRemains() {
        assertThat(FlushBudget.of(TEN_SECONDS, 900_000, MARGIN)).isEqualTo(TEN_SECONDS);
    }

    @Test
    void givesZeroWhenTheRemainingTimeEqualsTheMargin() {
        assertThat(FlushBudget.of(TEN_SECONDS, 200, MARGIN)).isEqualTo(Duration.ZERO);
    }

    @Test
    void givesZeroWhenTheInvocationIsAlreadyPastItsDeadline() {
        assertThat(FlushBudget.of(TEN_SECONDS, 0, MARGIN)).isEqualTo(Duration.ZERO);
    }

    @Test
    void givesTheFlushTimeoutWhenTheRemainingTimeIsUnknown() {
        assertThat(FlushBudget.of(TEN_SECONDS, -1, MARGIN)).isEqualTo(TEN_SECONDS);
    }

    @Test
    void givesAllTheRemainingTimeWithAZeroMargin() {
        assertThat(FlushBudget.of(TEN_SECONDS, 1, Duration.ZERO)).isEqualTo(Duration.ofMillis(1));
    }
}
