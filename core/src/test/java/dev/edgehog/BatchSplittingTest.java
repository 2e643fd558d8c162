// SPDX-License-Identifier: Apache-2.0
package dev.edgehog;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.edgehog.spi.TransportResponse;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How queued events are cut into requests: by {@code flushAt}, {@code maxBatchSize} and {@code maxBatchBytes}. */
class BatchSplittingTest {
    static final String KEY = "phc_batch_splitting_test";

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    @Test
    void sendsTwoHundredFiftyEventsAsRequestsOfOneHundredOneHundredAndFifty() {
        server.stubFor(post(urlEqualTo("/batch/")).willReturn(aResponse().withStatus(200)));
        PostHog posthog = client().flushAt(100).maxBatchSize(100).build();
        for (int seq = 0; seq < 250; seq++) {
            posthog.capture(event(seq, ""));
        }

        DeliveryResult result = posthog.flush();

        assertThat(Batches.sizes(Batches.received(server))).containsExactly(100, 100, 50);
        assertThat(Batches.seqs(Batches.received(server))).isEqualTo(IntStream.range(0, 250).boxed().toList());
        assertThat(result.delivered()).isEqualTo(50);
        assertThat(posthog.stats().delivered()).isEqualTo(250);
    }

    @Test
    void flushSplitsABacklogIntoRequestsOfMaxBatchSize() {
        AtomicBoolean down = new AtomicBoolean(true);
        RecordingTransport transport = new RecordingTransport((i, request) -> {
            if (down.get()) {
                throw new ConnectException("Connection refused");
            }
            return TransportResponse.of(200);
        });
        PostHog posthog = client().flushAt(100).maxBatchSize(100).maxRetries(0).transport(transport).build();
        for (int seq = 0; seq < 250; seq++) {
            posthog.capture(event(seq, ""));
        }
        down.set(false);
        int failedAttempts = transport.sent().size();

        DeliveryResult result = posthog.flush();

        List<RecordingTransport.Sent> sent = transport.sent().subList(failedAttempts, transport.sent().size());
        assertThat(sent).extracting(s -> s.events().size()).containsExactly(100, 100, 50);
        List<Integer> seqs = new ArrayList<>();
        sent.forEach(s -> seqs.addAll(Batches.seqsOf(s.events())));
        assertThat(seqs).isEqualTo(IntStream.range(0, 250).boxed().toList());
        assertThat(result).isEqualTo(new DeliveryResult(250, 0, 0, 0, 3, false, List.of()));
    }

    @Test
    void maxBatchSizeIsRaisedToFlushAt() {
        server.stubFor(post(urlEqualTo("/batch/")).willReturn(aResponse().withStatus(200)));
        PostHog posthog = client().flushAt(30).maxBatchSize(10).build();

        for (int seq = 0; seq < 30; seq++) {
            posthog.capture(event(seq, ""));
        }

        assertThat(Batches.sizes(Batches.received(server))).containsExactly(30);
    }

    @ParameterizedTest
    @ValueSource(ints = {180, 230, 250, 270, 290, 310, 330})
    void keepsEveryRequestBodyWithinMaxBatchBytes(int padding) {
        RecordingTransport transport = RecordingTransport.accepting();
        int maxBatchBytes = 1024;
        PostHog posthog = client().gzip(false).maxEventBytes(1024).maxBatchBytes(maxBatchBytes).flushAt(1000)
                .transport(transport).build();
        for (int seq = 0; seq < 12; seq++) {
            posthog.capture(event(seq, "x".repeat(padding)));
        }

        posthog.flush();

        List<RecordingTransport.Sent> sent = transport.sent();
        assertThat(sent).hasSizeGreaterThan(1);
        for (RecordingTransport.Sent s : sent) {
            assertThat(s.request().body().length).as("request body bytes").isLessThanOrEqualTo(maxBatchBytes);
        }
        List<Integer> seqs = new ArrayList<>();
        sent.forEach(s -> seqs.addAll(Batches.seqsOf(s.events())));
        assertThat(seqs).isEqualTo(IntStream.range(0, 12).boxed().toList());
    }

    @Test
    void fillsEachRequestAsFarAsMaxBatchBytesAllows() throws IOException {
        RecordingTransport transport = RecordingTransport.accepting();
        int maxBatchBytes = 1024;
        PostHog posthog = client().gzip(false).maxEventBytes(1024).maxBatchBytes(maxBatchBytes).flushAt(1000)
                .transport(transport).build();
        for (int seq = 0; seq < 12; seq++) {
            posthog.capture(event(seq, "x".repeat(200)));
        }

        posthog.flush();

        List<RecordingTransport.Sent> sent = transport.sent();
        for (int i = 0; i + 1 < sent.size(); i++) {
            byte[] body = sent.get(i).request().body();
            JsonNode nextEvent = sent.get(i + 1).events().get(0);
            int withNext = body.length + 1 + Batches.JSON.writeValueAsBytes(nextEvent).length;
            assertThat(withNext).as("request %d plus the next event", i).isGreaterThan(maxBatchBytes);
        }
    }

    private static PostHogOptions.Builder client() {
        return PostHog.builder(KEY).host(server.baseUrl()).sendMode(SendMode.BUFFERED)
                .retryDelay(Duration.ofMillis(1)).maxRetryDelay(Duration.ofMillis(10))
                .requestTimeout(Duration.ofSeconds(5)).flushTimeout(Duration.ofSeconds(10));
    }

    private static Event event(int seq, String padding) {
        return Event.builder("split test").distinctId("user-" + seq).property("seq", seq)
                .property("padding", padding).build();
    }
}
