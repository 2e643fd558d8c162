// SPDX-License-Identifier: Apache-2.0
package dev.edgehog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edgehog.testing.RecordingTransport;
import dev.edgehog.testing.TestClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Calls after {@code close()}: no-ops, reported once. */
class ClosedClientTest {
    private final RecordingTransport server = new RecordingTransport();
    private final List<PostHogException> reported = new ArrayList<>();
    private final PostHog posthog = TestClients.builder(server).errorListener(reported::add).build();

    private void callEverything() {
        posthog.capture("user-1", "e");
        posthog.captureImmediate("user-1", "e", Map.of());
        posthog.identify("user-1", Map.of("a", 1));
        posthog.alias("user-1", "anon-1");
        posthog.groupIdentify("company", "acme", Map.of());
        posthog.captureException(new IllegalStateException("late"));
    }

    @Test
    void makesNoRequestAfterClose() {
        posthog.close();

        callEverything();
        posthog.flush();

        assertThat(server.requests()).isEmpty();
    }

    @Test
    void reportsClientClosedExactlyOnce() {
        posthog.close();

        callEverything();

        assertThat(reported).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.CLIENT_CLOSED);
            assertThat(e.getMessage()).contains("capture").contains("close()");
        });
    }

    @Test
    void countsEveryCallAfterCloseAsDroppedClosed() {
        posthog.close();

        callEverything();

        assertThat(posthog.stats().droppedClosed()).isEqualTo(6);
    }

    @Test
    void immediateCallAfterCloseReturnsADroppedResult() {
        posthog.close();

        DeliveryResult result = posthog.captureImmediate("user-1", "e", Map.of());

        assertThat(result.dropped()).isEqualTo(1);
        assertThat(result.requests()).isZero();
    }

    @Test
    void closeFlushesWhatWasQueued() {
        PostHog buffered = TestClients.builder(server).sendMode(SendMode.BUFFERED).build();
        buffered.capture("user-1", "queued");

        buffered.close();

        assertThat(server.onlyEvent().get("event").asText()).isEqualTo("queued");
    }

    @Test
    void aSecondShutdownDoesNothing() {
        PostHog buffered = TestClients.builder(server).sendMode(SendMode.BUFFERED).build();
        buffered.capture("user-1", "queued");
        buffered.shutdown(Duration.ofSeconds(2));

        DeliveryResult second = buffered.shutdown(Duration.ofSeconds(2));

        assertThat(second).isEqualTo(DeliveryResult.EMPTY);
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void saysItIsDisabledOnceClosed() {
        posthog.close();

        assertThat(posthog.isDisabled()).isTrue();
    }
}
