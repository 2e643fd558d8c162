// SPDX-License-Identifier: Apache-2.0
package dev.edgehog;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.edgehog.spi.TransportResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The flush deadline bounds everything a flush does, retries and waits included: a slow
 * server cannot hold a flush past it, events it leaves behind stay queued, and no attempt
 * starts after it. The bounds checked are behaviour (the call returned before the server
 * would have answered), not speed.
 */
@ParameterizedClass
@EnumSource(HttpTransport.class)
class FlushDeadlineTest {
    /** The built-in transport under test: every test runs against both. */
    @Parameter
    HttpTransport httpTransport;

    /** Unique per test: see {@link Batches#received(WireMockExtension, String)}. */
    private final String key = "phc_flush_deadline_test_" + UUID.randomUUID();
    static final int SLOW_SERVER_MILLIS = 2_500;

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    @Test
    void flushReturnsAtItsDeadlineWhenTheServerIsSlowAndKeepsTheEvents() {
        server.stubFor(post(urlEqualTo("/batch/")).willReturn(aResponse().withStatus(200).withFixedDelay(SLOW_SERVER_MILLIS)));
        PostHog posthog = client().build();
        capture(posthog, 3);

        long start = System.nanoTime();
        DeliveryResult result = posthog.flush(Duration.ofMillis(300));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(elapsed).as("returned before the server answered").isLessThan(Duration.ofMillis(SLOW_SERVER_MILLIS));
        assertThat(result.deadlineReached()).isTrue();
        assertThat(result).extracting(DeliveryResult::delivered, DeliveryResult::failed, DeliveryResult::pending)
                .containsExactly(0, 0, 3);
        assertThat(result.errors()).isNotEmpty().allSatisfy(e -> assertThat(e.kind()).isEqualTo(ErrorKind.DELIVERY_DEFERRED));
        assertThat(posthog.stats().queued()).isEqualTo(3);
        assertThat(posthog.stats().failed()).isZero();
    }

    @Test
    void eventsLeftByADeadlineAreDeliveredByTheNextFlush() {
        server.stubFor(post(urlEqualTo("/batch/")).willReturn(aResponse().withStatus(200).withFixedDelay(SLOW_SERVER_MILLIS)));
        PostHog posthog = client().build();
        capture(posthog, 3);
        posthog.flush(Duration.ofMillis(200));
        server.resetAll();
        server.stubFor(post(urlEqualTo("/batch/")).willReturn(aResponse().withStatus(200)));

        DeliveryResult result = posthog.flush();

        assertThat(result).isEqualTo(new DeliveryResult(3, 0, 0, 0, 1, false, List.of()));
        List<LoggedRequest> received = Batches.received(server, key);
        assertThat(Batches.seqs(received.subList(received.size() - 1, received.size()))).containsExactly(0, 1, 2);
    }

    @Test
    void neverStartsAnAttemptAfterTheDeadline() {
        int serverMillis = 200;
        int deadlineMillis = 700;
        server.stubFor(post(urlEqualTo("/batch/")).willReturn(aResponse().withStatus(503).withFixedDelay(serverMillis)));
        PostHog posthog = client().maxRetries(50).build();
        capture(posthog, 2);

        DeliveryResult result = posthog.flush(Duration.ofMillis(deadlineMillis));

        // Attempts take at least serverMillis each, so only those started at 0, 200, 400 and
        // 600 ms fit before the deadline; a fifth one would start after it.
        int mostAttempts = (deadlineMillis + serverMillis - 1) / serverMillis;
        assertThat(result.requests()).isBetween(1, mostAttempts);
        assertThat(posthog.stats().requests()).isEqualTo(result.requests());
        assertThat(result.deadlineReached()).isTrue();
        assertThat(result).extracting(DeliveryResult::delivered, DeliveryResult::failed, DeliveryResult::pending)
                .containsExactly(0, 0, 2);
        assertThat(posthog.stats().queued()).isEqualTo(2);
    }

