// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.json;

import com.dslplatform.json.JsonReader;
import com.dslplatform.json.JsonWriter;
import com.dslplatform.json.ObjectConverter;
import java.util.Map;

/**
 * DSL-JSON converter for event properties: writes any value tree through {@link
 * PropertyWriter}. Referenced statically by the generated {@link WireEvent} codec and by
 * {@link Codecs#encodeEvent}, so no runtime lookup (and no reflection) is involved.
 */
public abstract class PropertiesConverter {
    private PropertiesConverter() {}

    private static final ThreadLocal<PropertyWriter> WRITERS = ThreadLocal.withInitial(PropertyWriter::new);

    /** @return this thread's property writer (not re-entrant: one event at a time) */
    static PropertyWriter writer() {
        return WRITERS.get();
    }

    /** Writes a property map. */
    public static final JsonWriter.WriteObject<Map<String, Object>> JSON_WRITER = (w, value) -> {
        if (value == null) {
            w.writeNull();
            return;
        }
        PropertyWriter pw = WRITERS.get();
        try {
            pw.writeMap(w, value);
        } finally {
            pw.reset();
        }
    };

    /** Reads a property map (numbers come back as Long or BigDecimal). */
    public static final JsonReader.ReadObject<Map<String, Object>> JSON_READER =
            r -> r.wasNull() ? null : ObjectConverter.deserializeMap(r);
}
