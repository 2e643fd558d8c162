// SPDX-License-Identifier: Apache-2.0
package dev.edgehog;

import java.util.ArrayList;
import java.util.List;

/**
 * What became of the events a {@link PostHog#flush() flush} or an immediate call handled. Never
 * thrown, always returned: network and server faults are reported here and to the {@link
 * ErrorListener}.
 *
 * @param delivered events PostHog accepted
 * @param failed events PostHog rejected with an HTTP error after the allowed retries; they were
 *     dropped so a poison batch cannot block the queue
 * @param dropped events discarded before any delivery attempt (invalid call, {@link BeforeSend}
 *     failure, over the size limit, client closed)
 * @param pending events that could not be delivered yet (network error, or the deadline left no
 *     time) and stay queued for the next flush: for an immediate call, its own event (0 or 1);
 *     for a flush, everything still queued when it returned
 * @param requests HTTP requests made, retries included
 * @param deadlineReached whether the deadline cut the work short
 * @param errors the problems met, in order (unmodifiable)
 * @since 0.1.0
 */
public record DeliveryResult(
        int delivered, int failed, int dropped, int pending, int requests, boolean deadlineReached,
        List<PostHogException> errors) {

    /** A result for a call that had nothing to do. */
    public static final DeliveryResult EMPTY = new DeliveryResult(0, 0, 0, 0, 0, false, List.of());

    /** Copies the error list. */
    public DeliveryResult {
        errors = List.copyOf(errors);
    }

    /**
     * Whether everything handled was delivered: nothing failed, dropped or left pending.
     *
     * @return true when the call lost and deferred nothing
     */
    public boolean isComplete() {
        return failed == 0 && dropped == 0 && pending == 0;
    }

    /**
     * Combines two results, as when one operation consisted of both.
     *
     * @param other the other result
     * @return the sum of both
     */
    public DeliveryResult plus(DeliveryResult other) {
        if (other == EMPTY) {
            return this;
        }
        if (this == EMPTY) {
            return other;
        }
        List<PostHogException> all = new ArrayList<>(errors);
        all.addAll(other.errors);
        return new DeliveryResult(delivered + other.delivered, failed + other.failed, dropped + other.dropped,
                other.pending, requests + other.requests, deadlineReached || other.deadlineReached, all);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("DeliveryResult[delivered=").append(delivered)
                .append(", failed=").append(failed)
                .append(", dropped=").append(dropped)
                .append(", pending=").append(pending)
                .append(", requests=").append(requests);
        if (deadlineReached) {
            sb.append(", deadline reached");
        }
        for (PostHogException e : errors) {
            sb.append(", ").append(e.kind()).append(": ").append(e.getMessage());
        }
        return sb.append(']').toString();
    }
}
