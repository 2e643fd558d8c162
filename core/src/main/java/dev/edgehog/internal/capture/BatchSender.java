// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.capture;

import dev.edgehog.ErrorKind;
import dev.edgehog.PostHogException;
import dev.edgehog.PostHogOptions;
import dev.edgehog.internal.LibraryInfo;
import dev.edgehog.internal.Loggers;
import dev.edgehog.internal.json.Codecs;
import dev.edgehog.internal.json.EncodedEvents;
import dev.edgehog.internal.json.WireBatch;
import dev.edgehog.internal.transport.Backoff;
import dev.edgehog.internal.transport.Gzip;
import dev.edgehog.spi.Transport;
import dev.edgehog.spi.TransportRequest;
import dev.edgehog.spi.TransportResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends one batch to {@code POST /batch/}, retrying within a deadline.
 *
 * <p>Implementation notes. The retry predicate is posthog-node's: 408, 429, any 5xx and
 * network errors are retried; 413 and other 4xx are not. Unlike Node it backs off
 * exponentially with jitter and honours {@code Retry-After}, and it never starts an attempt
 * or a wait that would end past the deadline. The outcome decides what happens to the events:
 * a final HTTP error drops them (so a poison batch cannot block the queue, as in Node); a
 * network error, or a deadline that left no room for another attempt, keeps them for the next
 * flush. The request body is built once and reused across attempts, so retries carry the same
 * event uuids and PostHog can de-duplicate.
 */
public final class BatchSender {
    /** What became of a batch. */
    public enum Status {
        /** PostHog accepted it. */
        DELIVERED,
        /** PostHog rejected it for good; the events are dropped. */
        REJECTED,
        /** HTTP 413: too large; split it. */
        TOO_LARGE,
        /** Not delivered yet; keep the events for the next flush. */
        DEFERRED
    }

    /**
     * @param status what became of the batch
     * @param requests requests made
     * @param deadlineReached whether the deadline stopped the retries
     * @param error the last problem, or null when delivered
     */
    public record Outcome(Status status, int requests, boolean deadlineReached, PostHogException error) {}

    private final PostHogOptions options;
    private final Transport transport;
    private final Backoff backoff;
    private final Counters counters;
    private final Clock clock;
    private final URI batchUri;
    private final Map<String, String> baseHeaders;
    private final int envelopeBytes;

