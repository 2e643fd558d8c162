// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.capture;

import dev.edgehog.ClientStats;
import java.util.concurrent.atomic.LongAdder;

/** The client's counters; contention-free adders, read as a {@link ClientStats} snapshot. */
public final class Counters {
    final LongAdder accepted = new LongAdder();
    final LongAdder delivered = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder droppedInvalid = new LongAdder();
    final LongAdder droppedByHook = new LongAdder();
    final LongAdder droppedHookFailure = new LongAdder();
    final LongAdder droppedTooLarge = new LongAdder();
    final LongAdder droppedQueueFull = new LongAdder();
    final LongAdder droppedClosed = new LongAdder();
    final LongAdder requests = new LongAdder();
    final LongAdder retries = new LongAdder();

    /** Counts a call dropped because the client is closed or disabled. */
    public void droppedClosed() {
        droppedClosed.increment();
    }

    /**
     * @param queued the current queue length
     * @return a snapshot
     */
    public ClientStats snapshot(int queued) {
        return new ClientStats(accepted.sum(), delivered.sum(), failed.sum(), droppedInvalid.sum(),
                droppedByHook.sum(), droppedHookFailure.sum(), droppedTooLarge.sum(), droppedQueueFull.sum(),
                droppedClosed.sum(), queued, requests.sum(), retries.sum());
    }
}
