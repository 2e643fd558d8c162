// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.json;

import com.dslplatform.json.JsonReader;
import com.dslplatform.json.JsonWriter;
import com.dslplatform.json.ObjectConverter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** DSL-JSON converter for {@link EncodedEvents}, referenced by the generated batch codec. */
public abstract class EncodedEventsConverter {
    private EncodedEventsConverter() {}

    /** Writes the events as a JSON array of their raw bytes. */
    public static final JsonWriter.WriteObject<EncodedEvents> JSON_WRITER = (w, value) -> {
        if (value == null) {
            w.writeNull();
            return;
        }
        w.writeByte(JsonWriter.ARRAY_START);
        List<byte[]> events = value.events();
        for (int i = 0; i < events.size(); i++) {
            if (i > 0) {
                w.writeByte(JsonWriter.COMMA);
            }
            byte[] e = events.get(i);
            w.writeRaw(e, 0, e.length);
        }
        w.writeByte(JsonWriter.ARRAY_END);
    };

    /** Reads an array of objects, re-encoding each one (used when reading batches back). */
    public static final JsonReader.ReadObject<EncodedEvents> JSON_READER = r -> {
        if (r.wasNull()) {
            return null;
        }
        List<byte[]> out = new ArrayList<>();
        PropertyWriter pw = new PropertyWriter();
        JsonWriter w = Codecs.newWriter();
        for (Map<String, Object> m : ObjectConverter.deserializeMapCollection(r)) {
            w.reset();
            pw.writeValue(w, m);
            out.add(w.toByteArray());
        }
        return new EncodedEvents(out);
    };
}
