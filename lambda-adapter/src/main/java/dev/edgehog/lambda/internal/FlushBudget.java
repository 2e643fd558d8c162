// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.lambda.internal;

import java.time.Duration;

/**
 * The deadline maths of an invocation's flush.
 *
 * <p>Lambda stops paying attention to a function the moment its timeout passes: the invocation
 * is reported as timed out and the execution environment may be frozen or killed mid-request.
 * So the flush gets whatever is left of the invocation minus a safety margin (time the runtime
 * still needs to post the response), and never more than the configured flush timeout. When
 * the margin already exceeds what is left, the budget is zero and the flush does no network
 * work at all.
 */
public final class FlushBudget {
    private FlushBudget() {}

    /**
     * Computes the flush deadline.
     *
     * @param flushTimeout the longest any flush may take
     * @param remainingMillis the invocation's remaining time ({@code Context.getRemainingTimeInMillis()}),
     *     or a negative value when unknown (no context), in which case only the flush timeout applies
     * @param safetyMargin the time kept back for the runtime
     * @return a non-negative duration, {@link Duration#ZERO} when nothing should be sent
     */
    public static Duration of(Duration flushTimeout, long remainingMillis, Duration safetyMargin) {
        if (remainingMillis < 0) {
            return flushTimeout;
        }
        long budget = remainingMillis - safetyMargin.toMillis();
        if (budget <= 0) {
            return Duration.ZERO;
        }
        return budget < flushTimeout.toMillis() ? Duration.ofMillis(budget) : flushTimeout;
    }
}
