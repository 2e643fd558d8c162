// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.flags;

/**
 * Semantic versions as posthog-node compares them: only major.minor.patch count, pre-release and
 * build metadata are dropped, numeric parts must not have leading zeros ("strict" policy).
 * Components are doubles because JavaScript's {@code parseInt} yields doubles for long digit runs.
 */
final class Semver {
    private Semver() {}

    /** A parsed version, or null when the text is not a version. */
    static double[] parse(String value) {
        String text = stripV(Js.trim(value));
        String base = cut(cut(text, '-'), '+');
        if (base.isEmpty() || base.startsWith(".")) {
            return null;
        }
        String[] parts = base.split("\\.", -1);
        double[] out = new double[3];
        for (int i = 0; i < 3; i++) {
            if (i >= parts.length || parts[i].isEmpty()) {
                out[i] = 0;
                continue;
            }
            double d = numericIdentifier(parts[i]);
            if (Double.isNaN(d)) {
                return null;
            }
            out[i] = d;
        }
        return out;
    }

    private static String stripV(String s) {
        return !s.isEmpty() && (s.charAt(0) == 'v' || s.charAt(0) == 'V') ? s.substring(1) : s;
    }

    private static String cut(String s, char c) {
        int i = s.indexOf(c);
        return i < 0 ? s : s.substring(0, i);
    }

    private static double numericIdentifier(String part) {
        if (part.isEmpty()) {
            return Double.NaN;
        }
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c < '0' || c > '9') {
                return Double.NaN;
            }
        }
        if (part.length() > 1 && part.charAt(0) == '0') {
            return Double.NaN;
        }
        return Double.parseDouble(part);
    }

    static int compare(double[] a, double[] b) {
        for (int i = 0; i < 3; i++) {
            if (a[i] < b[i]) {
                return -1;
            }
            if (a[i] > b[i]) {
                return 1;
            }
        }
        return 0;
    }

    /** [lower, upper) for {@code semver_tilde}, or null. */
    static double[][] tilde(String value) {
        double[] v = parse(value);
        return v == null ? null : new double[][] {v, {v[0], v[1] + 1, 0}};
    }

    /** [lower, upper) for {@code semver_caret}, or null. */
    static double[][] caret(String value) {
        double[] v = parse(value);
        if (v == null) {
            return null;
        }
        double[] upper = v[0] > 0 ? new double[] {v[0] + 1, 0, 0}
                : v[1] > 0 ? new double[] {0, v[1] + 1, 0} : new double[] {0, 0, v[2] + 1};
        return new double[][] {v, upper};
    }

    /** [lower, upper) for {@code semver_wildcard}, or null. */
    static double[][] wildcard(String value) {
        String text = stripV(Js.trim(value));
        if (text.endsWith(".*")) {
            text = text.substring(0, text.length() - 2);
        }
        if (text.endsWith("*")) {
            text = text.substring(0, text.length() - 1);
        }
        if (text.isEmpty()) {
            return null;
        }
        String[] parts = text.split("\\.", -1);
        double major = numericIdentifier(parts[0]);
        if (Double.isNaN(major)) {
            return null;
        }
        if (parts.length == 1) {
            return new double[][] {{major, 0, 0}, {major + 1, 0, 0}};
        }
        double minor = numericIdentifier(parts[1]);
        if (Double.isNaN(minor)) {
            return null;
        }
        return new double[][] {{major, minor, 0}, {major, minor + 1, 0}};
    }
}