    /**
     * @param options the client options
     * @param transport the transport
     * @param counters the counters
     */
    public BatchSender(PostHogOptions options, Transport transport, Counters counters) {
        this.options = options;
        this.transport = transport;
        this.counters = counters;
        this.clock = options.clock();
        this.backoff = new Backoff(options.retryDelay(), options.maxRetryDelay());
        this.batchUri = URI.create(options.host() + "/batch/");
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "application/json");
        h.put("User-Agent", LibraryInfo.USER_AGENT);
        this.baseHeaders = Map.copyOf(h);
        this.envelopeBytes = Codecs.encode(wire(List.of(), Instant.EPOCH)).length - 2;
    }

    /**
     * The bytes a request body takes besides its events: {@code api_key}, {@code sent_at} and
     * the other envelope fields ({@code sent_at} always has the same length, as it is cut to
     * milliseconds). The queue subtracts it from {@code maxBatchBytes}, so that limit holds for
     * the whole body, as documented, and not just for the events in it.
     *
     * @return the envelope size in bytes, without the batch array's brackets
     */
    public int envelopeBytes() {
        return envelopeBytes;
    }

    /**
     * Sends a batch.
     *
     * @param batch the events, at least one
     * @param deadlineNanos the {@link System#nanoTime()} by which everything must be over
     * @return the outcome
     */
    public Outcome send(List<PreparedEvent> batch, long deadlineNanos) {
        List<byte[]> events = new ArrayList<>(batch.size());
        for (PreparedEvent e : batch) {
            events.add(e.json());
        }
        WireBatch wire = wire(events, clock.instant());

        Map<String, String> headers = new LinkedHashMap<>(baseHeaders);
        byte[] body = null;
        if (options.isGzip()) {
            // Streamed into the compressor: the uncompressed body is never built.
            try {
                body = Gzip.compress(wire.batch.jsonSize(), out -> Codecs.write(wire, out));
                headers.put("Content-Encoding", "gzip");
            } catch (IOException e) {
                Loggers.TRANSPORT.log(Level.DEBUG, "gzip failed (" + e + "); sending the batch uncompressed");
            }
        }
        if (body == null) {
            body = Codecs.encode(wire);
        }

        int n = batch.size();
        int requests = 0;
        PostHogException last = null;
        boolean lastWasNetwork = false;
        for (int attempt = 1; ; attempt++) {
            long remaining = deadlineNanos - System.nanoTime();
            if (remaining <= 0) {
                return deferred(requests, true, last, n, "the flush deadline passed before an attempt could start");
            }
            Duration timeout = Duration.ofNanos(Math.min(options.requestTimeout().toNanos(), remaining));
            requests++;
            counters.requests.increment();
            if (attempt > 1) {
                counters.retries.increment();
            }
            Duration retryAfter = null;
            try {
                TransportResponse response = transport.send(new TransportRequest("POST", batchUri, headers, body, timeout));
                int status = response.status();
                Loggers.TRANSPORT.log(Level.DEBUG, () -> "POST /batch/ (" + n + " events) -> " + status);
                if (status >= 200 && status < 400) {
                    return new Outcome(Status.DELIVERED, requests, false, null);
                }
                if (status == 413) {
                    return new Outcome(Status.TOO_LARGE, requests, false, new PostHogException(ErrorKind.DELIVERY_FAILED,
                            "POST /batch/ got 413 (payload too large) for " + n + " events", null, 413, n));
                }
                last = new PostHogException(ErrorKind.DELIVERY_FAILED, "POST /batch/ got HTTP " + status, null, status, n);
                lastWasNetwork = false;
                if (!(status == 408 || status == 429 || status >= 500)) {
                    return rejected(requests, attempt, last, n);
                }
                retryAfter = Backoff.retryAfter(response, clock.instant().atZone(ZoneOffset.UTC));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return deferred(requests, false, e, n, "the calling thread was interrupted");
            } catch (IOException | RuntimeException e) {
                // A custom transport that throws is treated as a network error, as Node treats
                // an exception from a custom fetch.
                String what = e instanceof HttpTimeoutException ? "timed out"
                        : e instanceof ConnectException ? "could not connect" : "network error";
                last = new PostHogException(ErrorKind.DELIVERY_DEFERRED, "POST /batch/ " + what + " ("
                        + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")",
                        e, 0, n);
                lastWasNetwork = true;
            }
            // Checked before the retry budget: a server that asks to come back later than we
            // may wait is throttling, not rejecting, so the events stay queued even when no
            // retries are left (otherwise maxRetries(0) would drop every throttled batch).
            if (retryAfter != null && retryAfter.compareTo(backoff.max()) > 0) {
                return deferred(requests, false, last, n,
                        "the server asked to retry after " + retryAfter.toSeconds() + " s, longer than maxRetryDelay");
            }
            if (attempt > options.maxRetries()) {
                if (lastWasNetwork) {
                    return deferred(requests, false, last, n, "retries used up");
                }
                return rejected(requests, attempt, last, n);
            }
            Duration wait = backoff.delay(attempt);
            if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
                wait = retryAfter;
            }
            if (System.nanoTime() + wait.toNanos() >= deadlineNanos) {
                return deferred(requests, true, last, n, "the flush deadline leaves no time for another attempt");
            }
            try {
                Thread.sleep(wait.toMillis(), (int) (wait.toNanos() % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return deferred(requests, false, e, n, "the calling thread was interrupted");
            }
        }
    }

    private WireBatch wire(List<byte[]> events, Instant sentAt) {
        WireBatch wire = new WireBatch();
        wire.apiKey = options.projectApiKey();
        wire.batch = new EncodedEvents(events);
        wire.sentAt = Timestamps.format(sentAt.truncatedTo(ChronoUnit.MILLIS));
        wire.historicalMigration = options.isHistoricalMigration() ? Boolean.TRUE : null;
        return wire;
    }

    private static Outcome rejected(int requests, int attempts, PostHogException last, int n) {
        return new Outcome(Status.REJECTED, requests, false, new PostHogException(ErrorKind.DELIVERY_FAILED,
                last.getMessage() + " after " + attempts + " attempt(s); " + n + " events dropped", null,
                last.statusCode(), n));
    }

    private static Outcome deferred(int requests, boolean deadline, Throwable last, int n, String why) {
        int status = last instanceof PostHogException ? ((PostHogException) last).statusCode() : 0;
        String previous = last instanceof PostHogException ? "; last failure: " + last.getMessage() : "";
        return new Outcome(Status.DEFERRED, requests, deadline, new PostHogException(ErrorKind.DELIVERY_DEFERRED,
                "POST /batch/ not delivered (" + why + "); " + n + " events kept for the next flush" + previous,
                last instanceof PostHogException ? last.getCause() : last, status, n));
    }
}
