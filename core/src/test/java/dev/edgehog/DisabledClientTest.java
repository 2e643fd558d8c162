// SPDX-License-Identifier: Apache-2.0
package dev.edgehog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edgehog.testing.RecordingTransport;
import dev.edgehog.testing.TestClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A client built with {@code disabled(true)} is a no-op. */
class DisabledClientTest {
    private final RecordingTransport server = new RecordingTransport();
    private final List<PostHogException> reported = new ArrayList<>();
    private final PostHog posthog = TestClients.builder(server).disabled(true).errorListener(reported::add)
            .sendMode(SendMode.BUFFERED).flushAt(1).build();

    static Stream<Arguments> calls() {
        return Stream.of(
                Arguments.of("capture", (Consumer<PostHog>) p -> p.capture("user-1", "e")),
                Arguments.of("identify", (Consumer<PostHog>) p -> p.identify("user-1", Map.of("a", 1))),
                Arguments.of("alias", (Consumer<PostHog>) p -> p.alias("user-1", "anon-1")),
                Arguments.of("groupIdentify", (Consumer<PostHog>) p -> p.groupIdentify("company", "acme", Map.of())),
                Arguments.of("captureException", (Consumer<PostHog>) p -> p.captureException(new IllegalStateException())),
                Arguments.of("captureImmediate", (Consumer<PostHog>) p -> p.captureImmediate("user-1", "e", Map.of())),
                Arguments.of("identifyImmediate", (Consumer<PostHog>) p -> p.identifyImmediate("user-1", Map.of())),
                Arguments.of("aliasImmediate", (Consumer<PostHog>) p -> p.aliasImmediate("user-1", "anon-1")),
                Arguments.of("groupIdentifyImmediate",
                        (Consumer<PostHog>) p -> p.groupIdentifyImmediate(GroupIdentify.builder("company", "acme").build())),
                Arguments.of("captureExceptionImmediate",
                        (Consumer<PostHog>) p -> p.captureExceptionImmediate(new IllegalStateException(), null, null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("calls")
    void makesNoRequest(String name, Consumer<PostHog> call) {
        call.accept(posthog);
        posthog.flush();
        posthog.close();

        assertThat(server.requests()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("calls")
    void countsTheCallAsDroppedClosed(String name, Consumer<PostHog> call) {
        call.accept(posthog);

        assertThat(posthog.stats().droppedClosed()).isEqualTo(1);
        assertThat(posthog.stats().accepted()).isZero();
        assertThat(posthog.stats().queued()).isZero();
    }

    @Test
    void immediateCallsReturnADroppedResult() {
        DeliveryResult result = posthog.captureImmediate("user-1", "e", Map.of());

        assertThat(result.dropped()).isEqualTo(1);
        assertThat(result.delivered()).isZero();
        assertThat(result.requests()).isZero();
        assertThat(result.isComplete()).isFalse();
    }

    @Test
    void invalidCallsAreDroppedAsClosedNotAsInvalid() {
        posthog.capture(null, "e");
        posthog.alias("user-1", null);

        assertThat(posthog.stats().droppedClosed()).isEqualTo(2);
        assertThat(posthog.stats().droppedInvalid()).isZero();
        assertThat(reported).isEmpty();
    }

    @Test
    void reportsNothingToTheListener() {
        posthog.capture("user-1", "e");
        posthog.captureImmediate("user-1", "e", Map.of());

        assertThat(reported).isEmpty();
    }

    @Test
    void flushAndShutdownReturnEmptyResults() {
        posthog.capture("user-1", "e");

        assertThat(posthog.flush()).isEqualTo(DeliveryResult.EMPTY);
        assertThat(posthog.shutdown(Duration.ofSeconds(1))).isEqualTo(DeliveryResult.EMPTY);
    }

    @Test
    void saysItIsDisabled() {
        assertThat(posthog.isDisabled()).isTrue();
        assertThat(posthog.toString()).contains("disabled");
    }

    @Test
    void runsNoBeforeSendHook() {
        List<Event> seen = new ArrayList<>();
        PostHog client = TestClients.builder(server).disabled(true).beforeSend(e -> {
            seen.add(e);
            return e;
        }).build();

        client.capture("user-1", "e");

        assertThat(seen).isEmpty();
    }
}
