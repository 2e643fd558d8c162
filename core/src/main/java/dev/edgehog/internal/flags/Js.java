// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.flags;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JavaScript value semantics that posthog-node's evaluator relies on: {@code String(x)}, {@code
 * Number(x)}, {@code parseFloat}, truthiness, {@code trim}, and the JSON text used by exact
 * matching.
 *
 * <p>Values are the Java shapes of JSON: {@code null}, {@link Boolean}, {@link Number} (always
 * treated as an IEEE double, as JavaScript does), {@link CharSequence}, {@link List} (or an
 * object array) and {@link Map}. Anything else is treated as the string its {@code toString()} gives.
 */
final class Js {
    private Js() {}

    static boolean isString(Object v) {
        return v instanceof CharSequence || v instanceof Character;
    }

    static boolean isArray(Object v) {
        return v instanceof List || v instanceof Object[];
    }

    /** The elements of a list or object array. */
    static List<?> list(Object v) {
        if (v instanceof List<?> l) {
            return l;
        }
        return Arrays.asList((Object[]) v);
    }

    /** JavaScript truthiness of a JSON value. */
    static boolean truthy(Object v) {
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n) {
            double d = n.doubleValue();
            return d != 0 && !Double.isNaN(d);
        }
        if (isString(v)) {
            return !v.toString().isEmpty();
        }
        return true;
    }

    /** JavaScript {@code String(v)}. */
    static String str(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Boolean b) {
            return b ? "true" : "false";
        }
        if (v instanceof Number n) {
            return numberToString(n.doubleValue());
        }
        if (isString(v)) {
            return v.toString();
        }
        if (isArray(v)) {
            StringBuilder sb = new StringBuilder();
            boolean first = true;
            for (Object e : list(v)) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                if (e != null) {
                    sb.append(str(e));
                }
            }
            return sb.toString();
        }
        if (v instanceof Map) {
            return "[object Object]";
        }
        return v.toString();
    }

    /** ECMAScript Number::toString(10). */
    static String numberToString(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (d == 0) {
            return "0";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d < 0) {
            return "-" + numberToString(-d);
        }
        if (d < 9007199254740992.0 && d == Math.rint(d)) {
            return Long.toString((long) d);
        }
        // Shortest decimal that reads back as d (Java 17's Double.toString is not always shortest).
        BigDecimal exact = new BigDecimal(d);
        BigDecimal shortest = exact;
        for (int p = 1; p <= 17; p++) {
            BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (r.doubleValue() == d) {
                shortest = r;
                break;
            }
        }
        BigDecimal stripped = shortest.stripTrailingZeros();
        String digits = stripped.unscaledValue().toString();
        int k = digits.length();
        int n = k - stripped.scale(); // value = 0.digits * 10^n
        StringBuilder sb = new StringBuilder();
        if (k <= n && n <= 21) {
            sb.append(digits);
            for (int i = 0; i < n - k; i++) {
                sb.append('0');
            }
        } else if (0 < n && n <= 21) {
            sb.append(digits, 0, n).append('.').append(digits, n, k);
        } else if (-6 < n && n <= 0) {
            sb.append("0.");
            for (int i = 0; i < -n; i++) {
                sb.append('0');
            }
            sb.append(digits);
        } else {
            int e = n - 1;
            sb.append(digits.charAt(0));
            if (k > 1) {
                sb.append('.').append(digits, 1, k);
            }
            sb.append('e').append(e < 0 ? '-' : '+').append(Math.abs(e));
        }
        return sb.toString();
    }

    /** JavaScript white space and line terminators, as {@code String.prototype.trim} removes them. */
    static boolean isJsSpace(char c) {
        switch (c) {
            case '\t', '\n', 0x0B, '\f', '\r', ' ', 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F,
                    0x3000, 0xFEFF:
                return true;
            default:
                return c >= 0x2000 && c <= 0x200A;
        }
    }

    static String trim(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && isJsSpace(s.charAt(a))) {
            a++;
        }
        while (b > a && isJsSpace(s.charAt(b - 1))) {
            b--;
        }
        return s.substring(a, b);
    }

    /**
     * The number patterns, compiled when first used rather than when {@code Js} is loaded:
     * loading a definitions document uses {@code Js} but no regex.
     */
    private static final class NumberPatterns {
        static final Pattern FLOAT_PREFIX =
                Pattern.compile("[+-]?(?:Infinity|(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?)");
        static final Pattern DECIMAL =
                Pattern.compile("[+-]?(?:Infinity|(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?)");

        private NumberPatterns() {}
    }

    /** JavaScript {@code parseFloat(s)}. */
    static double parseFloat(String s) {
        int i = 0;
        while (i < s.length() && isJsSpace(s.charAt(i))) {
            i++;
        }
        Matcher m = NumberPatterns.FLOAT_PREFIX.matcher(s);
        m.region(i, s.length());
        if (!m.lookingAt()) {
            return Double.NaN;
        }
        return Double.parseDouble(m.group());
    }

    /** JavaScript {@code Number(v)} (ToNumber). */
    static double toNumber(Object v) {
        if (v == null) {
            return 0;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (isString(v)) {
            String t = trim(v.toString());
            if (t.isEmpty()) {
                return 0;
            }
            if (t.length() > 2 && t.charAt(0) == '0') {
                int radix = switch (t.charAt(1)) {
                    case 'x', 'X' -> 16;
                    case 'o', 'O' -> 8;
                    case 'b', 'B' -> 2;
                    default -> 0;
                };
                if (radix != 0) {
                    double r = 0;
                    for (int i = 2; i < t.length(); i++) {
                        int dgt = Character.digit(t.charAt(i), radix);
                        if (dgt < 0 || t.charAt(i) > 0x7f) {
                            return Double.NaN;
                        }
                        r = r * radix + dgt;
                    }
                    return r;
                }
            }
            if (NumberPatterns.DECIMAL.matcher(t).matches()) {
                return Double.parseDouble(t);
            }
            return Double.NaN;
        }
        if (isArray(v)) {
            List<?> l = list(v);
            if (l.isEmpty()) {
                return 0;
            }
            if (l.size() == 1) {
                return toNumber(l.get(0) == null ? "" : str(l.get(0)));
            }
            return Double.NaN;
        }
        return Double.NaN;
    }

    /** JavaScript strict equality ({@code ===}) for JSON values (arrays and objects by identity). */
    static boolean strictEquals(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof Number x && b instanceof Number y) {
            return x.doubleValue() == y.doubleValue();
        }
        if (isString(a) && isString(b)) {
            return a.toString().equals(b.toString());
        }
        if (a instanceof Boolean && b instanceof Boolean) {
            return a.equals(b);
        }
        return a == b;
    }

    /** Lower-cases ASCII letters only, as posthog-node does for the contains/starts/ends operators. */
    static String asciiLower(String s) {
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                break;
            }
            i++;
        }
        if (i == n) {
            return s;
        }
        char[] cs = s.toCharArray();
        for (; i < n; i++) {
            char c = cs[i];
            if (c >= 'A' && c <= 'Z') {
                cs[i] = (char) (c + 32);
            }
        }
        return new String(cs);
    }

    /** Full Unicode lower-casing, as JavaScript's {@code toLowerCase}. */
    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    // ---- JSON text for exact matching -------------------------------------------------------

    /** Thrown when a value cannot be represented the way the flags service would see it. */
    static final class Unrepresentable extends Exception {
        private static final long serialVersionUID = 1L;

        Unrepresentable(String message) {
            super(message, null, false, false);
        }
    }

    static void assertScalarString(String s) throws Unrepresentable {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    throw new Unrepresentable("Cannot stringify an unpaired surrogate like the flags service");
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                throw new Unrepresentable("Cannot stringify an unpaired surrogate like the flags service");
            }
        }
    }

    /** posthog-node's {@code assertJsonRepresentable}. */
    static void assertJsonRepresentable(Object v) throws Unrepresentable {
        if (v == null || v instanceof Boolean) {
            return;
        }
        if (isString(v)) {
            assertScalarString(v.toString());
            return;
        }
        if (v instanceof Number n) {
            if (!Double.isFinite(n.doubleValue())) {
                throw new Unrepresentable("Cannot represent non-finite number " + str(v) + " like the flags service");
            }
            return;
        }
        if (isArray(v)) {
            for (Object e : list(v)) {
                assertJsonRepresentable(e);
            }
            return;
        }
        if (v instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                assertScalarString(String.valueOf(e.getKey()));
                assertJsonRepresentable(e.getValue());
            }
            return;
        }
        // Any other Java object is seen as its string form.
        assertScalarString(v.toString());
    }

    /** posthog-node's {@code exactMatchString}: the string itself, or canonical JSON text. */
    static String exactMatchString(Object v) throws Unrepresentable {
        if (isString(v)) {
            String s = v.toString();
            assertScalarString(s);
            return s;
        }
        if (v != null && !(v instanceof Boolean) && !(v instanceof Number) && !isArray(v) && !(v instanceof Map)) {
            String s = v.toString();
            assertScalarString(s);
            return s;
        }
        StringBuilder sb = new StringBuilder();
        json(v, sb);
        return sb.toString();
    }

    private static void json(Object v, StringBuilder sb) throws Unrepresentable {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof Boolean b) {
            sb.append(b ? "true" : "false");
        } else if (v instanceof Number n) {
            double d = n.doubleValue();
            if (!Double.isFinite(d)) {
                throw new Unrepresentable("Cannot stringify non-finite number " + str(v) + " like the flags service");
            }
            if (d == Math.rint(d)) {
                throw new Unrepresentable("Cannot distinguish integer " + str(v) + " from an integral JSON float during local evaluation");
            }
            sb.append(numberToString(d));
        } else if (isString(v) || !(isArray(v) || v instanceof Map)) {
            String s = v.toString();
            assertScalarString(s);
            quote(s, sb);
        } else if (isArray(v)) {
            sb.append('[');
            boolean first = true;
            for (Object e : list(v)) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                json(e, sb);
            }
            sb.append(']');
        } else {
            Map<?, ?> m = (Map<?, ?>) v;
            List<String> keys = new ArrayList<>(m.size());
            for (Object k : m.keySet()) {
                String ks = String.valueOf(k);
                assertScalarString(ks);
                keys.add(ks);
            }
            keys.sort(Js::compareCodePoints);
            sb.append('{');
            boolean first = true;
            for (String k : keys) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                quote(k, sb);
                sb.append(':');
                json(m.get(k), sb);
            }
            sb.append('}');
        }
    }

    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return ca - cb;
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return a.length() - b.length();
    }

    /** {@code JSON.stringify} of a string. */
    static void quote(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    boolean lone = Character.isHighSurrogate(c)
                            ? i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))
                            : Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)));
                    if (c < 0x20 || lone) {
                        // Well-formed JSON.stringify (ES2019) escapes lone surrogates too.
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    // ---- boolean-like values used by exact matching -------------------------------------------

    static boolean isTruthyOrFalsy(Object v) {
        if (v instanceof Boolean) {
            return true;
        }
        if (isString(v)) {
            String l = lower(v.toString());
            return l.equals("true") || l.equals("false");
        }
        if (!isArray(v)) {
            return false;
        }
        for (Object e : list(v)) {
            if (!isTruthyOrFalsy(e)) {
                return false;
            }
        }
        return true;
    }

    static boolean isTruthyValue(Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        if (isString(v)) {
            return lower(v.toString()).equals("true");
        }
        if (!isArray(v)) {
            return false;
        }
        for (Object e : list(v)) {
            if (!isTruthyValue(e)) {
                return false;
            }
        }
        return true;
    }

    static boolean isEmptyArray(Object v) {
        return isArray(v) && list(v).isEmpty();
    }

}
