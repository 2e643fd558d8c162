// SPDX-License-Identifier: Apache-2.0
package dev.edgehog;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The retry matrix of {@code POST /batch/}: what is retried and how often, what a final failure
 * does to the events (HTTP error: dropped as failed; network error: kept queued), {@code
 * Retry-After}, 413 halving, and that every attempt carries the same events.
 */
@ParameterizedClass
@EnumSource(HttpTransport.class)
class RetryTest {
    /** The built-in transport under test: every test runs against both. */
    @Parameter
    HttpTransport httpTransport;

    /** Unique per test: see {@link Batches#received(WireMockExtension, String)}. */
    private final String key = "phc_retry_test_" + UUID.randomUUID();
    static final int MAX_RETRIES = 2;

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private final List<PostHogException> reported = new CopyOnWriteArrayList<>();

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 408, 429})
    void retriesARetryableStatusThenDropsTheBatchAsFailed(int status) {
        answer(status);
        PostHog posthog = client().build();
        capture(posthog, 2);

        DeliveryResult result = posthog.flush();

        assertThat(Batches.received(server, key)).hasSize(MAX_RETRIES + 1);
        assertThat(result.requests()).isEqualTo(MAX_RETRIES + 1);
        assertThat(result.delivered()).isZero();
        assertThat(result.failed()).isEqualTo(2);
        assertThat(result.pending()).isZero();
        assertThat(result.errors()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.DELIVERY_FAILED);
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(e.eventCount()).isEqualTo(2);
        });
        assertThat(posthog.stats().failed()).isEqualTo(2);
        assertThat(posthog.stats().retries()).isEqualTo(MAX_RETRIES);
        assertThat(posthog.stats().queued()).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404})
    void dropsTheBatchAtOnceOnAClientError(int status) {
        answer(status);
        PostHog posthog = client().build();
        capture(posthog, 2);

        DeliveryResult result = posthog.flush();

        assertThat(Batches.received(server, key)).hasSize(1);
        assertThat(result).extracting(DeliveryResult::delivered, DeliveryResult::failed, DeliveryResult::pending,
                DeliveryResult::requests).containsExactly(0, 2, 0, 1);
        assertThat(result.errors()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.DELIVERY_FAILED);
            assertThat(e.statusCode()).isEqualTo(status);
        });
        assertThat(posthog.stats().retries()).isZero();
        assertThat(posthog.stats().queued()).isZero();
    }

    @Test
    void finalFailureIsReportedToTheErrorListener() {
        answer(503);
        PostHog posthog = client().build();
        capture(posthog, 3);

        posthog.flush();

        assertThat(reported).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.DELIVERY_FAILED);
            assertThat(e.statusCode()).isEqualTo(503);
            assertThat(e.eventCount()).isEqualTo(3);
        });
    }

    @Test
    void waitsAtLeastRetryAfterBeforeRetrying() {
        server.stubFor(post(urlEqualTo("/batch/")).inScenario("throttled").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("retry allowed"));
        server.stubFor(post(urlEqualTo("/batch/")).inScenario("throttled").whenScenarioStateIs("retry allowed")
                .willReturn(aResponse().withStatus(200)));
        PostHog posthog = client().maxRetryDelay(Duration.ofSeconds(2)).build();
        capture(posthog, 2);

        long start = System.nanoTime();
        DeliveryResult result = posthog.flush();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(result).isEqualTo(new DeliveryResult(2, 0, 0, 0, 2, false, List.of()));
        assertThat(elapsed).as("waited for Retry-After: 1").isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(Batches.received(server, key)).hasSize(2);
    }

    @Test
    void keepsEventsQueuedWithoutWaitingWhenRetryAfterExceedsMaxRetryDelay() {
        server.stubFor(post(urlEqualTo("/batch/"))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")));
        PostHog posthog = client().maxRetryDelay(Duration.ofSeconds(1)).flushTimeout(Duration.ofSeconds(60)).build();
        capture(posthog, 2);

        long start = System.nanoTime();
        DeliveryResult result = posthog.flush();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(Batches.received(server, key)).hasSize(1);
        assertThat(result).extracting(DeliveryResult::delivered, DeliveryResult::failed, DeliveryResult::pending,
                DeliveryResult::requests, DeliveryResult::deadlineReached).containsExactly(0, 0, 2, 1, false);
        assertThat(result.errors()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.DELIVERY_DEFERRED);
            assertThat(e.statusCode()).isEqualTo(429);
        });
        assertThat(elapsed).as("did not wait the 30 s asked for").isLessThan(Duration.ofSeconds(30));
        assertThat(posthog.stats().queued()).isEqualTo(2);
    }

    @Test
    void keepsEventsQueuedWhenRetryAfterExceedsMaxRetryDelayEvenWithNoRetriesLeft() {
        server.stubFor(post(urlEqualTo("/batch/"))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")));
        PostHog posthog = client().maxRetries(0).maxRetryDelay(Duration.ofSeconds(1)).build();
        capture(posthog, 2);

        DeliveryResult result = posthog.flush();

        assertThat(result).extracting(DeliveryResult::delivered, DeliveryResult::failed, DeliveryResult::pending,
                DeliveryResult::requests).containsExactly(0, 0, 2, 1);
        assertThat(result.errors()).singleElement().extracting(PostHogException::kind)
                .isEqualTo(ErrorKind.DELIVERY_DEFERRED);
        assertThat(posthog.stats().queued()).isEqualTo(2);
    }

    @Test
    void readsRetryAfterGivenAsAnHttpDate() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        server.stubFor(post(urlEqualTo("/batch/"))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "Thu, 01 Jan 2026 00:01:00 GMT")));
        PostHog posthog = client().clock(Clock.fixed(now, ZoneOffset.UTC)).maxRetryDelay(Duration.ofSeconds(1)).build();
        capture(posthog, 2);

        DeliveryResult result = posthog.flush();

        // 60 s from the client's clock is past maxRetryDelay: kept, not retried.
        assertThat(Batches.received(server, key)).hasSize(1);
        assertThat(result).extracting(DeliveryResult::failed, DeliveryResult::pending).containsExactly(0, 2);
    }

    @Test
    void reportedErrorsNeverContainTheApiKey() {
        server.stubFor(post(urlEqualTo("/batch/")).inScenario("mixed").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("reset"));
        server.stubFor(post(urlEqualTo("/batch/")).inScenario("mixed").whenScenarioStateIs("reset")
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("rejected"));
        server.stubFor(post(urlEqualTo("/batch/")).inScenario("mixed").whenScenarioStateIs("rejected")
                .willReturn(aResponse().withStatus(400)));
        PostHog posthog = client().maxRetries(0).build();

        for (int i = 0; i < 3; i++) {
            posthog.capture(event(i));
            posthog.flush();
        }

        assertThat(reported).hasSize(3);
        for (PostHogException e : reported) {
            assertThat(e.getMessage()).doesNotContain(key);
            assertThat(String.valueOf(e.getCause())).doesNotContain(key);
        }
    }

    @Test
    void halvesTheBatchOn413AndDeliversEveryEventInSmallerRequests() {
        rejectBatchesLargerThan(4);
        PostHog posthog = client().build();
        capture(posthog, 8);

        DeliveryResult result = posthog.flush();

        assertThat(Batches.sizes(Batches.received(server, key))).containsExactly(8, 4, 4);
        assertThat(result).isEqualTo(new DeliveryResult(8, 0, 0, 0, 3, false, List.of()));
        List<LoggedRequest> requests = Batches.received(server, key);
        assertThat(Batches.seqs(requests.subList(1, 3))).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
    }

    @Test
    void keepsTheHalvedBatchSizeForLaterFlushes() {
        rejectBatchesLargerThan(4);
        PostHog posthog = client().build();
        capture(posthog, 8);
        posthog.flush();
        server.resetRequests();
        capture(posthog, 8);

        DeliveryResult result = posthog.flush();

        assertThat(Batches.sizes(Batches.received(server, key))).containsExactly(4, 4);
        assertThat(result.requests()).isEqualTo(2);
        assertThat(result.delivered()).isEqualTo(8);
    }

    @Test
    void dropsASingleEventThatGets413() {
        answer(413);
        PostHog posthog = client().build();
        capture(posthog, 1);

        DeliveryResult result = posthog.flush();

        assertThat(Batches.received(server, key)).hasSize(1);
        assertThat(result).extracting(DeliveryResult::delivered, DeliveryResult::failed, DeliveryResult::pending,
                DeliveryResult::requests).containsExactly(0, 1, 0, 1);
        assertThat(result.errors()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.DELIVERY_FAILED);
            assertThat(e.statusCode()).isEqualTo(413);
        });
        assertThat(posthog.stats().failed()).isEqualTo(1);
        assertThat(posthog.stats().queued()).isZero();
    }

    @Test
    void splitsDownToSingleEventsAndDropsEachWhenEvery413Persists() {
        answer(413);
        PostHog posthog = client().build();
        capture(posthog, 2);

        DeliveryResult result = posthog.flush();

        assertThat(Batches.sizes(Batches.received(server, key))).containsExactly(2, 1, 1);
        assertThat(result).extracting(DeliveryResult::delivered, DeliveryResult::failed, DeliveryResult::pending,
                DeliveryResult::requests).containsExactly(0, 2, 0, 3);
    }

    @Test
    void immediateSendThatGets413IsDroppedAsFailed() {
        answer(413);
        PostHog posthog = client().sendMode(SendMode.IMMEDIATE).build();

        DeliveryResult result = posthog.captureImmediate(event(0));

        assertThat(result).extracting(DeliveryResult::delivered, DeliveryResult::failed, DeliveryResult::pending,
                DeliveryResult::requests).containsExactly(0, 1, 0, 1);
        assertThat(result.errors()).singleElement().extracting(PostHogException::statusCode).isEqualTo(413);
    }

    @Test
    void keepsEventsQueuedAfterConnectionResetsAndDeliversThemOnceTheServerRecovers() {
        server.stubFor(post(urlEqualTo("/batch/")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        PostHog posthog = client().build();
        capture(posthog, 3);

        DeliveryResult failed = posthog.flush();
        List<String> attempted = Batches.uuids(Batches.events(Batches.received(server, key).get(0)));
        server.resetAll();
        answer(200);
        DeliveryResult recovered = posthog.flush();

        assertThat(failed).extracting(DeliveryResult::delivered, DeliveryResult::failed, DeliveryResult::pending,
                DeliveryResult::requests).containsExactly(0, 0, 3, MAX_RETRIES + 1);
        assertThat(failed.errors()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.DELIVERY_DEFERRED);
            assertThat(e.statusCode()).isZero();
            assertThat(e.getCause()).isInstanceOf(java.io.IOException.class);
        });
        assertThat(recovered).isEqualTo(new DeliveryResult(3, 0, 0, 0, 1, false, List.of()));
        assertThat(Batches.uuids(Batches.events(Batches.received(server, key).get(0)))).isEqualTo(attempted);
        assertThat(posthog.stats().lost()).isZero();
    }

    @Test
    void treatsARequestTimeoutAsANetworkErrorAndKeepsTheEvents() {
        server.stubFor(post(urlEqualTo("/batch/")).willReturn(aResponse().withStatus(200).withFixedDelay(1500)));
        PostHog posthog = client().requestTimeout(Duration.ofMillis(150)).maxRetries(1).build();
        capture(posthog, 2);

        DeliveryResult result = posthog.flush();

        assertThat(result).extracting(DeliveryResult::delivered, DeliveryResult::failed, DeliveryResult::pending,
                DeliveryResult::requests, DeliveryResult::deadlineReached).containsExactly(0, 0, 2, 2, false);
        assertThat(result.errors()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.DELIVERY_DEFERRED);
            assertThat(e.getCause()).isInstanceOf(HttpTimeoutException.class);
        });
        assertThat(posthog.stats().queued()).isEqualTo(2);
    }

    @Test
    void deliversAfterTwoFailuresSendingTheSameEventsEveryTime() {
        server.stubFor(post(urlEqualTo("/batch/")).inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("failed once"));
        server.stubFor(post(urlEqualTo("/batch/")).inScenario("flaky").whenScenarioStateIs("failed once")
                .willReturn(aResponse().withStatus(502)).willSetStateTo("failed twice"));
        server.stubFor(post(urlEqualTo("/batch/")).inScenario("flaky").whenScenarioStateIs("failed twice")
                .willReturn(aResponse().withStatus(200)));
        PostHog posthog = client().maxRetries(3).build();
        capture(posthog, 4);

        DeliveryResult result = posthog.flush();

        assertThat(result).isEqualTo(new DeliveryResult(4, 0, 0, 0, 3, false, List.of()));
        List<LoggedRequest> attempts = Batches.received(server, key);
        assertThat(attempts).hasSize(3);
        List<String> first = Batches.uuids(Batches.events(attempts.get(0)));
        assertThat(first).hasSize(4).doesNotHaveDuplicates();
        for (LoggedRequest attempt : attempts) {
            assertThat(Batches.uuids(Batches.events(attempt))).isEqualTo(first);
        }
        assertThat(posthog.stats().retries()).isEqualTo(2);
        assertThat(reported).isEmpty();
    }

    private void answer(int status) {
        server.stubFor(post(urlEqualTo("/batch/")).willReturn(aResponse().withStatus(status)));
    }

    private void rejectBatchesLargerThan(int most) {
        server.stubFor(post(urlEqualTo("/batch/")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.batch[" + most + "]"))
                .willReturn(aResponse().withStatus(413)));
        server.stubFor(post(urlEqualTo("/batch/")).atPriority(5).willReturn(aResponse().withStatus(200)));
    }

    private PostHogOptions.Builder client() {
        return PostHog.builder(key).host(server.baseUrl()).sendMode(SendMode.BUFFERED).flushAt(100)
                .maxRetries(MAX_RETRIES).retryDelay(Duration.ofMillis(1)).maxRetryDelay(Duration.ofMillis(10))
                .requestTimeout(Duration.ofSeconds(5)).flushTimeout(Duration.ofSeconds(10))
                .errorListener(reported::add).httpTransport(httpTransport);
    }

    private static void capture(PostHog posthog, int count) {
        for (int seq = 0; seq < count; seq++) {
            posthog.capture(event(seq));
        }
    }

    private static Event event(int seq) {
        return Event.builder("retry test").distinctId("user-" + seq).property("seq", seq).build();
    }
}
