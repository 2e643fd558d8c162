// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.capture;

import dev.edgehog.DeliveryResult;
import dev.edgehog.ErrorKind;
import dev.edgehog.PostHogException;
import dev.edgehog.PostHogOptions;
import dev.edgehog.internal.Loggers;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Moves prepared events to PostHog: immediately (one-event batches) or through the bounded
 * queue, flushed on the caller's thread. There is no timer and no thread: work happens only
 * inside {@link #sendNow}, {@link #enqueue} (when the queue reaches {@code flushAt}) and
 * {@link #flush}.
 *
 * <p>Implementation notes. Flushes never overlap (one lock); a threshold flush triggered by a
 * capture does not wait for a running flush, it leaves the events to it or to the next one,
 * so a slow network cannot pile one flush per captured event. A flush takes events out of the
 * queue before sending, and puts deferred ones back at the head, so every event is in exactly
 * one place: queued, in flight, delivered, or counted as lost. A 413 halves the batch size
 * for the rest of the client's life, as in posthog-node.
 */
public final class Delivery {
    private final PostHogOptions options;
    private final EventQueue queue;
    private final BatchSender sender;
    private final Counters counters;
    private final ErrorReporter reporter;
    private final ReentrantLock flushLock = new ReentrantLock();
    private final AtomicInteger batchSize;

    /**
     * @param options the client options
     * @param sender the batch sender
     * @param counters the counters
     * @param reporter where problems go
     */
    public Delivery(PostHogOptions options, BatchSender sender, Counters counters, ErrorReporter reporter) {
        this.options = options;
        this.queue = new EventQueue(options.maxQueueSize());
        this.sender = sender;
        this.counters = counters;
        this.reporter = reporter;
        this.batchSize = new AtomicInteger(options.maxBatchSize());
    }

    /** @return the number of queued events */
    public int queued() {
        return queue.size();
    }

    /**
     * Sends one event now, as a batch of one. If it cannot be delivered yet it joins the queue.
     * The result counts this event only (pending is 1 when it joined the queue), not the events
     * that were queued already.
     *
     * @param event the event
     * @param timeout the deadline for this call
     * @return what happened
     */
    public DeliveryResult sendNow(PreparedEvent event, Duration timeout) {
        BatchSender.Outcome o = sender.send(List.of(event), deadline(timeout));
        switch (o.status()) {
            case DELIVERED:
                counters.delivered.increment();
                return new DeliveryResult(1, 0, 0, 0, o.requests(), false, List.of());
            case DEFERRED:
                reporter.report(o.error());
                keep(event);
                return new DeliveryResult(0, 0, 0, 1, o.requests(), o.deadlineReached(), List.of(o.error()));
            default:
                counters.failed.increment();
                reporter.report(o.error());
                return new DeliveryResult(0, 1, 0, 0, o.requests(), false, List.of(o.error()));
        }
    }

    /**
     * Queues an event; when the queue reaches {@code flushAt}, sends full batches on this
     * thread unless another flush is already running.
     *
     * @param event the event
     */
    public void enqueue(PreparedEvent event) {
        keep(event);
        if (queue.size() >= options.flushAt() && flushLock.tryLock()) {
            try {
                long deadline = deadline(options.flushTimeout());
                DeliveryResult r = DeliveryResult.EMPTY;
                while (queue.size() >= options.flushAt()) {
                    DeliveryResult step = sendOneBatch(deadline);
                    if (step == DeliveryResult.EMPTY) {
                        break;
                    }
                    r = r.plus(step);
                    if (step.delivered() + step.failed() == 0 && !step.errors().isEmpty()) {
                        break; // deferred: leave the rest for an explicit flush
                    }
                }
                if (!r.isComplete()) {
                    Loggers.CAPTURE.log(Level.DEBUG, "threshold flush: " + r);
                }
            } finally {
                flushLock.unlock();
            }
        }
    }

    /**
     * Sends every event queued when the call starts, in batches, within the deadline.
     *
     * @param timeout the deadline
     * @return what happened
     */
    public DeliveryResult flush(Duration timeout) {
        long deadline = deadline(timeout);
        try {
            if (!flushLock.tryLock(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                PostHogException e = new PostHogException(ErrorKind.DELIVERY_DEFERRED,
                        "flush: another flush was still running when the deadline passed; " + queue.size()
                                + " events stay queued", null, 0, queue.size());
                reporter.report(e);
                return new DeliveryResult(0, 0, 0, queue.size(), 0, true, List.of(e));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new DeliveryResult(0, 0, 0, queue.size(), 0, false, List.of());
        }
        try {
            int budget = queue.size();
            DeliveryResult total = DeliveryResult.EMPTY;
            while (budget > 0) {
                DeliveryResult step = sendOneBatch(deadline);
                if (step == DeliveryResult.EMPTY) {
                    break;
                }
                total = total.plus(step);
                int handled = step.delivered() + step.failed();
                if (handled == 0) {
                    if (step.errors().isEmpty()) {
                        continue; // 413: the batch was halved and put back; go again, smaller
                    }
                    break; // deferred: the network is down or the deadline is near
                }
                budget -= handled;
            }
            return new DeliveryResult(total.delivered(), total.failed(), total.dropped(), queue.size(),
                    total.requests(), total.deadlineReached(), total.errors());
        } finally {
            flushLock.unlock();
        }
    }

    /** Sends the next batch from the head of the queue. Caller holds the flush lock. */
    private DeliveryResult sendOneBatch(long deadline) {
        List<PreparedEvent> batch = queue.take(batchSize.get(), options.maxBatchBytes() - sender.envelopeBytes());
        if (batch.isEmpty()) {
            return DeliveryResult.EMPTY;
        }
        BatchSender.Outcome o = sender.send(batch, deadline);
        int n = batch.size();
        switch (o.status()) {
            case DELIVERED:
                counters.delivered.add(n);
                return new DeliveryResult(n, 0, 0, queue.size(), o.requests(), false, List.of());
            case TOO_LARGE:
                if (n > 1) {
                    int smaller = Math.max(1, n / 2);
                    batchSize.set(smaller);
                    Loggers.CAPTURE.log(Level.WARNING, "POST /batch/ got 413 for " + n
                            + " events; sending at most " + smaller + " per request from now on");
                    putBack(batch);
                    return new DeliveryResult(0, 0, 0, queue.size(), o.requests(), false, List.of());
                }
                counters.failed.add(n);
                PostHogException tooLarge = new PostHogException(ErrorKind.DELIVERY_FAILED,
                        "POST /batch/ got 413 for a single event ('" + batch.get(0).name() + "'); it was dropped",
                        null, 413, 1);
                reporter.report(tooLarge);
                return new DeliveryResult(0, 1, 0, queue.size(), o.requests(), false, List.of(tooLarge));
            case DEFERRED:
                reporter.report(o.error());
                putBack(batch);
                return new DeliveryResult(0, 0, 0, queue.size(), o.requests(), o.deadlineReached(), List.of(o.error()));
            default:
                counters.failed.add(n);
                reporter.report(o.error());
                return new DeliveryResult(0, n, 0, queue.size(), o.requests(), false, List.of(o.error()));
        }
    }

    private void keep(PreparedEvent event) {
        PreparedEvent dropped = queue.add(event);
        if (dropped != null) {
            overflow(List.of(dropped));
        }
    }

    private void putBack(List<PreparedEvent> batch) {
        List<PreparedEvent> dropped = queue.returnToHead(batch);
        if (!dropped.isEmpty()) {
            overflow(dropped);
        }
    }

    private void overflow(List<PreparedEvent> dropped) {
        counters.droppedQueueFull.add(dropped.size());
        reporter.reportOnce("queue-full", new PostHogException(ErrorKind.QUEUE_OVERFLOW,
                "the event queue is full (maxQueueSize " + options.maxQueueSize() + "); dropped " + dropped.size()
                        + " oldest event(s), e.g. '" + dropped.get(0).name() + "'. Flush more often or raise maxQueueSize.",
                null, 0, dropped.size()));
    }

    private static long deadline(Duration timeout) {
        long now = System.nanoTime();
        long t = timeout.toNanos();
        return t > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + t;
    }
}
