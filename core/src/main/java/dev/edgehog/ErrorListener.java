// SPDX-License-Identifier: Apache-2.0
package dev.edgehog;

/**
 * Receives every problem the client meets: dropped calls, failed deliveries, hook failures.
 * The counterpart of posthog-node's {@code on("error", ...)}.
 *
 * <p>Called synchronously on the thread that met the problem, so keep it quick. An exception
 * thrown by the listener is logged and otherwise ignored.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface ErrorListener {
    /**
     * Handles one problem.
     *
     * @param error what happened; {@link PostHogException#kind()} says what became of the events
     */
    void onError(PostHogException error);
}
