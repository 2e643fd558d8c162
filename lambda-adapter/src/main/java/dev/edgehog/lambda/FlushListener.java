// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import dev.edgehog.DeliveryResult;

/**
 * Told what the end-of-invocation flush did, for every invocation (delivered or not). Use it to
 * emit a metric or a structured log line; the adapter already logs a WARNING when events were
 * left undelivered.
 *
 * <p>It runs on the invocation's thread, after the flush and before the runtime posts the
 * response, so it must be quick. An exception it throws is logged and ignored.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface FlushListener {

    /**
     * Called after each invocation's flush.
     *
     * @param context the invocation's context (null when the handler was called without one)
     * @param result what the flush did: {@link DeliveryResult#pending()} events are still queued
     *     (they go out with the next invocation's flush), {@link DeliveryResult#failed()} were
     *     rejected by PostHog
     */
    void onFlush(Context context, DeliveryResult result);
}
