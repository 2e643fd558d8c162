// SPDX-License-Identifier: Apache-2.0
package dev.edgehog;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * When requests are made in each send mode: IMMEDIATE sends one request per call before the
 * call returns; BUFFERED sends only when the queue reaches {@code flushAt}, on {@code flush()}
 * and on {@code close()}, and at no other time.
 */
class SendModeTest {
    static final String KEY = "phc_send_mode_test";

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    @BeforeEach
    void acceptBatches() {
        server.stubFor(post(urlEqualTo("/batch/")).willReturn(aResponse().withStatus(200).withBody("{\"status\":\"Ok\"}")));
    }

    @Test
    void immediateModeSendsEachCaptureAsOneRequestBeforeReturning() {
        try (PostHog posthog = client(SendMode.IMMEDIATE).build()) {
            for (int seq = 0; seq < 3; seq++) {
                posthog.capture(event(seq));

                assertThat(Batches.received(server)).as("requests after capture #" + seq).hasSize(seq + 1);
            }
        }

        assertThat(Batches.sizes(Batches.received(server))).containsExactly(1, 1, 1);
        assertThat(Batches.seqs(Batches.received(server))).containsExactly(0, 1, 2);
    }

    @Test
    void immediateModeCaptureReturnsOnlyAfterTheServerAccepted() {
        try (PostHog posthog = client(SendMode.IMMEDIATE).build()) {
            DeliveryResult result = posthog.captureImmediate(event(7));

            assertThat(result).isEqualTo(new DeliveryResult(1, 0, 0, 0, 1, false, List.of()));
            assertThat(posthog.stats().delivered()).isEqualTo(1);
            assertThat(Batches.seqs(Batches.received(server))).containsExactly(7);
        }
    }

    @Test
    void bufferedModeSendsNothingBelowFlushAt() {
        PostHog posthog = client(SendMode.BUFFERED).flushAt(5).build();

        for (int seq = 0; seq < 4; seq++) {
            posthog.capture(event(seq));
        }
        posthog.stats();
        posthog.options();
        posthog.toString();

        assertThat(Batches.received(server)).isEmpty();
        assertThat(posthog.stats().queued()).isEqualTo(4);
    }

    @Test
    void bufferedModeSendsOneBatchWhenTheQueueReachesFlushAt() {
        PostHog posthog = client(SendMode.BUFFERED).flushAt(5).build();

        for (int seq = 0; seq < 5; seq++) {
            posthog.capture(event(seq));
        }

        assertThat(Batches.sizes(Batches.received(server))).containsExactly(5);
        assertThat(Batches.seqs(Batches.received(server))).containsExactly(0, 1, 2, 3, 4);
        assertThat(posthog.stats().queued()).isZero();
        assertThat(posthog.stats().delivered()).isEqualTo(5);
    }

    @Test
    void thresholdFlushRunsOnTheCapturingThread() {
        RecordingTransport transport = RecordingTransport.accepting();
        PostHog posthog = client(SendMode.BUFFERED).flushAt(3).transport(transport).build();

        for (int seq = 0; seq < 3; seq++) {
            posthog.capture(event(seq));
        }

        assertThat(transport.sent()).hasSize(1);
        assertThat(transport.sent().get(0).thread()).isSameAs(Thread.currentThread());
    }

    @Test
    void flushSendsTheEventsLeftBelowFlushAt() {
        PostHog posthog = client(SendMode.BUFFERED).flushAt(5).build();
        for (int seq = 0; seq < 7; seq++) {
            posthog.capture(event(seq));
        }

        DeliveryResult result = posthog.flush();

        assertThat(result).isEqualTo(new DeliveryResult(2, 0, 0, 0, 1, false, List.of()));
        assertThat(Batches.sizes(Batches.received(server))).containsExactly(5, 2);
        assertThat(Batches.seqs(Batches.received(server))).containsExactly(0, 1, 2, 3, 4, 5, 6);
    }

