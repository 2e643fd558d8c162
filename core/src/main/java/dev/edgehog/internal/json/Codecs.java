// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.json;

import com.dslplatform.json.DslJson;
import com.dslplatform.json.JsonReader;
import com.dslplatform.json.JsonWriter;
import com.dslplatform.json.ObjectConverter;
import java.io.IOException;
import java.io.UncheckedIOException;
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

    private static final JsonWriter.WriteObject<WireEvent> EVENT_WRITER = required(WireEvent.class);
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
     * Encodes one event into {@code w} (which is reset first).
     *
     * @param w the writer to reuse
     * @param event the event
     * @return the event's JSON bytes
     */
    public static byte[] encode(JsonWriter w, WireEvent event) {
        w.reset();
        EVENT_WRITER.write(w, event);
        return w.toByteArray();
    }

    /**
     * Encodes a batch body.
     *
     * @param batch the batch
     * @return its JSON bytes
     */
    public static byte[] encode(WireBatch batch) {
        JsonWriter w = DSL_JSON.newWriter(batch.batch == null ? 256 : batch.batch.jsonSize() + 256);
        BATCH_WRITER.write(w, batch);
        return w.toByteArray();
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
