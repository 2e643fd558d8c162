// SPDX-License-Identifier: Apache-2.0
package dev.edgehog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edgehog.spi.TransportResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link DeliveryResult} is honest: its counts add up to the events the call handled, and they
 * agree with what the server actually saw (recorded by a {@link RecordingTransport}).
 */
class DeliveryResultAccountingTest {
    static final String KEY = "phc_accounting_test";

    @Test
    void flushCountsAddUpToTheEventsQueuedAndMatchWhatTheServerSaw() {
        RecordingTransport transport = new RecordingTransport((i, request) -> switch (i) {
            case 0 -> TransportResponse.of(200);
            case 1 -> TransportResponse.of(400);
            default -> throw new IOException("Connection reset");
        });
        PostHog posthog = splittingClient(transport).build();
        for (int seq = 0; seq < 6; seq++) {
            posthog.capture(paddedEvent(seq));
        }

        DeliveryResult result = posthog.flush();

        List<RecordingTransport.Sent> sent = transport.sent();
        assertThat(sent).hasSize(3);
        assertThat(result.delivered()).isEqualTo(sent.get(0).events().size());
        assertThat(result.failed()).isEqualTo(sent.get(1).events().size());
        assertThat(result.pending()).isEqualTo(6 - result.delivered() - result.failed());
        assertThat(result.delivered() + result.failed() + result.dropped() + result.pending()).isEqualTo(6);
        assertThat(result.requests()).isEqualTo(3);
        assertThat(posthog.stats().queued()).isEqualTo(result.pending());
    }

    @Test
    void flushStoppedByANetworkErrorCountsEveryUnsentEventAsPending() {
        RecordingTransport transport = new RecordingTransport((i, request) -> {
            throw new IOException("Connection reset");
        });
        PostHog posthog = splittingClient(transport).build();
        for (int seq = 0; seq < 6; seq++) {
            posthog.capture(paddedEvent(seq));
        }

        DeliveryResult result = posthog.flush();

        assertThat(transport.sent()).hasSize(1);
        assertThat(result).isEqualTo(new DeliveryResult(0, 0, 0, 6, 1, false, result.errors()));
    }

    @Test
    void immediateResultInBufferedModeCountsOnlyItsOwnEvent() {
        PostHog posthog = bufferedClient(RecordingTransport.accepting()).build();
        for (int seq = 0; seq < 3; seq++) {
            posthog.capture(event(seq));
        }

        DeliveryResult result = posthog.captureImmediate(event(3));

        assertThat(result).isEqualTo(new DeliveryResult(1, 0, 0, 0, 1, false, List.of()));
        assertThat(result.isComplete()).isTrue();
        assertThat(posthog.stats().queued()).isEqualTo(3);
    }

    @Test
    void droppedImmediateCallCountsOnlyItself() {
        PostHog posthog = bufferedClient(RecordingTransport.accepting()).build();
        for (int seq = 0; seq < 3; seq++) {
            posthog.capture(event(seq));
        }

        DeliveryResult result = posthog.captureImmediate(Event.builder("no one").distinctId(" ").build());

        assertThat(result).extracting(DeliveryResult::delivered, DeliveryResult::failed, DeliveryResult::dropped,
                DeliveryResult::pending, DeliveryResult::requests).containsExactly(0, 0, 1, 0, 0);
        assertThat(result.errors()).singleElement().extracting(PostHogException::kind)
                .isEqualTo(ErrorKind.INVALID_ARGUMENT);
    }

    @Test
    void immediateAliasWithABlankAliasCountsOnlyItself() {
        PostHog posthog = bufferedClient(RecordingTransport.accepting()).build();
        posthog.capture(event(0));

        DeliveryResult result = posthog.aliasImmediate("user-1", "");

        assertThat(result).extracting(DeliveryResult::dropped, DeliveryResult::pending).containsExactly(1, 0);
    }

    @Test
    void randomFaultsNeverMakeTheCountsDisagreeWithTheServer() {
        Random random = new Random(20261127L);
        RecordingTransport transport = new RecordingTransport((i, request) -> {
            int roll = random.nextInt(100);
            if (roll < 50) {
                return TransportResponse.of(200);
            } else if (roll < 60) {
                return TransportResponse.of(503);
            } else if (roll < 70) {
                return TransportResponse.of(400);
            } else if (roll < 80) {
                return TransportResponse.of(413);
            }
            throw new IOException("Connection reset");
        });
        PostHog posthog = bufferedClient(transport).flushAt(7).maxQueueSize(40).maxRetries(1).build();
        int seq = 0;

        for (int round = 0; round < 60; round++) {
            for (int n = random.nextInt(12); n > 0; n--) {
                posthog.capture(event(seq++));
            }
            int queuedBefore = posthog.stats().queued();
            int requestsBefore = transport.sent().size();
            DeliveryResult result = posthog.flush();
            List<RecordingTransport.Sent> made = transport.sent().subList(requestsBefore, transport.sent().size());

            assertThat(result.delivered() + result.failed() + result.dropped() + result.pending())
                    .as("round %d: %s", round, result).isEqualTo(queuedBefore);
            assertThat(result.requests()).as("round %d requests", round).isEqualTo(made.size());
            assertThat(result.delivered()).as("round %d delivered", round)
                    .isEqualTo(made.stream().filter(RecordingTransport.Sent::delivered).mapToInt(s -> s.events().size()).sum());
            assertThat(result.pending()).isEqualTo(posthog.stats().queued());
        }

        ClientStats stats = posthog.stats();
        Set<String> deliveredUuids = new HashSet<>();
        for (JsonNode e : transport.deliveredEvents()) {
            assertThat(deliveredUuids.add(e.get("uuid").asText())).as("delivered once: %s", e).isTrue();
        }
        assertThat(stats.delivered()).isEqualTo(deliveredUuids.size());
        assertThat(stats.accepted()).isEqualTo(seq);
        assertThat(stats.delivered() + stats.failed() + stats.droppedQueueFull() + stats.queued()).isEqualTo(seq);
        assertThat(stats.requests()).isEqualTo(transport.sent().size());
    }

    /** Two padded events fill one 1024-byte request, so six events make three requests. */
    private static PostHogOptions.Builder splittingClient(RecordingTransport transport) {
        return bufferedClient(transport).flushAt(100).maxEventBytes(1024).maxBatchBytes(1024).maxRetries(0);
    }

    private static PostHogOptions.Builder bufferedClient(RecordingTransport transport) {
        return PostHog.builder(KEY).host("http://127.0.0.1:9").sendMode(SendMode.BUFFERED).flushAt(100)
                .retryDelay(Duration.ZERO).maxRetryDelay(Duration.ofMillis(1)).transport(transport);
    }

    private static Event event(int seq) {
        return Event.builder("accounting test").distinctId("user-" + seq).property("seq", seq).build();
    }

    private static Event paddedEvent(int seq) {
        return Event.builder("accounting test").distinctId("user-" + seq).property("seq", seq)
                .property("padding", "x".repeat(300)).build();
    }
}
