// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.dslplatform.json.JsonWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The overlay must read and encode exactly like the copy it replaces: a {@link LinkedHashMap}
 * copied from the caller's properties and then given the same {@code put}s.
 */
class OverlaidPropertiesTest {

    static Map<String, Object> callerProperties() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("plan", "pro");
        p.put("$lib", "caller-lib");
        p.put("count", 3);
        p.put("$ai_input", "secret prompt");
        p.put("gone", Optional.empty());
        p.put("nested", Map.of("a", List.of(1, 2)));
        return p;
    }

    static String json(Map<String, Object> map) {
        JsonWriter w = Codecs.newWriter();
        new PropertyWriter().writeMap(w, map);
        return new String(w.toByteArray(), StandardCharsets.UTF_8);
    }

    @Test
    void appendsNewKeysInPutOrderAfterTheCallersProperties() {
        OverlaidProperties overlay = new OverlaidProperties(Map.of("plan", "pro"));

        overlay.put("$lib", "edgehog-java");
        overlay.put("$is_server", true);

        assertThat(json(overlay)).isEqualTo("{\"plan\":\"pro\",\"$lib\":\"edgehog-java\",\"$is_server\":true}");
    }

    @Test
    void replacesACallersKeyInItsOwnPlace() {
        Map<String, Object> caller = callerProperties();
        OverlaidProperties overlay = new OverlaidProperties(caller);

        Object previous = overlay.put("$lib", "edgehog-java");

        assertThat(previous).isEqualTo("caller-lib");
        assertThat(json(overlay)).isEqualTo("{\"plan\":\"pro\",\"$lib\":\"edgehog-java\",\"count\":3,"
                + "\"$ai_input\":\"secret prompt\",\"nested\":{\"a\":[1,2]}}");
    }

    @Test
    void encodesLikeALinkedHashMapCopyGivenTheSamePuts() {
        Map<String, Object> caller = callerProperties();
        OverlaidProperties overlay = new OverlaidProperties(caller);
        Map<String, Object> copy = new LinkedHashMap<>(caller);

        for (Map<String, Object> m : List.<Map<String, Object>>of(overlay, copy)) {
            m.put("$groups", Map.of("company", "acme"));
            m.put("$lib", "edgehog-java");
            m.put("$lib_version", "1.2.3");
            m.put("$is_server", Boolean.TRUE);
            m.put("$geoip_disable", Boolean.TRUE);
            m.put("gone", "back");
            m.put("$ai_input", null);
            m.put("$lib_version", "1.2.4");
            m.put("$is_server", Optional.empty());
        }

        assertThat(json(overlay)).isEqualTo(json(copy));
        assertThat(overlay).isEqualTo(copy);
        assertThat(overlay.size()).isEqualTo(copy.size());
        assertThat(List.copyOf(overlay.keySet())).isEqualTo(List.copyOf(copy.keySet()));
    }

    @Test
    void readsThroughToTheCallersPropertiesAndTheEntriesPut() {
        OverlaidProperties overlay = new OverlaidProperties(callerProperties());

        overlay.put("$ai_input", null);
        overlay.put("$lib_version", "1.2.3");

        assertThat(overlay.containsKey("$ai_input")).isTrue();
        assertThat(overlay.get("$ai_input")).isNull();
        assertThat(overlay.get("plan")).isEqualTo("pro");
        assertThat(overlay.get("$lib_version")).isEqualTo("1.2.3");
        assertThat(overlay.containsKey("$ai_output_choices")).isFalse();
        assertThat(overlay.size()).isEqualTo(7);
    }

    @Test
    void leavesTheCallersMapUntouched() {
        Map<String, Object> caller = callerProperties();
        Map<String, Object> before = new LinkedHashMap<>(caller);
        OverlaidProperties overlay = new OverlaidProperties(caller);

        overlay.put("$lib", "edgehog-java");
        overlay.put("extra", 1);

        assertThat(caller).isEqualTo(before);
    }

    @Test
    void marksTheOverlayCircularWhenAValueContainsIt() {
        Map<String, Object> caller = new LinkedHashMap<>();
        OverlaidProperties overlay = new OverlaidProperties(caller);
        overlay.put("self", overlay);

        String json = json(overlay);

        assertThat(json).isEqualTo("{\"self\":\"[Circular]\"}");
    }

    @Test
    void forgetsEveryEntryPutWhenResetOntoAnotherMap() {
        OverlaidProperties overlay = new OverlaidProperties(callerProperties());
        overlay.put("$lib", "edgehog-java");
        overlay.put("extra", 1);

        overlay.reset(Map.of("only", true));

        assertThat(overlay).isEqualTo(Map.of("only", true));
        assertThat(json(overlay)).isEqualTo("{\"only\":true}");
        overlay.put("only", false);
        assertThat(json(overlay)).isEqualTo("{\"only\":false}");
    }

    @Test
    void growsPastItsInitialRoom() {
        OverlaidProperties overlay = new OverlaidProperties(Map.of());

        for (int i = 0; i < 20; i++) {
            overlay.put("k" + i, i);
        }

        assertThat(overlay).hasSize(20).containsEntry("k0", 0).containsEntry("k19", 19);
        assertThat(json(overlay)).startsWith("{\"k0\":0,\"k1\":1,").endsWith(",\"k19\":19}");
    }
}
