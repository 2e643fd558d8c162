// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.dslplatform.json.JsonWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link PropertyWriter} copies the encoded form of keys it has seen; a key must come out the
 * same from the cache as it did the first time, whatever shares its slot.
 */
class PropertyKeyCacheTest {

    static String json(PropertyWriter pw, Map<?, ?> map) {
        JsonWriter w = Codecs.newWriter();
        pw.writeMap(w, map);
        return new String(w.toByteArray(), StandardCharsets.UTF_8);
    }

    @Test
    void writesKeysThatNeedEscapingTheSameWhenCached() {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("say \"hi\"", 1);
        props.put("back\\slash", 2);
        props.put("tab\there", 3);
        props.put("grüße ✓", 4);
        PropertyWriter pw = new PropertyWriter();

        String first = json(pw, props);
        String second = json(pw, props);

        assertThat(first).isEqualTo("{\"say \\\"hi\\\"\":1,\"back\\\\slash\":2,\"tab\\there\":3,\"grüße ✓\":4}");
        assertThat(second).isEqualTo(first);
    }

    @Test
    void writesKeysThatShareASlotEachUnderItsOwnName() {
        // "Aa" and "BB" have the same hash code, so they land in the same slot.
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("Aa", 1);
        props.put("BB", 2);
        PropertyWriter pw = new PropertyWriter();

        String first = json(pw, props);
        String second = json(pw, Map.of("BB", 3));

        assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
        assertThat(first).isEqualTo("{\"Aa\":1,\"BB\":2}");
        assertThat(second).isEqualTo("{\"BB\":3}");
    }

    @Test
    void writesLongKeysAndNonStringKeysAsUsual() {
        String longKey = "k".repeat(PropertyWriter.MAX_CACHED_KEY_LENGTH + 1);
        Map<Object, Object> props = new LinkedHashMap<>();
        props.put(longKey, true);
        props.put(7, "seven");
        PropertyWriter pw = new PropertyWriter();

        String first = json(pw, props);
        String second = json(pw, props);

        assertThat(first).isEqualTo("{\"" + longKey + "\":true,\"7\":\"seven\"}");
        assertThat(second).isEqualTo(first);
    }

    @Test
    void writesEveryKeyOfAMapWiderThanTheCache() {
        Map<String, Object> props = new LinkedHashMap<>();
        for (int i = 0; i < PropertyWriter.KEY_CACHE_SIZE * 4; i++) {
            props.put("property_" + i, i);
        }
        PropertyWriter pw = new PropertyWriter();

        json(pw, props);
        Map<String, Object> decoded = Codecs.decodeObject(json(pw, props).getBytes(StandardCharsets.UTF_8));

        assertThat(decoded).hasSize(props.size());
        for (int i = 0; i < PropertyWriter.KEY_CACHE_SIZE * 4; i++) {
            assertThat(decoded).containsEntry("property_" + i, (long) i);
        }
    }
}
