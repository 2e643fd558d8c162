// SPDX-License-Identifier: Apache-2.0
package dev.edgehog;

/**
 * Counters since the client was built, for dashboards, health checks and tests. A snapshot:
 * the numbers do not change after {@link PostHog#stats()} returns.
 *
 * @param accepted events that passed validation and hooks and were queued or sent
 * @param delivered events PostHog accepted
 * @param failed events dropped after PostHog rejected them
 * @param droppedInvalid calls dropped for a null or blank distinct id or event name
 * @param droppedByHook events a {@link BeforeSend} hook dropped by returning null
 * @param droppedHookFailure events dropped because a {@link BeforeSend} hook threw
 * @param droppedTooLarge events dropped for exceeding the per-event size limit
 * @param droppedQueueFull events dropped because the queue was full
 * @param droppedClosed calls dropped because the client was closed or disabled
 * @param queued events waiting in the queue right now
 * @param requests HTTP requests sent to the batch endpoint, retries included
 * @param retries of those requests, how many were retries
 * @since 0.1.0
 */
public record ClientStats(
        long accepted, long delivered, long failed, long droppedInvalid, long droppedByHook,
        long droppedHookFailure, long droppedTooLarge, long droppedQueueFull, long droppedClosed,
        int queued, long requests, long retries) {

    /**
     * Events lost against the caller's intent: every failed and dropped event except those a
     * {@link BeforeSend} hook chose to drop.
     *
     * @return the sum of those counters
     */
    public long lost() {
        return failed + droppedInvalid + droppedHookFailure + droppedTooLarge + droppedQueueFull
                + droppedClosed;
    }
}
