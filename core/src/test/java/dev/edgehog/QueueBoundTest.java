// SPDX-License-Identifier: Apache-2.0
package dev.edgehog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edgehog.spi.TransportResponse;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The queue never holds more than {@code maxQueueSize} events: the oldest make room, are
 * counted in {@code droppedQueueFull} and reported as {@link ErrorKind#QUEUE_OVERFLOW}, also
 * when undelivered events come back to the queue.
 */
class QueueBoundTest {
    static final String KEY = "phc_queue_bound_test";

    private final List<PostHogException> reported = new CopyOnWriteArrayList<>();
    private final AtomicBoolean down = new AtomicBoolean(true);
    private final RecordingTransport transport = new RecordingTransport((i, request) -> {
        if (down.get()) {
            throw new ConnectException("Connection refused");
        }
        return TransportResponse.of(200);
    });

    @Test
    void dropsTheOldestEventsFirstWhenTheQueueIsFull() {
        PostHog posthog = client().flushAt(5).maxQueueSize(5).build();
        for (int seq = 0; seq < 8; seq++) {
            posthog.capture(event(seq));
        }
        down.set(false);

        DeliveryResult result = posthog.flush();

        assertThat(Batches.seqsOf(transport.deliveredEvents())).containsExactly(3, 4, 5, 6, 7);
        assertThat(result.delivered()).isEqualTo(5);
        assertThat(posthog.stats().droppedQueueFull()).isEqualTo(3);
        assertThat(posthog.stats().lost()).isEqualTo(3);
    }

    @Test
    void reportsEveryOverflowAsQueueOverflow() {
        PostHog posthog = client().flushAt(5).maxQueueSize(5).build();

        for (int seq = 0; seq < 8; seq++) {
            posthog.capture(event(seq));
        }

        List<PostHogException> overflows = reported.stream().filter(e -> e.kind() == ErrorKind.QUEUE_OVERFLOW).toList();
        assertThat(overflows.stream().mapToInt(PostHogException::eventCount).sum()).isEqualTo(3);
        assertThat(posthog.stats().queued()).isEqualTo(5);
    }

    @Test
    void eventsReturnedAfterANetworkFailureStayWithinMaxQueueSize() throws Exception {
        CountDownLatch inFlight = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        RecordingTransport blocking = new RecordingTransport((i, request) -> {
            if (i == 0) {
                inFlight.countDown();
                release.await();
                throw new IOException("Connection reset");
            }
            return TransportResponse.of(200);
        });
        PostHog posthog = client().flushAt(3).maxQueueSize(3).transport(blocking).build();
        posthog.capture(event(0));
        posthog.capture(event(1));
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Future<?> thresholdFlush = other.submit(() -> posthog.capture(event(2)));
            assertThat(inFlight.await(10, TimeUnit.SECONDS)).isTrue();
            for (int seq = 3; seq < 6; seq++) {
                posthog.capture(event(seq));
            }
            release.countDown();
            thresholdFlush.get(10, TimeUnit.SECONDS);

            DeliveryResult result = posthog.flush();

            assertThat(Batches.seqsOf(blocking.deliveredEvents())).containsExactly(3, 4, 5);
            assertThat(result.delivered()).isEqualTo(3);
            assertThat(posthog.stats().droppedQueueFull()).isEqualTo(3);
            assertThat(reported).filteredOn(e -> e.kind() == ErrorKind.QUEUE_OVERFLOW)
                    .extracting(PostHogException::eventCount).containsExactly(3);
        } finally {
            release.countDown();
            other.shutdown();
            assertThat(other.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void failedImmediateSendJoinsAFullQueueByDroppingTheOldest() {
        PostHog posthog = client().flushAt(3).maxQueueSize(3).build();
        posthog.capture(event(0));
        posthog.capture(event(1));
        posthog.captureImmediate(event(2));

        posthog.captureImmediate(event(3));
        down.set(false);
        posthog.flush();

        assertThat(posthog.stats().droppedQueueFull()).isEqualTo(1);
        assertThat(Batches.seqsOf(transport.deliveredEvents())).containsExactly(1, 2, 3);
    }

    private PostHogOptions.Builder client() {
        return PostHog.builder(KEY).host("http://127.0.0.1:9").sendMode(SendMode.BUFFERED).maxRetries(0)
                .retryDelay(Duration.ofMillis(1)).maxRetryDelay(Duration.ofMillis(10))
                .transport(transport).errorListener(reported::add);
    }

    private static Event event(int seq) {
        return Event.builder("queue test").distinctId("user-" + seq).property("seq", seq).build();
    }
}
