// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.flags;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A {@code regex}/{@code not_regex} operand, compiled once.
 *
 * <p>posthog-node only evaluates a "portable" subset of JavaScript regular expressions locally
 * (ASCII patterns, a fixed set of escapes, no look-around or back-references) and only against
 * ASCII values without carriage returns; everything else is left to the server. Within that
 * subset, JavaScript and {@code java.util.regex} agree once a few spellings are translated:
 * {@code $} becomes {@code \z} (Java's {@code $} also matches before a final line break),
 * {@code \v} becomes {@code \x0B}, and character classes are re-emitted atom by atom (so
 * {@code [\b]} is a backspace and JavaScript's range rules apply).
 */
final class JsRegex {
    enum Kind {
        /** Empty pattern: always true. */
        ALWAYS,
        /** Outside the portable subset: the server must decide. */
        NEEDS_SERVER,
        /** A JavaScript syntax error: both operators give false. */
        INVALID,
        /** Compiled. */
        COMPILED
    }

    final Kind kind;
    final String message;
    /** Set when JavaScript would evaluate this pattern but java.util.regex cannot. */
    final String deviation;
    private final Pattern pattern;

    private JsRegex(Kind kind, String message, Pattern pattern) {
        this(kind, message, pattern, null);
    }

    private JsRegex(Kind kind, String message, Pattern pattern, String deviation) {
        this.kind = kind;
        this.message = message;
        this.pattern = pattern;
        this.deviation = deviation;
    }

    /** Thrown (soft inconclusive, regex flavour) when the value needs server evaluation. */
    static boolean valueNeedsServer(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > 0x7f || c == '\r') {
                return true;
            }
        }
        return false;
    }

    boolean find(String value) {
        return pattern.matcher(value).find();
    }

    private static final String ESCAPABLE_CLASS = "dDsSwWbBfnrtv";

    private static boolean literalEscapedPunctuation(char c) {
        return (c >= 0x20 && c <= 0x2f) || c == ':' || c == ';' || c == '=' || c == '?' || c == '@'
                || (c >= 0x5b && c <= 0x60) || (c >= 0x7b && c <= 0x7e);
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    static JsRegex compile(String p) {
        if (p.isEmpty()) {
            return new JsRegex(Kind.ALWAYS, null, null);
        }
        List<int[]> classes = portableClasses(p);
        if (classes == null) {
            return new JsRegex(Kind.NEEDS_SERVER, "Regex syntax requires server evaluation", null);
        }
        Pattern compiled;
        try {
            compiled = Pattern.compile(translate(p));
        } catch (PatternSyntaxException | Syntax e) {
            return new JsRegex(Kind.INVALID, "invalid regular expression", null);
        } catch (Unsupported e) {
            return new JsRegex(Kind.NEEDS_SERVER, "regex repetition count above 2^31-1", null,
                    "regex repetition counts java.util.regex cannot represent");
        }
        for (int[] c : classes) {
            if (!classValidInUnicodeMode(p, c[0], c[1])) {
                return new JsRegex(Kind.NEEDS_SERVER, "Regex character class syntax requires server evaluation", null);
            }
        }
        return new JsRegex(Kind.COMPILED, null, compiled);
    }

    /** posthog-node's portability scan; returns the [start, end] of each class, or null. */
    private static List<int[]> portableClasses(String p) {
        List<int[]> classes = new ArrayList<>();
        int classStart = -1;
        String prev = "";
        int n = p.length();
        for (int i = 0; i < n; i++) {
            char ch = p.charAt(i);
            if (ch > 0x7f) {
                return null;
            }
            if (ch == '\\') {
                i++;
                if (i >= n) {
                    break;
                }
                char esc = p.charAt(i);
                if (esc == 'x') {
                    if (i + 2 >= n || !isHex(p.charAt(i + 1)) || !isHex(p.charAt(i + 2))) {
                        return null;
                    }
                    i += 2;
                } else if (ESCAPABLE_CLASS.indexOf(esc) < 0 && !literalEscapedPunctuation(esc)) {
                    return null;
                }
                if (classStart == -1 && (esc == 'b' || esc == 'B')) {
                    return null;
                }
                prev = "literal";
                continue;
            }
            if (ch == '[') {
                if (classStart != -1) {
                    return null;
                }
                classStart = i;
            } else if (ch == ']' && classStart != -1) {
                int contentStart = classStart + (classStart + 1 < n && p.charAt(classStart + 1) == '^' ? 2 : 1);
                if (i == contentStart) {
                    return null;
                }
                classes.add(new int[] {classStart, i});
                classStart = -1;
                prev = "literal";
                continue;
            } else if (classStart != -1) {
                if (i + 1 < n) {
                    String two = p.substring(i, i + 2);
                    if (two.equals("&&") || two.equals("--") || two.equals("~~")) {
                        return null;
                    }
                }
                continue;
            } else if (ch == '(' && i + 1 < n && p.charAt(i + 1) == '?') {
                if (i + 2 >= n || p.charAt(i + 2) != ':') {
                    return null;
                }
                i += 2;
            } else if (ch == '{') {
                int j = i + 1;
                int d1 = j;
                while (j < n && p.charAt(j) >= '0' && p.charAt(j) <= '9') {
                    j++;
                }
                if (j == d1) {
                    return null;
                }
                String first = p.substring(d1, j);
                String second = null;
                if (j < n && p.charAt(j) == ',') {
                    j++;
                    int d2 = j;
                    while (j < n && p.charAt(j) >= '0' && p.charAt(j) <= '9') {
                        j++;
                    }
                    second = p.substring(d2, j);
                }
                if (j >= n || p.charAt(j) != '}') {
                    return null;
                }
                if (prev.isEmpty() || prev.equals("|") || prev.equals("(")) {
                    return null;
                }
                if (tooBig(first) || (second != null && tooBig(second))) {
                    return null;
                }
            } else if ((ch == '*' || ch == '+' || ch == '?' || ch == '}')
                    && i + 1 < n && (p.charAt(i + 1) == '+' || p.charAt(i + 1) == '{')) {
                return null;
            }
            if ((ch == '*' || ch == '+' || ch == '?' || ch == '{')
                    && (prev.equals("^") || prev.equals("$") || prev.equals("empty group"))) {
                return null;
            }
            prev = ch == ')' && (prev.equals("(") || prev.equals("empty group")) ? "empty group" : String.valueOf(ch);
        }
        return classes;
    }

    private static boolean tooBig(String digits) {
        if (digits.isEmpty()) {
            return false;
        }
        return Double.parseDouble(digits) > 4294967295.0;
    }

    private static final class Syntax extends Exception {
        private static final long serialVersionUID = 1L;

        Syntax() {
            super(null, null, false, false);
        }
    }

    private static final class Unsupported extends Exception {
        private static final long serialVersionUID = 1L;

        Unsupported() {
            super(null, null, false, false);
        }
    }

    /** Translates a portable JavaScript pattern into an equivalent Java pattern. */
    private static String translate(String p) throws Syntax, Unsupported {
        StringBuilder out = new StringBuilder(p.length() + 8);
        int n = p.length();
        int i = 0;
        while (i < n) {
            char ch = p.charAt(i);
            if (ch == '\\') {
                if (i + 1 >= n) {
                    throw new Syntax();
                }
                char esc = p.charAt(i + 1);
                if (esc == 'v') {
                    out.append("\\x0B");
                } else {
                    out.append(ch).append(esc);
                }
                i += 2;
            } else if (ch == '[') {
                i = translateClass(p, i, out);
            } else if (ch == '$') {
                out.append("\\z");
                i++;
            } else if (ch == '{') {
                int close = p.indexOf('}', i);
                String body = p.substring(i + 1, close);
                for (String part : body.split(",", -1)) {
                    if (!part.isEmpty() && Double.parseDouble(part) > Integer.MAX_VALUE - 1) {
                        // JavaScript accepts counts up to 2^32-1; java.util.regex cannot.
                        throw new Unsupported();
                    }
                }
                out.append(p, i, close + 1);
                i = close + 1;
            } else {
                out.append(ch);
                i++;
            }
        }
        return out.toString();
    }

    /** One class atom: a character code, or a class escape (d, D, s, S, w, W) as a negative code. */
    private static int[] readAtom(String p, int i) throws Syntax {
        char c = p.charAt(i);
        if (c != '\\') {
            return new int[] {c, i + 1};
        }
        if (i + 1 >= p.length()) {
            throw new Syntax();
        }
        char e = p.charAt(i + 1);
        return switch (e) {
            case 'd', 'D', 's', 'S', 'w', 'W' -> new int[] {-e, i + 2};
            case 'b' -> new int[] {8, i + 2};
            case 'f' -> new int[] {'\f', i + 2};
            case 'n' -> new int[] {'\n', i + 2};
            case 'r' -> new int[] {'\r', i + 2};
            case 't' -> new int[] {'\t', i + 2};
            case 'v' -> new int[] {0x0B, i + 2};
            case 'x' -> new int[] {Integer.parseInt(p.substring(i + 2, i + 4), 16), i + 4};
            default -> new int[] {e, i + 2};
        };
    }

    private static void emitAtom(int a, StringBuilder out) {
        if (a < 0) {
            out.append('\\').append((char) -a);
        } else {
            // "\\x%02X" by hand: String.format's first use in a JVM costs milliseconds.
            String hex = Integer.toHexString(a).toUpperCase(Locale.ROOT);
            out.append("\\x");
            if (hex.length() < 2) {
                out.append('0');
            }
            out.append(hex);
        }
    }

    private static int translateClass(String p, int start, StringBuilder out) throws Syntax {
        int n = p.length();
        int i = start + 1;
        out.append('[');
        if (i < n && p.charAt(i) == '^') {
            out.append('^');
            i++;
        }
        while (true) {
            if (i >= n) {
                throw new Syntax();
            }
            if (p.charAt(i) == ']') {
                out.append(']');
                return i + 1;
            }
            int[] a = readAtom(p, i);
            i = a[1];
            if (i + 1 < n && p.charAt(i) == '-' && p.charAt(i + 1) != ']') {
                int[] b = readAtom(p, i + 1);
                i = b[1];
                if (a[0] < 0 || b[0] < 0) {
                    // Annex B: a range with a class escape is the union of its parts.
                    emitAtom(a[0], out);
                    emitAtom('-', out);
                    emitAtom(b[0], out);
                } else {
                    if (a[0] > b[0]) {
                        throw new Syntax();
                    }
                    emitAtom(a[0], out);
                    out.append('-');
                    emitAtom(b[0], out);
                }
            } else {
                emitAtom(a[0], out);
            }
        }
    }

    private static final String UNICODE_IDENTITY = "^$\\.*+?()[]{}|/-";

    /** Whether {@code new RegExp(cls, 'u')} accepts the class p[start..end]. */
    private static boolean classValidInUnicodeMode(String p, int start, int end) {
        int i = start + 1;
        if (p.charAt(i) == '^') {
            i++;
        }
        try {
            while (i < end) {
                int[] a = unicodeAtom(p, i);
                i = a[1];
                if (i + 1 < end && p.charAt(i) == '-' && p.charAt(i + 1) != ']') {
                    int[] b = unicodeAtom(p, i + 1);
                    i = b[1];
                    if (a[0] < 0 || b[0] < 0 || a[0] > b[0]) {
                        return false;
                    }
                }
            }
            return true;
        } catch (Syntax e) {
            return false;
        }
    }

    private static int[] unicodeAtom(String p, int i) throws Syntax {
        if (p.charAt(i) == '\\') {
            char e = p.charAt(i + 1);
            if ("dDsSwWbfnrtvx".indexOf(e) < 0 && UNICODE_IDENTITY.indexOf(e) < 0) {
                throw new Syntax();
            }
        }
        return readAtom(p, i);
    }
}