    @Test
    void flushWithADeadlineAlreadyPassedMakesNoRequestAndKeepsTheEvents() {
        server.stubFor(post(urlEqualTo("/batch/")).willReturn(aResponse().withStatus(200)));
        PostHog posthog = client().build();
        capture(posthog, 2);

        DeliveryResult result = posthog.flush(Duration.ZERO);

        assertThat(Batches.received(server, key)).isEmpty();
        assertThat(result).extracting(DeliveryResult::delivered, DeliveryResult::pending, DeliveryResult::requests,
                DeliveryResult::deadlineReached).containsExactly(0, 2, 0, true);
        assertThat(posthog.stats().requests()).isZero();
        assertThat(posthog.stats().queued()).isEqualTo(2);
    }

    @Test
    void doesNotStartARetryWhoseWaitWouldEndPastTheDeadline() {
        server.stubFor(post(urlEqualTo("/batch/")).willReturn(aResponse().withStatus(503)));
        // The first retry would wait between 2 and 4 s (equal jitter on 4 s): past the deadline.
        PostHog posthog = client().maxRetries(3).retryDelay(Duration.ofMillis(4_000))
                .maxRetryDelay(Duration.ofSeconds(10)).build();
        capture(posthog, 2);

        long start = System.nanoTime();
        DeliveryResult result = posthog.flush(Duration.ofMillis(1_500));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(elapsed).as("did not sit out the shortest possible wait").isLessThan(Duration.ofSeconds(2));
        assertThat(Batches.received(server, key)).hasSize(1);
        assertThat(result.requests()).isEqualTo(1);
        assertThat(result.deadlineReached()).isTrue();
        assertThat(result).extracting(DeliveryResult::failed, DeliveryResult::pending).containsExactly(0, 2);
        assertThat(result.errors()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.DELIVERY_DEFERRED);
            assertThat(e.statusCode()).isEqualTo(503);
        });
    }

    @Test
    void immediateCallIsBoundedByTheFlushTimeout() {
        server.stubFor(post(urlEqualTo("/batch/")).willReturn(aResponse().withStatus(200).withFixedDelay(SLOW_SERVER_MILLIS)));
        PostHog posthog = client().sendMode(SendMode.IMMEDIATE).flushTimeout(Duration.ofMillis(300)).build();

        long start = System.nanoTime();
        DeliveryResult result = posthog.captureImmediate(event(0));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(elapsed).isLessThan(Duration.ofMillis(SLOW_SERVER_MILLIS));
        assertThat(result.deadlineReached()).isTrue();
        assertThat(result).extracting(DeliveryResult::delivered, DeliveryResult::pending).containsExactly(0, 1);
        assertThat(posthog.stats().queued()).isEqualTo(1);
    }

    @Test
    void flushWaitingForAnotherFlushGivesUpAtItsDeadline() throws Exception {
        CountDownLatch inFlight = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        RecordingTransport transport = new RecordingTransport((i, request) -> {
            inFlight.countDown();
            release.await();
            return TransportResponse.of(200);
        });
        PostHog posthog = client().httpTransport(null).transport(transport).build();
        capture(posthog, 2);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Future<DeliveryResult> first = other.submit(() -> posthog.flush());
            assertThat(inFlight.await(10, TimeUnit.SECONDS)).isTrue();

            DeliveryResult second = posthog.flush(Duration.ofMillis(100));
            release.countDown();

            assertThat(second.deadlineReached()).isTrue();
            assertThat(second.requests()).isZero();
            assertThat(second.errors()).singleElement().extracting(PostHogException::kind)
                    .isEqualTo(ErrorKind.DELIVERY_DEFERRED);
            assertThat(first.get(10, TimeUnit.SECONDS).delivered()).isEqualTo(2);
        } finally {
            release.countDown();
            other.shutdown();
            assertThat(other.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    private PostHogOptions.Builder client() {
        return PostHog.builder(key).host(server.baseUrl()).httpTransport(httpTransport).sendMode(SendMode.BUFFERED).flushAt(100)
                .retryDelay(Duration.ofMillis(1)).maxRetryDelay(Duration.ofMillis(10))
                .requestTimeout(Duration.ofSeconds(10)).flushTimeout(Duration.ofSeconds(10));
    }

    private static void capture(PostHog posthog, int count) {
        for (int seq = 0; seq < count; seq++) {
            posthog.capture(event(seq));
        }
    }

    private static Event event(int seq) {
        return Event.builder("deadline test").distinctId("user-" + seq).property("seq", seq).build();
    }
}
