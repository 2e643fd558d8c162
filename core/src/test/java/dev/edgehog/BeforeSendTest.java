// SPDX-License-Identifier: Apache-2.0
package dev.edgehog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edgehog.testing.RecordingTransport;
import dev.edgehog.testing.TestClients;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The {@link BeforeSend} hooks: order, changes, drops and failures. */
class BeforeSendTest {
    private final RecordingTransport server = new RecordingTransport();
    private final List<PostHogException> errors = new ArrayList<>();

    private PostHog client(BeforeSend... hooks) {
        PostHogOptions.Builder b = TestClients.builder(server).errorListener(errors::add);
        for (BeforeSend hook : hooks) {
            b.beforeSend(hook);
        }
        return b.build();
    }

    @Test
    void aHookCanChangeTheProperties() {
        PostHog posthog = client(e -> e.toBuilder().property("plan", "pro").clearProperties().property("added", 1).build());

        posthog.capture("user-1", "signed up", Map.of("email", "secret@example.com"));

        JsonNode props = server.onlyProperties();
        assertThat(props.has("email")).isFalse();
        assertThat(props.get("added").asInt()).isEqualTo(1);
    }

    @Test
    void hooksRunInOrderEachSeeingThePreviousResult() {
        PostHog posthog = client(
                e -> e.toBuilder().property("trail", e.properties().get("trail") + "-first").build(),
                e -> e.toBuilder().property("trail", e.properties().get("trail") + "-second").build());

        posthog.capture("user-1", "step", Map.of("trail", "start"));

        assertThat(server.onlyProperties().get("trail").asText()).isEqualTo("start-first-second");
    }

    @Test
    void aHookReturningNullDropsTheEventWithoutARequest() {
        PostHog posthog = client(e -> null);

        DeliveryResult result = posthog.captureImmediate("user-1", "dropped", Map.of());

        assertThat(server.requests()).isEmpty();
        assertThat(result.dropped()).isEqualTo(1);
        assertThat(posthog.stats().droppedByHook()).isEqualTo(1);
        assertThat(errors).isEmpty();
    }

    @Test
    void aHookReturningNullStopsTheLaterHooks() {
        List<String> ran = new ArrayList<>();
        PostHog posthog = client(e -> null, e -> {
            ran.add(e.name());
            return e;
        });

        posthog.capture("user-1", "dropped");

        assertThat(ran).isEmpty();
    }

    @Test
    void aThrowingHookDropsTheEventWithoutARequest() {
        PostHog posthog = client(e -> {
            throw new IllegalStateException("hook bug");
        });

        posthog.capture("user-1", "doomed");

        assertThat(server.requests()).isEmpty();
        assertThat(posthog.stats().droppedHookFailure()).isEqualTo(1);
        assertThat(posthog.stats().accepted()).isZero();
    }

    @Test
    void aThrowingHookIsReportedAsBeforeSendFailedWithTheCause() {
        IllegalStateException bug = new IllegalStateException("hook bug");
        PostHog posthog = client(e -> {
            throw bug;
        });

        posthog.capture("user-1", "doomed");

        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.BEFORE_SEND_FAILED);
            assertThat(e.getCause()).isSameAs(bug);
            assertThat(e.getMessage()).contains("doomed");
        });
    }

    @Test
    void eventsAfterAThrowingHookStillFlow() {
        PostHog posthog = client(e -> {
            if (e.name().equals("doomed")) {
                throw new IllegalStateException("hook bug");
            }
            return e;
        });

        posthog.capture("user-1", "doomed");
        posthog.capture("user-1", "fine");

        assertThat(server.onlyEvent().get("event").asText()).isEqualTo("fine");
    }

    @Test
    void theHookSeesTheAssignedUuidAndTimestamp() {
        AtomicReference<Event> seen = new AtomicReference<>();
        PostHog posthog = client(e -> {
            seen.set(e);
            return e;
        });

        posthog.capture("user-1", "seen");

        JsonNode wire = server.onlyEvent();
        assertThat(seen.get().uuid()).isNotNull().isEqualTo(wire.get("uuid").asText());
        assertThat(seen.get().timestamp()).isEqualTo(TestClients.NOW);
    }

    @Test
    void theHookDoesNotSeeLibraryProperties() {
        AtomicReference<Event> seen = new AtomicReference<>();
        PostHog posthog = client(e -> {
            seen.set(e);
            return e;
        });

        posthog.capture("user-1", "seen", Map.of("mine", 1));

        assertThat(seen.get().properties()).containsOnlyKeys("mine");
        assertThat(server.onlyProperties().has("$lib")).isTrue();
    }

    @Test
    void theHookRunsForAQueuedEventAtCaptureTime() {
        List<String> ran = new ArrayList<>();
        PostHog posthog = TestClients.builder(server).sendMode(SendMode.BUFFERED).beforeSend(e -> {
            ran.add(e.name());
            return e;
        }).build();

        posthog.capture("user-1", "queued");

        assertThat(ran).containsExactly("queued");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void aQueuedEventIsSentAsTheHookChangedIt() {
        PostHog posthog = TestClients.builder(server).sendMode(SendMode.BUFFERED)
                .beforeSend(e -> e.toBuilder().property("hooked", true).build()).build();
        posthog.capture("user-1", "queued");

        posthog.flush();

        assertThat(server.onlyProperties().get("hooked").booleanValue()).isTrue();
    }

    @Test
    void theHookRunsForIdentifyToo() {
        PostHog posthog = client(e -> e.toBuilder().property("hooked", e.name()).build());

        posthog.identify("user-1", Map.of("plan", "pro"));

        assertThat(server.onlyProperties().get("hooked").asText()).isEqualTo("$identify");
    }

    @Test
    void aHookThatBlanksTheDistinctIdDropsTheEventAsInvalid() {
        PostHog posthog = client(e -> e.toBuilder().distinctId(" ").build());

        posthog.capture("user-1", "anonymised");

        assertThat(server.requests()).isEmpty();
        assertThat(errors).extracting(PostHogException::kind).containsExactly(ErrorKind.INVALID_ARGUMENT);
        assertThat(posthog.stats().droppedInvalid()).isEqualTo(1);
    }
}
