// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.json;

import com.dslplatform.json.DslJson;
import com.dslplatform.json.JsonReader;
import com.dslplatform.json.JsonWriter;
import com.dslplatform.json.ObjectConverter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The one {@link DslJson} instance, built from the generated codecs only. There is no
 * reflection fallback: a type without a compiled codec fails in tests, not in a native image.
 */
public final class Codecs {
    private static final DslJson<Object> DSL_JSON = new DslJson<>(new DslJson.Settings<>()
            .skipDefaultValues(true)
            .with(new _WireEvent_DslJsonConverter())
            .with(new _WireBatch_DslJsonConverter()));

    private static final JsonWriter.WriteObject<WireBatch> BATCH_WRITER = required(WireBatch.class);

    private Codecs() {}

    private static <T> JsonWriter.WriteObject<T> required(Class<T> type) {
        JsonWriter.WriteObject<T> w = DSL_JSON.tryFindWriter(type);
        if (w == null) {
            throw new IllegalStateException("no compiled JSON codec for " + type.getName());
        }
        return w;
    }

    /** @return a fresh writer (not thread-safe; reuse it on one thread with {@link JsonWriter#reset()}) */
    public static JsonWriter newWriter() {
        return DSL_JSON.newWriter(512);
    }

    /**
     * Encodes one event object into {@code w} (which is reset first): byte for byte what the
     * generated {@link WireEvent} codec writes, with the timestamp given as an instant and
     * written without an intermediate string.
     *
     * @param w the writer to reuse
     * @param event the event name
     * @param distinctId the distinct id
     * @param properties the properties
     * @param timestamp when it happened
     * @param uuid the event uuid
     * @return the event's JSON bytes
     */
    public static byte[] encodeEvent(JsonWriter w, String event, String distinctId, Map<String, Object> properties,
            Instant timestamp, String uuid) {
        w.reset();
        w.writeByte(JsonWriter.OBJECT_START);
        // The generated codec's order and null handling: each present field ends with a comma,
        // and the last comma becomes the closing brace.
        boolean any = false;
        if (timestamp != null) {
            w.writeAscii("\"timestamp\":");
            PropertiesConverter.writer().writeTimestamp(w, timestamp);
            w.writeByte(JsonWriter.COMMA);
            any = true;
        }
        if (properties != null) {
            w.writeAscii("\"properties\":");
            PropertiesConverter.JSON_WRITER.write(w, properties);
            w.writeByte(JsonWriter.COMMA);
            any = true;
        }
        any |= writeStringField(w, "\"uuid\":", uuid);
        any |= writeStringField(w, "\"event\":", event);
        any |= writeStringField(w, "\"distinct_id\":", distinctId);
        if (any) {
            w.getByteBuffer()[w.size() - 1] = JsonWriter.OBJECT_END;
        } else {
            w.writeByte(JsonWriter.OBJECT_END);
        }
        return w.toByteArray();
    }

    private static boolean writeStringField(JsonWriter w, String quotedName, String value) {
        if (value == null) {
            return false;
        }
        w.writeAscii(quotedName);
        w.writeString(value);
        w.writeByte(JsonWriter.COMMA);
        return true;
    }

    /**
     * Encodes a batch body into one array of exactly its size.
     *
     * @param batch the batch
     * @return its JSON bytes
     */
    public static byte[] encode(WireBatch batch) {
        if (batch.batch == null) {
            JsonWriter w = DSL_JSON.newWriter(256);
            BATCH_WRITER.write(w, batch);
            return w.toByteArray();
        }
        byte[][] envelope = envelope(batch);
        byte[] head = envelope[0];
        byte[] tail = envelope[1];
        List<byte[]> events = batch.batch.events();
        byte[] out = new byte[head.length + batch.batch.jsonSize() + tail.length];
        System.arraycopy(head, 0, out, 0, head.length);
        int at = head.length;
        out[at++] = JsonWriter.ARRAY_START;
        for (int i = 0; i < events.size(); i++) {
            if (i > 0) {
                out[at++] = JsonWriter.COMMA;
            }
            byte[] e = events.get(i);
            System.arraycopy(e, 0, out, at, e.length);
            at += e.length;
        }
        out[at++] = JsonWriter.ARRAY_END;
        System.arraycopy(tail, 0, out, at, tail.length);
        return out;
    }

    /**
     * Writes a batch body to a stream (the same bytes as {@link #encode(WireBatch)}), without
     * building it in memory first; for compressing it on the way.
     *
     * @param batch the batch
     * @param out where to write; not closed
     * @throws IOException if the stream fails
     */
    public static void write(WireBatch batch, OutputStream out) throws IOException {
        if (batch.batch == null) {
            out.write(encode(batch));
            return;
        }
        byte[][] envelope = envelope(batch);
        out.write(envelope[0]);
        out.write(JsonWriter.ARRAY_START);
        List<byte[]> events = batch.batch.events();
        for (int i = 0; i < events.size(); i++) {
            if (i > 0) {
                out.write(JsonWriter.COMMA);
            }
            out.write(events.get(i));
        }
        out.write(JsonWriter.ARRAY_END);
        out.write(envelope[1]);
    }

    /**
     * The envelope around the batch array, in the generated codec's field order and with its
     * null handling: {@code {"sent_at":...,"batch":} and {@code ,"api_key":...,"historical_migration":...}}.
     * The events are then spliced in verbatim, so the body is built with one copy of them
     * (the generated codec would copy them into a growing buffer and then out of it).
     */
    private static byte[][] envelope(WireBatch batch) {
        JsonWriter w = DSL_JSON.newWriter(64 + 6 * (length(batch.sentAt) + length(batch.apiKey)));
        w.writeByte(JsonWriter.OBJECT_START);
        if (batch.sentAt != null) {
            w.writeAscii("\"sent_at\":");
            w.writeString(batch.sentAt);
            w.writeByte(JsonWriter.COMMA);
        }
        w.writeAscii("\"batch\":");
        byte[] head = w.toByteArray();
        w.reset();
        if (batch.apiKey != null) {
            w.writeAscii(",\"api_key\":");
            w.writeString(batch.apiKey);
        }
        if (batch.historicalMigration != null) {
            w.writeAscii(",\"historical_migration\":");
            w.writeAscii(batch.historicalMigration ? "true" : "false");
        }
        w.writeByte(JsonWriter.OBJECT_END);
        return new byte[][] {head, w.toByteArray()};
    }

    private static int length(String s) {
        return s == null ? 0 : s.length();
    }

    /**
     * A reader over {@code json} from the one DSL-JSON instance, for generic decoding with
     * {@link ObjectConverter} (the flag definitions reader): no second instance is built.
     *
     * @param json the bytes
     * @return a fresh reader (not thread-safe)
     */
    public static JsonReader<Object> newReader(byte[] json) {
        return DSL_JSON.newReader(json);
    }

    /**
     * Decodes a JSON object into a map (numbers as Long or BigDecimal); for reading responses.
     *
     * @param json the bytes
     * @return the map
     * @throws UncheckedIOException when the bytes are not a JSON object
     */
    public static Map<String, Object> decodeObject(byte[] json) {
        try {
            JsonReader<Object> r = DSL_JSON.newReader(json);
            r.getNextToken();
            return ObjectConverter.deserializeMap(r);
        } catch (IOException e) {
            throw new UncheckedIOException("invalid JSON object: " + e.getMessage(), e);
        }
    }
}
