// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.lambda.e2e;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * One ordered record of what reached the two servers of an end-to-end test: the Lambda Runtime
 * API stand-in and WireMock playing PostHog. A single sequence counter numbers the arrivals on
 * both, so "the batch arrived before the response was posted" is a comparison of two numbers.
 */
final class Timeline {
    /** Kinds of arrivals. */
    enum Kind {
        NEXT, RESPONSE, ERROR, INIT_ERROR, RESTORE_NEXT, RESTORE_ERROR, BATCH
    }

    /**
     * @param seq arrival order across both servers
     * @param kind what arrived
     * @param requestId the invocation's request id (Runtime API entries; null for batches)
     * @param body the request body as text (batches gunzipped)
     * @param epochMillis when it arrived, by this JVM's clock
     */
    record Entry(long seq, Kind kind, String requestId, String body, long epochMillis) {}

    private final AtomicLong seq = new AtomicLong();
    private final List<Entry> entries = new CopyOnWriteArrayList<>();

    Entry add(Kind kind, String requestId, String body) {
        Entry e = new Entry(seq.incrementAndGet(), kind, requestId, body, System.currentTimeMillis());
        entries.add(e);
        return e;
    }

    List<Entry> entries() {
        return List.copyOf(entries);
    }

    Entry only(Kind kind, String requestId) {
        List<Entry> found = entries.stream()
                .filter(e -> e.kind() == kind && requestId.equals(e.requestId()))
                .collect(Collectors.toList());
        if (found.size() != 1) {
            throw new AssertionError("expected one " + kind + " for " + requestId + " but found " + found.size()
                    + "; timeline: " + summary());
        }
        return found.get(0);
    }

    /** @return the batches that arrived after {@code from} and before {@code to} */
    List<Entry> batchesBetween(Entry from, Entry to) {
        return entries.stream()
                .filter(e -> e.kind() == Kind.BATCH && e.seq() > from.seq() && e.seq() < to.seq())
                .collect(Collectors.toList());
    }

    String summary() {
        return entries.stream().map(e -> e.seq() + ":" + e.kind() + (e.requestId() == null ? "" : "(" + e.requestId() + ")"))
                .collect(Collectors.joining(" "));
    }
}
