// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.lambda.internal;

import dev.edgehog.DeliveryResult;
import dev.edgehog.PostHog;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import org.crac.Context;
import org.crac.Resource;

/**
 * The CRaC resource that makes a client safe to snapshot (AWS Lambda SnapStart).
 *
 * <p>Before the checkpoint it flushes the queue, because events captured during init (priming
 * code, warm-up requests) would otherwise be frozen into the snapshot and sent once per
 * restored copy, or never. It then drops pooled connections: sockets open in the snapshot are
 * dead in every restored copy. After the restore it calls {@link PostHog#afterRestore()},
 * which rebuilds connections lazily and re-seeds the event-id generator, so copies restored
 * from the same snapshot do not produce the same UUIDv7 sequence.
 *
 * <p>Core has no separate "before checkpoint" call; {@link PostHog#afterRestore()} is exactly
 * "drop connections, re-seed", and re-seeding before the checkpoint is harmless, so it is used
 * on both sides.
 *
 * <p>The hooks never throw: a failing hook would fail the snapshot (or the restore) of the
 * whole function, and telemetry must never do that.
 *
 * <p>CRaC holds registered resources through weak references; whoever registers this object
 * must keep a strong reference to it for as long as the client lives.
 */
public final class SnapStartResource implements Resource {
    private static final Logger LOG = System.getLogger("edgehog");

    private final PostHog posthog;
    private final Duration checkpointFlushTimeout;

    /**
     * @param posthog the client to prepare for snapshots
     * @param checkpointFlushTimeout the deadline of the flush before the checkpoint
     */
    public SnapStartResource(PostHog posthog, Duration checkpointFlushTimeout) {
        this.posthog = posthog;
        this.checkpointFlushTimeout = checkpointFlushTimeout;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        try {
            DeliveryResult r = posthog.flush(checkpointFlushTimeout);
            posthog.afterRestore();
            if (r.isComplete()) {
                LOG.log(Level.DEBUG, () -> "SnapStart: before checkpoint: flushed " + r.delivered()
                        + " event(s) and dropped HTTP connections");
            } else {
                LOG.log(Level.WARNING, "SnapStart: before checkpoint: the flush left events undelivered; "
                        + r.pending() + " stay queued in the snapshot and go out after restore: " + r);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "SnapStart: before checkpoint: flushing the PostHog client failed ("
                    + e + "); the snapshot goes ahead");
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        try {
            posthog.afterRestore();
            LOG.log(Level.INFO, "SnapStart: after restore: PostHog HTTP connections dropped, event ids re-seeded, "
                    + "flag definitions marked stale for the next invocation");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "SnapStart: after restore: resetting the PostHog client failed (" + e + ")");
        }
    }

    @Override
    public String toString() {
        return "SnapStartResource[" + posthog + "]";
    }
}
