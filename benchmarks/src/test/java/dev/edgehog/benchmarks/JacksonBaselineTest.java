// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgehog.PostHog;
import dev.edgehog.PostHogOptions;
import dev.edgehog.SendMode;
import dev.edgehog.internal.capture.Counters;
import dev.edgehog.internal.capture.ErrorReporter;
import dev.edgehog.internal.capture.EventPreparer;
import dev.edgehog.internal.capture.UuidV7;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * The baseline must do the same work as the client, or the comparison means nothing: it has to
 * produce the same event JSON (up to the generated uuid and timestamp) and a batch envelope of
 * the same shape.
 */
class JacksonBaselineTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void encodesTheSameEventJsonAsTheClient() throws IOException {
        PostHogOptions options = PostHog.builder(SampleEvents.API_KEY).sendMode(SendMode.BUFFERED)
                .transport(new NoOpTransport()).buildOptions();
        EventPreparer preparer = new EventPreparer(options, new UuidV7(), new Counters(), new ErrorReporter(null));
        JacksonBaseline jackson = new JacksonBaseline(new NoOpTransport(), false);

        byte[] edgehog = preparer.prepare(SampleEvents.event(), "capture", false).event().json();
        byte[] baseline = jackson.encode(jackson.event(SampleEvents.NAME, SampleEvents.DISTINCT_ID, SampleEvents.properties()));

        ObjectNode fromEdgehog = (ObjectNode) JSON.readTree(edgehog);
        ObjectNode fromBaseline = (ObjectNode) JSON.readTree(baseline);
        assertThat(fromBaseline.path("uuid").asText()).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(fromBaseline.path("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        fromEdgehog.remove(List.of("uuid", "timestamp"));
        fromBaseline.remove(List.of("uuid", "timestamp"));
        assertThat(fromBaseline).isEqualTo(fromEdgehog);
        assertThat(fromBaseline.path("properties").size()).isEqualTo(24);
        assertThat(fromBaseline.path("properties").path("placed_at").asText()).isEqualTo("2026-11-27T10:15:30.250Z");
    }

    @Test
    void sendsTheEnvelopeGzippedWhenAsked() throws IOException {
        NoOpTransport transport = new NoOpTransport();
        JacksonBaseline jackson = new JacksonBaseline(transport, true);
        Map<String, Object> event = jackson.event(SampleEvents.NAME, SampleEvents.DISTINCT_ID, SampleEvents.properties());

        byte[] body = jackson.send(List.of(event, event));

        JsonNode envelope;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            envelope = JSON.readTree(in);
        }
        assertThat(transport.requests()).isEqualTo(1);
        assertThat(transport.bytes()).isEqualTo(body.length);
        assertThat(envelope.path("api_key").asText()).isEqualTo(SampleEvents.API_KEY);
        assertThat(envelope.path("batch")).hasSize(2);
        assertThat(envelope.path("batch").get(0).path("event").asText()).isEqualTo("order placed");
        assertThat(envelope.path("sent_at").asText()).endsWith("Z");
    }
}
