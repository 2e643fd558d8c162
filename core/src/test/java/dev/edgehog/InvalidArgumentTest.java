// SPDX-License-Identifier: Apache-2.0
package dev.edgehog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edgehog.testing.LogCapture;
import dev.edgehog.testing.RecordingTransport;
import dev.edgehog.testing.TestClients;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Calls with a null or blank required argument: dropped, counted, logged once and reported,
 * or thrown in strict mode.
 */
class InvalidArgumentTest {
    @RegisterExtension
    final LogCapture logs = new LogCapture();

    private final RecordingTransport server = new RecordingTransport();
    private final List<PostHogException> errors = new ArrayList<>();

    private PostHog client() {
        return TestClients.builder(server).errorListener(errors::add).build();
    }

    /**
     * @return call description, the call, and the words the warning must contain (the method
     *     and the argument to fix)
     */
    static Stream<Arguments> invalidCalls() {
        return Stream.of(
                call("capture with null distinct id", p -> p.capture(null, "clicked"), "capture", "distinct id"),
                call("capture with blank distinct id", p -> p.capture(" \t", "clicked"), "capture", "distinct id"),
                call("capture with null event name", p -> p.capture("user-1", null), "capture", "event name"),
                call("capture with blank event name", p -> p.capture("user-1", ""), "capture", "event name"),
                call("captureImmediate with blank event name",
                        p -> p.captureImmediate("user-1", " ", Map.of()), "captureImmediate", "event name"),
                call("capture of a null event", p -> p.capture((Event) null), "capture", "event"),
                call("identify with null distinct id", p -> p.identify(null, Map.of("a", 1)), "identify", "distinct id"),
                call("identify with blank distinct id",
                        p -> p.identify(Identify.builder(" ").set("a", 1).build()), "identify", "distinct id"),
                call("identifyImmediate with blank distinct id",
                        p -> p.identifyImmediate("", Map.of()), "identifyImmediate", "distinct id"),
                call("identify of a null Identify", p -> p.identify((Identify) null), "identify", "identify"),
                call("alias with null distinct id", p -> p.alias(null, "anon-1"), "alias", "distinct id"),
                call("alias with blank alias", p -> p.alias("user-1", "  "), "alias", "alias"),
                call("alias with null alias", p -> p.alias("user-1", null), "alias", "alias"),
                call("aliasImmediate with blank alias", p -> p.aliasImmediate("user-1", ""), "aliasImmediate", "alias"),
                call("groupIdentify with blank type", p -> p.groupIdentify(" ", "acme", Map.of()), "groupIdentify", "group type"),
                call("groupIdentify with null type", p -> p.groupIdentify(null, "acme", Map.of()), "groupIdentify", "group type"),
                call("groupIdentify with blank key", p -> p.groupIdentify("company", "", Map.of()), "groupIdentify", "group key"),
                call("groupIdentifyImmediate with null key",
                        p -> p.groupIdentifyImmediate(GroupIdentify.builder("company", null).build()),
                        "groupIdentifyImmediate", "group key"),
                call("captureException(null)", p -> p.captureException(null), "captureException", "exception"),
                call("captureExceptionImmediate(null)", p -> p.captureExceptionImmediate(null, "user-1", Map.of()),
                        "captureExceptionImmediate", "exception"),
                call("capture with a null property key", p -> p.capture("user-1", "clicked", nullKey()),
                        "capture", "property key"),
                call("captureImmediate with a null property key",
                        p -> p.captureImmediate("user-1", "clicked", nullKey()), "captureImmediate", "property key"),
                call("identify with a null property key", p -> p.identify("user-1", nullKey()), "identify", "property key"),
                call("identify with a null key inside $set",
                        p -> p.identify("user-1", Map.of("$set", nullKey())), "identify", "property key"),
                call("identifyImmediate with a null key inside $set_once",
                        p -> p.identifyImmediate("user-1", Map.of("$set_once", nullKey())), "identifyImmediate", "property key"),
                call("groupIdentify with a null property key",
                        p -> p.groupIdentify("company", "acme", nullKey()), "groupIdentify", "property key"),
                call("captureException with a null property key",
                        p -> p.captureException(new IllegalStateException(), "user-1", nullKey()), "captureException", "property key"),
                call("captureExceptionImmediate with a null property key",
                        p -> p.captureExceptionImmediate(new IllegalStateException(), "user-1", nullKey()),
                        "captureExceptionImmediate", "property key"));
    }

    private static Map<String, Object> nullKey() {
        Map<String, Object> props = new java.util.HashMap<>();
        props.put("fine", 1);
        props.put(null, "no key");
        return props;
    }

