// SPDX-License-Identifier: Apache-2.0
package dev.edgehog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edgehog.testing.RecordingTransport;
import dev.edgehog.testing.TestClients;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** posthog-node's property convention of {@code identify(distinctId, properties)} (protocol.md §4.6). */
class IdentifyPropertiesTest {
    private final RecordingTransport server = new RecordingTransport();
    private final PostHog posthog = TestClients.builder(server).build();

    private JsonNode identify(Map<String, ?> properties) {
        posthog.identify("user-1", properties);
        JsonNode event = server.onlyEvent();
        assertThat(event.get("event").asText()).isEqualTo("$identify");
        assertThat(event.get("distinct_id").asText()).isEqualTo("user-1");
        return event.get("properties");
    }

    @Test
    void givenSetDiscardsTheOtherPlainKeys() {
        JsonNode props = identify(Map.of("$set", Map.of("email", "a@example.com"), "plan", "pro"));

        assertThat(props.get("$set")).isEqualTo(RecordingTransport.parse("{\"email\":\"a@example.com\"}"));
        assertThat(props.has("plan")).isFalse();
    }

    @Test
    void withoutSetEveryPlainKeyBecomesSet() {
        JsonNode props = identify(Map.of("plan", "pro", "seats", 3));

        assertThat(props.get("$set")).isEqualTo(RecordingTransport.parse("{\"plan\":\"pro\",\"seats\":3}"));
        assertThat(props.has("plan")).isFalse();
    }

    @Test
    void withoutSetTheSpecialKeysStayOutOfSet() {
        JsonNode props = identify(Map.of("plan", "pro", "$set_once", Map.of("first", "2024"), "$anon_distinct_id", "anon-9"));

        assertThat(props.get("$set")).isEqualTo(RecordingTransport.parse("{\"plan\":\"pro\"}"));
    }

    @Test
    void setOnceDefaultsToAnEmptyObject() {
        JsonNode props = identify(Map.of("plan", "pro"));

        assertThat(props.get("$set_once")).isEqualTo(RecordingTransport.parse("{}"));
    }

    @Test
    void givenSetOnceIsSent() {
        JsonNode props = identify(Map.of("$set_once", Map.of("first_seen", "2024-01-01")));

        assertThat(props.get("$set_once")).isEqualTo(RecordingTransport.parse("{\"first_seen\":\"2024-01-01\"}"));
        assertThat(props.get("$set")).isEqualTo(RecordingTransport.parse("{}"));
    }

    @Test
    void anonDistinctIdIsAbsentUnlessGiven() {
        JsonNode props = identify(Map.of("plan", "pro"));

        assertThat(props.has("$anon_distinct_id")).isFalse();
    }

    @Test
    void givenAnonDistinctIdIsSentAtTheTopLevel() {
        JsonNode props = identify(Map.of("$set", Map.of("plan", "pro"), "$anon_distinct_id", "anon-9"));

        assertThat(props.get("$anon_distinct_id").asText()).isEqualTo("anon-9");
        assertThat(props.get("$set").has("$anon_distinct_id")).isFalse();
    }

    @Test
    void nullPropertiesSendEmptySetAndSetOnce() {
        JsonNode props = identify(null);

        assertThat(props.get("$set")).isEqualTo(RecordingTransport.parse("{}"));
        assertThat(props.get("$set_once")).isEqualTo(RecordingTransport.parse("{}"));
    }

    @Test
    void keepsNullPersonPropertyValues() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("nickname", null);

        JsonNode props = identify(properties);

        assertThat(props.get("$set").has("nickname")).isTrue();
        assertThat(props.get("$set").get("nickname").isNull()).isTrue();
    }

    @Test
    void identifyBuilderSendsTheSameShape() {
        posthog.identify(Identify.builder("user-1").set("plan", "pro").setOnce("first", "2024").anonDistinctId("anon-9").build());

        JsonNode props = server.onlyProperties();
        assertThat(props.get("$set")).isEqualTo(RecordingTransport.parse("{\"plan\":\"pro\"}"));
        assertThat(props.get("$set_once")).isEqualTo(RecordingTransport.parse("{\"first\":\"2024\"}"));
        assertThat(props.get("$anon_distinct_id").asText()).isEqualTo("anon-9");
    }
}
