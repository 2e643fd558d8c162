// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.flags;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code JSON.parse} for flag payloads, which arrive as JSON text inside the definitions.
 *
 * <p>Strict like JavaScript's parser (a payload that is not valid JSON is returned as the raw
 * string, so leniency would change answers). Numbers follow JavaScript: integral values within
 * ±2^53 become {@link Long}, all others {@link Double}. Results are unmodifiable.
 */
final class JsonText {
    private final String s;
    private int i;

    private JsonText(String s) {
        this.s = s;
    }

    /** Thrown for text that {@code JSON.parse} would reject. */
    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid() {
            super(null, null, false, false);
        }
    }

    static Object parse(String text) throws Invalid {
        JsonText p = new JsonText(text);
        p.ws();
        Object v = p.value();
        p.ws();
        if (p.i != text.length()) {
            throw new Invalid();
        }
        return v;
    }

    private void ws() {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                i++;
            } else {
                break;
            }
        }
    }

    private char peek() throws Invalid {
        if (i >= s.length()) {
            throw new Invalid();
        }
        return s.charAt(i);
    }

    private Object value() throws Invalid {
        char c = peek();
        switch (c) {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            default:
                return number();
        }
    }

    private Object literal(String word, Object v) throws Invalid {
        if (!s.startsWith(word, i)) {
            throw new Invalid();
        }
        i += word.length();
        return v;
    }

    private Map<String, Object> object() throws Invalid {
        i++;
        Map<String, Object> m = new LinkedHashMap<>();
        ws();
        if (peek() == '}') {
            i++;
            return Collections.unmodifiableMap(m);
        }
        while (true) {
            ws();
            if (peek() != '"') {
                throw new Invalid();
            }
            String k = string();
            ws();
            if (peek() != ':') {
                throw new Invalid();
            }
            i++;
            ws();
            m.put(k, value());
            ws();
            char c = peek();
            i++;
            if (c == '}') {
                return Collections.unmodifiableMap(m);
            }
            if (c != ',') {
                throw new Invalid();
            }
        }
    }

    private List<Object> array() throws Invalid {
        i++;
        List<Object> l = new ArrayList<>();
        ws();
        if (peek() == ']') {
            i++;
            return Collections.unmodifiableList(l);
        }
        while (true) {
            ws();
            l.add(value());
            ws();
            char c = peek();
            i++;
            if (c == ']') {
                return Collections.unmodifiableList(l);
            }
            if (c != ',') {
                throw new Invalid();
            }
        }
    }

    private String string() throws Invalid {
        i++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            char c = peek();
            i++;
            if (c == '"') {
                return sb.toString();
            }
            if (c < 0x20) {
                throw new Invalid();
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = peek();
            i++;
            switch (e) {
                case '"' -> sb.append('"');
                case '\\' -> sb.append('\\');
                case '/' -> sb.append('/');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    if (i + 4 > s.length()) {
                        throw new Invalid();
                    }
                    int cp = 0;
                    for (int k = 0; k < 4; k++) {
                        int d = Character.digit(s.charAt(i + k), 16);
                        if (d < 0 || s.charAt(i + k) > 0x7f) {
                            throw new Invalid();
                        }
                        cp = cp * 16 + d;
                    }
                    i += 4;
                    sb.append((char) cp);
                }
                default -> throw new Invalid();
            }
        }
    }

    private Object number() throws Invalid {
        int start = i;
        if (i < s.length() && s.charAt(i) == '-') {
            i++;
        }
        if (i >= s.length()) {
            throw new Invalid();
        }
        if (s.charAt(i) == '0') {
            i++;
        } else if (s.charAt(i) >= '1' && s.charAt(i) <= '9') {
            digits();
        } else {
            throw new Invalid();
        }
        if (i < s.length() && s.charAt(i) == '.') {
            i++;
            if (digits() == 0) {
                throw new Invalid();
            }
        }
        if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            if (digits() == 0) {
                throw new Invalid();
            }
        }
        double d = Double.parseDouble(s.substring(start, i));
        return number(d);
    }

    /** The Java shape of a JavaScript number. */
    static Object number(double d) {
        if (d == Math.rint(d) && Math.abs(d) <= 9007199254740992.0) {
            return (long) d;
        }
        return d;
    }

    private int digits() {
        int n = 0;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
            n++;
        }
        return n;
    }
}
