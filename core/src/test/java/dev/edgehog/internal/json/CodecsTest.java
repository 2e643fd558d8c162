// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.dslplatform.json.DslJson;
import com.dslplatform.json.JsonWriter;
import dev.edgehog.internal.transport.Gzip;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * The batch body is spliced by hand; it must stay byte for byte what the generated
 * {@code WireBatch} codec writes, whichever optional fields are set.
 */
class CodecsTest {
    static final DslJson<Object> GENERATED = new DslJson<>(new DslJson.Settings<>()
            .skipDefaultValues(true).with(new _WireBatch_DslJsonConverter()).with(new _WireEvent_DslJsonConverter()));
    static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    static String generatedEvent(String name, String distinctId, Map<String, Object> props, Instant ts, String uuid)
            throws IOException {
        WireEvent e = new WireEvent();
        e.event = name;
        e.distinctId = distinctId;
        e.properties = props;
        e.timestamp = ts == null ? null : ts.getNano() % 1_000_000 == 0 ? MILLIS.format(ts) : DateTimeFormatter.ISO_INSTANT.format(ts);
        e.uuid = uuid;
        JsonWriter w = GENERATED.newWriter();
        GENERATED.serialize(w, e);
        return new String(w.toByteArray(), StandardCharsets.UTF_8);
    }

    static String handWritten(String name, String distinctId, Map<String, Object> props, Instant ts, String uuid) {
        return new String(Codecs.encodeEvent(Codecs.newWriter(), name, distinctId, props, ts, uuid), StandardCharsets.UTF_8);
    }

    @Test
    void encodesEventsAsTheGeneratedCodecDoes() throws IOException {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("plan", "pro \"quoted\" ü");
        props.put("n", 12.5);
        props.put("nested", Map.of("a", List.of(1, 2)));
        Instant[] times = {Instant.parse("2024-05-06T07:08:09.120Z"), Instant.parse("2024-05-06T07:08:09Z"),
            Instant.parse("2024-05-06T07:08:09.123456Z"), Instant.parse("2024-05-06T07:08:09.123456789Z"),
            Instant.parse("+12024-05-06T07:08:09.120Z"), Instant.parse("-0012-05-06T07:08:09.123400Z")};
        String uuid = "01890c3c-7e5a-7c3b-9d21-3a5f3c2b1a00";

        for (Instant t : times) {
            assertThat(handWritten("order placed", "user-1", props, t, uuid))
                    .isEqualTo(generatedEvent("order placed", "user-1", props, t, uuid));
        }
        assertThat(handWritten("e", null, null, null, null)).isEqualTo(generatedEvent("e", null, null, null, null));
        assertThat(handWritten(null, null, null, null, null)).isEqualTo(generatedEvent(null, null, null, null, null));
        assertThat(handWritten(null, "u", Map.of(), times[0], null)).isEqualTo(generatedEvent(null, "u", Map.of(), times[0], null));
    }

    static byte[] generated(WireBatch batch) throws IOException {
        JsonWriter w = GENERATED.newWriter();
        GENERATED.serialize(w, batch);
        return w.toByteArray();
    }

    static WireBatch batch(String apiKey, String sentAt, Boolean historical, String... events) {
        List<byte[]> encoded = new ArrayList<>();
        for (String e : events) {
            encoded.add(e.getBytes(StandardCharsets.UTF_8));
        }
        WireBatch b = new WireBatch();
        b.apiKey = apiKey;
        b.sentAt = sentAt;
        b.historicalMigration = historical;
        b.batch = new EncodedEvents(encoded);
        return b;
    }

    static List<WireBatch> variants() {
        return List.of(
                batch("phc_key", "2024-05-06T07:08:09.123Z", null, "{\"event\":\"a\"}", "{\"event\":\"b\"}"),
                batch("phc_key", "2024-05-06T07:08:09.123Z", true, "{\"event\":\"é ü\"}"),
                batch("phc_key", "2024-05-06T07:08:09.123Z", false),
                batch("k\"ey\\\n", null, null, "{}"),
                batch(null, "2024-05-06T07:08:09.123Z", null, "{}", "{}", "{}"),
                batch(null, null, true, "{\"x\":1}"));
    }

    @Test
    void encodesTheSameBytesAsTheGeneratedCodec() throws IOException {
        for (WireBatch b : variants()) {
            byte[] expected = generated(b);

            byte[] actual = Codecs.encode(b);

            assertThat(new String(actual, StandardCharsets.UTF_8)).isEqualTo(new String(expected, StandardCharsets.UTF_8));
        }
    }

    @Test
    void encodesABatchWithoutEventsAsTheGeneratedCodecDoes() throws IOException {
        WireBatch b = batch("phc_key", "2024-05-06T07:08:09.123Z", null);
        b.batch = null;

        byte[] actual = Codecs.encode(b);

        assertThat(actual).isEqualTo(generated(b));
    }

    @Test
    void streamsTheSameBytesItEncodes() throws IOException {
        for (WireBatch b : variants()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();

            Codecs.write(b, out);

            assertThat(out.toByteArray()).isEqualTo(Codecs.encode(b));
        }
    }

    @Test
    void gzipsTheStreamedBodyToTheEncodedBytes() throws IOException {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            events.add("{\"event\":\"page viewed\",\"properties\":{\"i\":" + i + "}}");
        }
        WireBatch b = batch("phc_key", "2024-05-06T07:08:09.123Z", null, events.toArray(String[]::new));

        byte[] gzipped = Gzip.compress(b.batch.jsonSize(), out -> Codecs.write(b, out));

        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            assertThat(in.readAllBytes()).isEqualTo(Codecs.encode(b));
        }
    }
}
