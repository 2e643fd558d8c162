// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edgehog.DeliveryResult;
import dev.edgehog.ErrorKind;
import dev.edgehog.Event;
import dev.edgehog.PostHog;
import dev.edgehog.PostHogException;
import dev.edgehog.testing.RecordingTransport;
import dev.edgehog.testing.TestClients;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Event preparation seen from the wire: the size limit, privacy mode, event uuids and
 * timestamps.
 */
class EventPreparerTest {
    private final RecordingTransport server = new RecordingTransport();
    private final List<PostHogException> errors = new ArrayList<>();

    // ---------------------------------------------------------------- size limit

    @Test
    void dropsAnEventOverMaxEventBytesWithoutARequest() {
        PostHog posthog = TestClients.builder(server).maxEventBytes(2048).errorListener(errors::add).build();

        posthog.capture("user-1", "huge", Map.of("blob", "x".repeat(5000)));

        assertThat(server.requests()).isEmpty();
        assertThat(posthog.stats().droppedTooLarge()).isEqualTo(1);
        assertThat(posthog.stats().accepted()).isZero();
    }

    @Test
    void reportsEventTooLargeNamingTheSizeAndTheLimit() {
        PostHog posthog = TestClients.builder(server).maxEventBytes(2048).errorListener(errors::add).build();

        posthog.capture("user-1", "huge", Map.of("blob", "x".repeat(5000)));

        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.EVENT_TOO_LARGE);
            assertThat(e.getMessage()).contains("huge").contains("2048").contains("maxEventBytes");
            Matcher size = Pattern.compile("is (\\d+) bytes").matcher(e.getMessage());
            assertThat(size.find()).as("message names the size: %s", e.getMessage()).isTrue();
            assertThat(Integer.parseInt(size.group(1))).isBetween(5000, 5600);
        });
    }

    @Test
    void immediateCallReturnsTheTooLargeProblem() {
        PostHog posthog = TestClients.builder(server).maxEventBytes(1024).build();

        DeliveryResult result = posthog.captureImmediate("user-1", "huge", Map.of("blob", "x".repeat(2000)));

        assertThat(result.dropped()).isEqualTo(1);
        assertThat(result.errors()).extracting(PostHogException::kind).containsExactly(ErrorKind.EVENT_TOO_LARGE);
    }

    @Test
    void sendsAnEventJustUnderTheLimit() {
        PostHog posthog = TestClients.builder(server).maxEventBytes(2048).errorListener(errors::add).build();

        posthog.capture("user-1", "fits", Map.of("blob", "x".repeat(1500)));

        assertThat(server.events()).hasSize(1);
        assertThat(errors).isEmpty();
    }

    @Test
    void countsMultiByteCharactersAsTheirUtf8Bytes() {
        PostHog posthog = TestClients.builder(server).maxEventBytes(2048).errorListener(errors::add).build();

        posthog.capture("user-1", "wide", Map.of("blob", "\u20ac".repeat(1000)));

        assertThat(server.requests()).isEmpty();
        assertThat(errors).extracting(PostHogException::kind).containsExactly(ErrorKind.EVENT_TOO_LARGE);
    }

    // ---------------------------------------------------------------- privacy mode

    private static Map<String, Object> aiProperties() {
        Map<String, Object> props = new HashMap<>();
        props.put("$ai_input", List.of(Map.of("role", "user", "content", "my password is hunter2")));
        props.put("$ai_output_choices", List.of(Map.of("role", "assistant", "content", "noted")));
        props.put("$ai_input_state", Map.of("memory", "private"));
        props.put("$ai_output_state", "private state");
        props.put("$ai_model", "gpt-x");
        props.put("$ai_input_tokens", 12);
        return props;
    }

    @Test
    void privacyModeReplacesAiContentWithNull() {
        PostHog posthog = TestClients.builder(server).privacyMode(true).build();

        posthog.capture("user-1", "$ai_generation", aiProperties());

        JsonNode props = server.onlyProperties();
        for (String key : List.of("$ai_input", "$ai_output_choices", "$ai_input_state", "$ai_output_state")) {
            assertThat(props.has(key)).as(key).isTrue();
            assertThat(props.get(key).isNull()).as(key).isTrue();
        }
    }

    @Test
    void privacyModeLeavesOtherPropertiesAlone() {
        PostHog posthog = TestClients.builder(server).privacyMode(true).build();

        posthog.capture("user-1", "$ai_generation", aiProperties());

        JsonNode props = server.onlyProperties();
        assertThat(props.get("$ai_model").asText()).isEqualTo("gpt-x");
        assertThat(props.get("$ai_input_tokens").asInt()).isEqualTo(12);
    }

    @Test
    void privacyModeDoesNotAddAbsentAiKeys() {
        PostHog posthog = TestClients.builder(server).privacyMode(true).build();

        posthog.capture("user-1", "$ai_generation", Map.of("$ai_input", "hello"));

        JsonNode props = server.onlyProperties();
        assertThat(props.get("$ai_input").isNull()).isTrue();
        assertThat(props.has("$ai_output_choices")).isFalse();
        assertThat(props.has("$ai_input_state")).isFalse();
        assertThat(props.has("$ai_output_state")).isFalse();
    }

    @Test
    void privacyModeIsOffByDefault() {
        PostHog posthog = TestClients.builder(server).build();

        posthog.capture("user-1", "$ai_generation", aiProperties());

        JsonNode props = server.onlyProperties();
        assertThat(props.get("$ai_output_state").asText()).isEqualTo("private state");
        assertThat(props.get("$ai_input").get(0).get("content").asText()).isEqualTo("my password is hunter2");
    }

    @Test
    void privacyModeAlsoAppliesToWhatABeforeSendHookAdded() {
        PostHog posthog = TestClients.builder(server).privacyMode(true)
                .beforeSend(e -> e.toBuilder().property("$ai_input", "added by hook").build()).build();

        posthog.capture("user-1", "$ai_generation");

        assertThat(server.onlyProperties().get("$ai_input").isNull()).isTrue();
    }

    // ---------------------------------------------------------------- uuid

    @Test
    void usesTheCallersValidUuidVerbatim() {
        PostHog posthog = TestClients.builder(server).build();

        posthog.capture(Event.builder("e").distinctId("user-1").uuid("9f1c2a3b-4d5e-4f60-8a7b-1c2d3e4f5a6b").build());

        assertThat(server.onlyEvent().get("uuid").asText()).isEqualTo("9f1c2a3b-4d5e-4f60-8a7b-1c2d3e4f5a6b");
    }

    @Test
    void usesTheCallersUpperCaseUuidVerbatim() {
        PostHog posthog = TestClients.builder(server).build();

        posthog.capture(Event.builder("e").distinctId("user-1").uuid("9F1C2A3B-4D5E-4F60-8A7B-1C2D3E4F5A6B").build());

        assertThat(server.onlyEvent().get("uuid").asText()).isEqualTo("9F1C2A3B-4D5E-4F60-8A7B-1C2D3E4F5A6B");
    }

    @Test
    void replacesAMalformedUuidWithAVersion7One() {
        PostHog posthog = TestClients.builder(server).build();

        posthog.capture(Event.builder("e").distinctId("user-1").uuid("9f1c2a3b4d5e4f608a7b1c2d3e4f5a6b").build());

        String sent = server.onlyEvent().get("uuid").asText();
        assertThat(sent).isNotEqualTo("9f1c2a3b4d5e4f608a7b1c2d3e4f5a6b");
        assertThat(UUID.fromString(sent).version()).isEqualTo(7);
    }

    @Test
    void replacesAUuidWithTrailingTextWithAVersion7One() {
        PostHog posthog = TestClients.builder(server).build();

        posthog.capture(Event.builder("e").distinctId("user-1").uuid("9f1c2a3b-4d5e-4f60-8a7b-1c2d3e4f5a6b\n").build());

        assertThat(UUID.fromString(server.onlyEvent().get("uuid").asText()).version()).isEqualTo(7);
    }

    @Test
    void generatesAVersion7UuidCarryingTheClockTime() {
        PostHog posthog = TestClients.builder(server).build();

        posthog.capture("user-1", "e");

        UUID uuid = UUID.fromString(server.onlyEvent().get("uuid").asText());
        assertThat(uuid.version()).isEqualTo(7);
        assertThat(uuid.variant()).isEqualTo(2);
        assertThat(uuid.getMostSignificantBits() >>> 16).isEqualTo(TestClients.NOW.toEpochMilli());
    }

    @Test
    void generatesADifferentUuidForEachEvent() {
        PostHog posthog = TestClients.builder(server).build();

        posthog.capture("user-1", "e");
        posthog.capture("user-1", "e");

        assertThat(server.events().get(0).get("uuid")).isNotEqualTo(server.events().get(1).get("uuid"));
    }

    // ---------------------------------------------------------------- timestamps

    @Test
    void passesACallersMillisecondTimestampThrough() {
        PostHog posthog = TestClients.builder(server).build();

        posthog.capture(Event.builder("e").distinctId("user-1").timestamp(Instant.parse("2024-05-06T07:08:09.120Z")).build());

        assertThat(server.onlyEvent().get("timestamp").asText()).isEqualTo("2024-05-06T07:08:09.120Z");
    }

    @Test
    void keepsTheMicrosecondsOfACallersTimestamp() {
        PostHog posthog = TestClients.builder(server).build();

        posthog.capture(Event.builder("e").distinctId("user-1").timestamp(Instant.parse("2024-05-06T07:08:09.123456Z")).build());

        assertThat(server.onlyEvent().get("timestamp").asText()).isEqualTo("2024-05-06T07:08:09.123456Z");
    }

    @Test
    void defaultsTheTimestampToNowWithExactlyThreeFractionalDigits() {
        Clock clock = Clock.fixed(Instant.parse("2024-05-06T07:08:09.987654321Z"), ZoneOffset.UTC);
        PostHog posthog = TestClients.builder(server).clock(clock).build();

        posthog.capture("user-1", "e");

        assertThat(server.onlyEvent().get("timestamp").asText()).isEqualTo("2024-05-06T07:08:09.987Z");
    }

    @Test
    void writesThreeZeroDigitsForATimestampOnAWholeSecond() {
        Clock clock = Clock.fixed(Instant.parse("2024-05-06T07:08:09Z"), ZoneOffset.UTC);
        PostHog posthog = TestClients.builder(server).clock(clock).build();

        posthog.capture("user-1", "e");

        assertThat(server.onlyEvent().get("timestamp").asText()).isEqualTo("2024-05-06T07:08:09.000Z");
    }

    @Test
    void writesSentAtFromTheClockWithMilliseconds() {
        Clock clock = Clock.fixed(Instant.parse("2024-05-06T07:08:09.5Z"), ZoneOffset.UTC);
        PostHog posthog = TestClients.builder(server).clock(clock).build();

        posthog.capture("user-1", "e");

        JsonNode body = RecordingTransport.parse(server.bodies().get(0));
        assertThat(body.get("sent_at").asText()).isEqualTo("2024-05-06T07:08:09.500Z");
    }
}
