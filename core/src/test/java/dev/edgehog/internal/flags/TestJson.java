// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.flags;

import com.dslplatform.json.DslJson;
import com.dslplatform.json.JsonReader;
import com.dslplatform.json.ObjectConverter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Test-side JSON: generic decoding with DSL-JSON and a canonical writer for comparisons. */
final class TestJson {
    private TestJson() {}

    private static final DslJson<Object> JSON = new DslJson<>(new DslJson.Settings<>());

    static Object parse(String text) {
        try {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            JsonReader<Object> r = JSON.newReader(bytes);
            r.getNextToken();
            return ObjectConverter.deserializeObject(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String fixture(String name) {
        try (var in = TestJson.class.getResourceAsStream("/fixtures/flags/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Object> lines(String text) {
        List<Object> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                out.add(parse(line));
            }
        }
        return out;
    }

    static List<Object> lines(Path file) throws IOException {
        return lines(Files.readString(file));
    }

    /** Canonical JSON: sorted keys, JavaScript number formatting. */
    static String canonical(Object v) {
        StringBuilder sb = new StringBuilder();
        write(v, sb);
        return sb.toString();
    }

    static void write(Object v, StringBuilder sb) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof Boolean b) {
            sb.append(b);
        } else if (v instanceof Number n) {
            sb.append(Js.numberToString(n.doubleValue()));
        } else if (v instanceof Map<?, ?> m) {
            List<String> keys = new ArrayList<>();
            m.keySet().forEach(k -> keys.add(String.valueOf(k)));
            keys.sort(null);
            sb.append('{');
            for (int i = 0; i < keys.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                Js.quote(keys.get(i), sb);
                sb.append(':');
                write(m.get(keys.get(i)), sb);
            }
            sb.append('}');
        } else if (v instanceof List<?> l) {
            sb.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                write(l.get(i), sb);
            }
            sb.append(']');
        } else {
            Js.quote(v.toString(), sb);
        }
    }
}
