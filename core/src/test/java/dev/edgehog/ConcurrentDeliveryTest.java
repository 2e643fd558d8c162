// SPDX-License-Identifier: Apache-2.0
package dev.edgehog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.edgehog.spi.TransportResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Many threads capturing in buffered mode while other threads flush: every event is delivered
 * exactly once. The transport is in memory (for speed) but everything else is the real client:
 * queue, threshold flushes, explicit flushes, batch encoding.
 */
class ConcurrentDeliveryTest {
    static final String KEY = "phc_concurrency_test";
    static final int CAPTURING_THREADS = 8;
    static final int FLUSHING_THREADS = 2;

    @Test
    void deliversEveryEventExactlyOnceWhileFlushesRace() throws Exception {
        RecordingTransport transport = RecordingTransport.accepting();
        PostHog posthog = client(transport).build();

        runConcurrently(posthog, 10_000);
        DeliveryResult last = posthog.flush();

        assertThat(last.isComplete()).isTrue();
        assertDeliveredExactlyOnce(transport, 10_000);
        ClientStats stats = posthog.stats();
        assertThat(stats.delivered()).isEqualTo(CAPTURING_THREADS * 10_000L);
        assertThat(stats.lost()).isZero();
        assertThat(stats.queued()).isZero();
    }

    @Test
    void deliversEveryEventExactlyOnceWhenSomeRequestsFailWhileFlushesRace() throws Exception {
        RecordingTransport transport = new RecordingTransport((i, request) -> {
            if (i % 5 == 4) {
                throw new IOException("Connection reset");
            }
            return TransportResponse.of(200);
        });
        PostHog posthog = client(transport).maxRetries(0).build();

        runConcurrently(posthog, 2_500);
        for (int attempt = 0; attempt < 1_000 && posthog.stats().queued() > 0; attempt++) {
            posthog.flush();
        }

        assertDeliveredExactlyOnce(transport, 2_500);
        ClientStats stats = posthog.stats();
        assertThat(stats.delivered()).isEqualTo(CAPTURING_THREADS * 2_500L);
        assertThat(stats.lost()).isZero();
        assertThat(stats.queued()).isZero();
    }

    private static void runConcurrently(PostHog posthog, int capturesPerThread) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CAPTURING_THREADS + FLUSHING_THREADS);
        CountDownLatch start = new CountDownLatch(1);
        AtomicBoolean capturing = new AtomicBoolean(true);
        try {
            List<Future<?>> capturers = new ArrayList<>();
            for (int t = 0; t < CAPTURING_THREADS; t++) {
                int thread = t;
                capturers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < capturesPerThread; i++) {
                        posthog.capture(Event.builder("concurrent").distinctId("user-" + thread)
                                .property("seq", thread + ":" + i).build());
                    }
                    return null;
                }));
            }
            List<Future<?>> flushers = new ArrayList<>();
            for (int t = 0; t < FLUSHING_THREADS; t++) {
                flushers.add(pool.submit(() -> {
                    start.await();
                    while (capturing.get()) {
                        posthog.flush();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : capturers) {
                f.get(60, TimeUnit.SECONDS);
            }
            capturing.set(false);
            for (Future<?> f : flushers) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            capturing.set(false);
            pool.shutdownNow();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static void assertDeliveredExactlyOnce(RecordingTransport transport, int capturesPerThread)
            throws IOException {
        Set<String> seqs = new HashSet<>();
        List<String> duplicates = new ArrayList<>();
        for (RecordingTransport.Sent sent : transport.sent()) {
            if (sent.delivered()) {
                for (String seq : seqs(sent.request().body())) {
                    if (!seqs.add(seq)) {
                        duplicates.add(seq);
                    }
                }
            }
        }
        assertThat(duplicates).as("events delivered twice").isEmpty();
        assertThat(seqs).hasSize(CAPTURING_THREADS * capturesPerThread);
        for (int t = 0; t < CAPTURING_THREADS; t++) {
            assertThat(seqs).contains(t + ":0", t + ":" + (capturesPerThread - 1));
        }
    }

    /** Streams through a batch body (plain JSON here) for the {@code seq} property of each event. */
    private static List<String> seqs(byte[] body) throws IOException {
        List<String> seqs = new ArrayList<>();
        try (JsonParser parser = Batches.JSON.getFactory().createParser(body)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.FIELD_NAME && "seq".equals(parser.currentName())) {
                    parser.nextToken();
                    seqs.add(parser.getText());
                }
            }
        }
        return seqs;
    }

    private static PostHogOptions.Builder client(RecordingTransport transport) {
        return PostHog.builder(KEY).host("http://127.0.0.1:9").sendMode(SendMode.BUFFERED).flushAt(20)
                .maxBatchSize(100).maxQueueSize(100_000).gzip(false)
                .retryDelay(Duration.ZERO).maxRetryDelay(Duration.ofMillis(1)).transport(transport);
    }
}