    @Test
    void flushOfAnEmptyQueueSendsNothing() {
        PostHog posthog = client(SendMode.BUFFERED).build();

        DeliveryResult result = posthog.flush();

        assertThat(result.requests()).isZero();
        assertThat(result.isComplete()).isTrue();
        assertThat(Batches.received(server)).isEmpty();
    }

    @Test
    void closeFlushesWhatIsQueued() {
        PostHog posthog = client(SendMode.BUFFERED).flushAt(10).build();
        for (int seq = 0; seq < 3; seq++) {
            posthog.capture(event(seq));
        }

        posthog.close();

        assertThat(Batches.sizes(Batches.received(server))).containsExactly(3);
        assertThat(Batches.seqs(Batches.received(server))).containsExactly(0, 1, 2);
        assertThat(posthog.stats().queued()).isZero();
    }

    @Test
    void shutdownReportsWhatTheFinalFlushDid() {
        PostHog posthog = client(SendMode.BUFFERED).flushAt(10).build();
        posthog.capture(event(0));
        posthog.capture(event(1));

        DeliveryResult result = posthog.shutdown(Duration.ofSeconds(5));

        assertThat(result).isEqualTo(new DeliveryResult(2, 0, 0, 0, 1, false, List.of()));
        assertThat(posthog.isDisabled()).isTrue();
    }

    @Test
    void nothingIsSentAfterClose() {
        PostHog posthog = client(SendMode.BUFFERED).flushAt(1).build();
        posthog.close();

        posthog.capture(event(0));
        DeliveryResult immediate = posthog.captureImmediate(event(1));
        DeliveryResult flush = posthog.flush();

        assertThat(Batches.received(server)).isEmpty();
        assertThat(immediate.dropped()).isEqualTo(1);
        assertThat(flush.requests()).isZero();
        assertThat(posthog.stats().droppedClosed()).isEqualTo(2);
    }

    @Test
    void flushAfterCloseSendsNothingEvenWhenCloseLeftEventsBehind() {
        server.stubFor(post(urlEqualTo("/batch/")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        PostHog posthog = client(SendMode.BUFFERED).flushAt(10).maxRetries(0).build();
        posthog.capture(event(0));
        posthog.close();
        server.resetAll();
        acceptBatches();

        DeliveryResult result = posthog.flush();

        assertThat(Batches.received(server)).isEmpty();
        assertThat(result.requests()).isZero();
    }

    @Test
    void immediateCallInBufferedModeSendsOnlyItsOwnEvent() {
        PostHog posthog = client(SendMode.BUFFERED).flushAt(10).build();
        posthog.capture(event(0));
        posthog.capture(event(1));

        posthog.captureImmediate(event(2));

        assertThat(Batches.sizes(Batches.received(server))).containsExactly(1);
        assertThat(Batches.seqs(Batches.received(server))).containsExactly(2);
        assertThat(posthog.stats().queued()).isEqualTo(2);
    }

    @Test
    void bufferedModeSendsEveryEventTypeOnlyOnFlush() {
        PostHog posthog = client(SendMode.BUFFERED).flushAt(10).build();
        posthog.capture("user-1", "page viewed", Map.of("seq", 0));
        posthog.identify("user-1", Map.of("email", "a@example.com"));
        posthog.alias("user-1", "anon-1");
        posthog.groupIdentify("company", "acme", Map.of("name", "Acme"));
        posthog.captureException(new IllegalStateException("boom"), "user-1");

        List<Integer> before = Batches.sizes(Batches.received(server));
        posthog.flush();

        assertThat(before).isEmpty();
        assertThat(Batches.sizes(Batches.received(server))).containsExactly(5);
    }

    private static PostHogOptions.Builder client(SendMode mode) {
        return PostHog.builder(KEY).host(server.baseUrl()).sendMode(mode)
                .retryDelay(Duration.ofMillis(1)).maxRetryDelay(Duration.ofMillis(10))
                .requestTimeout(Duration.ofSeconds(5)).flushTimeout(Duration.ofSeconds(10));
    }

    private static Event event(int seq) {
        return Event.builder("test event").distinctId("user-" + seq).property("seq", seq).build();
    }
}