    private static Arguments call(String name, Consumer<PostHog> call, String method, String argument) {
        return Arguments.of(name, call, method, argument);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidCalls")
    void dropsTheCallWithoutARequest(String name, Consumer<PostHog> call, String method, String argument) {
        PostHog posthog = client();

        call.accept(posthog);

        assertThat(server.requests()).isEmpty();
        assertThat(posthog.stats().droppedInvalid()).isEqualTo(1);
        assertThat(posthog.stats().accepted()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidCalls")
    void reportsInvalidArgumentToTheListener(String name, Consumer<PostHog> call, String method, String argument) {
        PostHog posthog = client();

        call.accept(posthog);

        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT);
            assertThat(e.getMessage()).contains(method + ":").contains(argument);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidCalls")
    void logsAWarningNamingTheCallAndTheArgument(String name, Consumer<PostHog> call, String method, String argument) {
        PostHog posthog = client();

        call.accept(posthog);

        assertThat(logs.messages("edgehog.capture", Level.WARNING)).singleElement()
                .satisfies(m -> assertThat(m).startsWith(method + ":").contains(argument).contains("Pass a non-blank"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidCalls")
    void throwsInStrictMode(String name, Consumer<PostHog> call, String method, String argument) {
        PostHog posthog = TestClients.builder(server).errorListener(errors::add).strict(true).build();

        assertThatThrownBy(() -> call.accept(posthog))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(argument);
        assertThat(server.requests()).isEmpty();
        assertThat(errors).isEmpty();
    }

    @Test
    void warnsOncePerCauseAndLogsRepeatsAtDebug() {
        PostHog posthog = client();

        for (int i = 0; i < 3; i++) {
            posthog.capture(null, "clicked");
        }

        assertThat(logs.messages("edgehog.capture", Level.WARNING)).hasSize(1);
        assertThat(logs.messages("edgehog.capture", Level.FINE)).hasSize(2)
                .allSatisfy(m -> assertThat(m).contains("distinct id"));
        assertThat(posthog.stats().droppedInvalid()).isEqualTo(3);
        assertThat(errors).hasSize(3);
    }

    @Test
    void warnsSeparatelyForEachCause() {
        PostHog posthog = client();

        posthog.capture(null, "clicked");
        posthog.capture("user-1", null);
        posthog.alias("user-1", null);

        assertThat(logs.messages("edgehog.capture", Level.WARNING)).hasSize(3);
    }

    @Test
    void immediateCallReturnsADroppedResultWithTheProblem() {
        PostHog posthog = client();

        DeliveryResult result = posthog.captureImmediate(" ", "clicked", Map.of());

        assertThat(result.dropped()).isEqualTo(1);
        assertThat(result.delivered()).isZero();
        assertThat(result.requests()).isZero();
        assertThat(result.errors()).extracting(PostHogException::kind).containsExactly(ErrorKind.INVALID_ARGUMENT);
    }

    @Test
    void validCallsStillFlowAfterAnInvalidOne() {
        PostHog posthog = client();

        posthog.capture(null, "clicked");
        posthog.capture("user-1", "clicked");

        assertThat(server.onlyEvent().get("distinct_id").asText()).isEqualTo("user-1");
    }

    @Test
    void captureExceptionWithoutDistinctIdIsAPersonlessEventNotAnInvalidOne() {
        PostHog posthog = client();

        posthog.captureException(new IllegalStateException("boom"), null);

        JsonNode event = server.onlyEvent();
        UUID distinctId = UUID.fromString(event.get("distinct_id").asText());
        assertThat(distinctId.version()).isEqualTo(7);
        assertThat(event.get("properties").get("$process_person_profile").isBoolean()).isTrue();
        assertThat(event.get("properties").get("$process_person_profile").booleanValue()).isFalse();
        assertThat(posthog.stats().droppedInvalid()).isZero();
        assertThat(errors).isEmpty();
    }

    @Test
    void captureExceptionWithBlankDistinctIdIsPersonlessToo() {
        PostHog posthog = client();

        posthog.captureException(new IllegalStateException("boom"), "  ");

        JsonNode event = server.onlyEvent();
        assertThat(event.get("distinct_id").asText()).isNotBlank().isNotEqualTo("  ");
        assertThat(event.get("properties").get("$process_person_profile").booleanValue()).isFalse();
    }

    @Test
    void captureExceptionWithADistinctIdKeepsThePersonProfile() {
        PostHog posthog = client();

        posthog.captureException(new IllegalStateException("boom"), "user-1");

        JsonNode event = server.onlyEvent();
        assertThat(event.get("distinct_id").asText()).isEqualTo("user-1");
        assertThat(event.get("properties").has("$process_person_profile")).isFalse();
    }

    /** A value whose {@code toString()} fails, as a broken or concurrently changed object may. */
    private static final class Unprintable {
        @Override
        public String toString() {
            throw new IllegalStateException("toString broke");
        }
    }

    @Test
    void dropsAnEventWhosePropertyValueCannotBeWrittenInsteadOfThrowing() {
        PostHog posthog = client();

        posthog.capture("user-1", "broken", Map.of("value", new Unprintable()));

        assertThat(server.requests()).isEmpty();
        assertThat(posthog.stats().droppedInvalid()).isEqualTo(1);
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT);
            assertThat(e.getMessage()).contains("broken").contains("toString broke");
            assertThat(e.getCause()).isInstanceOf(IllegalStateException.class);
        });
    }

    @Test
    void dropsAnEventWhoseListIsModifiedWhileWrittenInsteadOfThrowing() {
        PostHog posthog = client();
        Iterable<Object> changing = () -> {
            throw new java.util.ConcurrentModificationException();
        };

        DeliveryResult result = posthog.captureImmediate("user-1", "racy", Map.of("items", changing));

        assertThat(result.dropped()).isEqualTo(1);
        assertThat(result.errors()).extracting(PostHogException::kind).containsExactly(ErrorKind.INVALID_ARGUMENT);
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void eventsStillFlowAfterAnUnencodableOne() {
        PostHog posthog = client();

        posthog.capture("user-1", "broken", Map.of("value", new Unprintable()));
        posthog.capture("user-1", "fine", Map.of("nested", Map.of("a", List.of(1, 2))));

        assertThat(server.onlyProperties().get("nested"))
                .isEqualTo(RecordingTransport.parse("{\"a\":[1,2]}"));
    }

    @Test
    void strictModeThrowsForAnUnencodableValue() {
        PostHog posthog = TestClients.builder(server).strict(true).build();

        assertThatThrownBy(() -> posthog.capture("user-1", "broken", Map.of("value", new Unprintable())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("broken")
                .hasCauseInstanceOf(IllegalStateException.class);
    }
}
