// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.flags;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates as posthog-node reads them: JavaScript {@code new Date(x)} for absolute values and its
 * relative forms ({@code 7d}, {@code -3m}) for the filter side.
 *
 * <p>V8's date parser accepts far more spellings than we do. We accept the ISO forms, the
 * space-separated variants that PostHog sends and SDKs write, and the strings JavaScript's own
 * {@code toUTCString()} and {@code toString()} produce; anything else with a digit is "cannot
 * decide" (never a different answer). Offset-less date-times are read as UTC, which is what V8 does in
 * the UTC time zone that serverless runtimes use.
 */
final class JsDates {
    private JsDates() {}

    private static final double MAX_TIME = 8.64e15;

    /** Epoch milliseconds of {@code new Date(v)} for a string or number, or null when invalid. */
    static Long parse(Object v) {
        if (v instanceof Number n) {
            return timeClip(n.doubleValue());
        }
        return parseString(Js.str(v));
    }

    /**
     * Whether V8 surely rejects this text too: its parsers need at least one digit. Text with a
     * digit that we do not parse may still be a date to V8 (its legacy parser is very lenient).
     */
    static boolean surelyInvalid(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                return false;
            }
        }
        return true;
    }

    static final String DEVIATION = "date text outside the ISO 8601 forms we parse";

    static Long timeClip(double d) {
        if (!Double.isFinite(d) || Math.abs(d) > MAX_TIME) {
            return null;
        }
        return (long) d; // truncates toward zero, as ToIntegerOrInfinity does
    }

    private static final Pattern DATE_ONLY = Pattern.compile("(\\d{4})(?:-(\\d{2})(?:-(\\d{2}))?)?");
    private static final Pattern ISO_TIME = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})[Tt](\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d+))?)?([Zz]|[+-]\\d{2}:?\\d{2})?");
    private static final Pattern SPACE_TIME = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2}) (\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d+))?)? ?(Z|UTC|GMT|[+-]\\d{2}:?\\d{2})?");

    private static final String DAYS = "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)";
    private static final String MONTHS = "(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)";
    /** {@code Date.prototype.toUTCString} / RFC 1123: {@code Wed, 01 May 2024 10:00:00 GMT}. */
    private static final Pattern RFC_1123 = Pattern.compile(
            DAYS + ", (\\d{1,2}) " + MONTHS + " (\\d{4}) (\\d{2}):(\\d{2}):(\\d{2}) GMT");
    /** {@code Date.prototype.toString}: {@code Wed May 01 2024 10:00:00 GMT+0200 (Central European ...)}. */
    private static final Pattern JS_TO_STRING = Pattern.compile(
            DAYS + " " + MONTHS + " (\\d{2}) (\\d{4}) (\\d{2}):(\\d{2}):(\\d{2}) GMT([+-]\\d{4})(?: \\([^()]*\\))?");

    private static final String TIME = "(?: (\\d{2}):(\\d{2})(?::(\\d{2}))?)?";
    /** V8 legacy forms, read as UTC like every offset-less form: 2022/5/1, 5/1/2022, May 1, 2022, 1 May 2022, 2022-5-1. */
    private static final Pattern SLASH_YMD = Pattern.compile("(\\d{4})/(\\d{1,2})/(\\d{1,2})" + TIME);
    private static final Pattern SLASH_MDY = Pattern.compile("(\\d{1,2})/(\\d{1,2})/(\\d{4})" + TIME);
    private static final Pattern DASH_YMD = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})" + TIME);
    private static final Pattern NAMED_MDY = Pattern.compile(MONTHS + " (\\d{1,2}),? (\\d{4})" + TIME);
    private static final Pattern NAMED_DMY = Pattern.compile("(\\d{1,2}) " + MONTHS + " (\\d{4})" + TIME);

    private static Long legacy(Matcher m, int y, int mo, int d, int timeGroup) {
        int h = m.group(timeGroup) == null ? 0 : Integer.parseInt(m.group(timeGroup));
        int mi = m.group(timeGroup + 1) == null ? 0 : Integer.parseInt(m.group(timeGroup + 1));
        int sec = m.group(timeGroup + 2) == null ? 0 : Integer.parseInt(m.group(timeGroup + 2));
        return civil(y, mo, d, h, mi, sec, 0, "Z");
    }

    private static Long parseLegacy(String s) {
        Matcher m = SLASH_YMD.matcher(s);
        if (m.matches()) {
            return legacy(m, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), 4);
        }
        m = SLASH_MDY.matcher(s);
        if (m.matches()) {
            return legacy(m, Integer.parseInt(m.group(3)), Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), 4);
        }
        m = DASH_YMD.matcher(s);
        if (m.matches()) {
            return legacy(m, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), 4);
        }
        m = NAMED_MDY.matcher(s);
        if (m.matches()) {
            return legacy(m, Integer.parseInt(m.group(3)), month(m.group(1)), Integer.parseInt(m.group(2)), 4);
        }
        m = NAMED_DMY.matcher(s);
        if (m.matches()) {
            return legacy(m, Integer.parseInt(m.group(3)), month(m.group(2)), Integer.parseInt(m.group(1)), 4);
        }
        return null;
    }

    private static int month(String name) {
        return "JanFebMarAprMayJunJulAugSepOctNovDec".indexOf(name) / 3 + 1;
    }

    static Long parseString(String s) {
        Matcher w = RFC_1123.matcher(s);
        if (w.matches()) {
            return civil(Integer.parseInt(w.group(3)), month(w.group(2)), Integer.parseInt(w.group(1)),
                    Integer.parseInt(w.group(4)), Integer.parseInt(w.group(5)), Integer.parseInt(w.group(6)), 0, "Z");
        }
        w = JS_TO_STRING.matcher(s);
        if (w.matches()) {
            return civil(Integer.parseInt(w.group(3)), month(w.group(1)), Integer.parseInt(w.group(2)),
                    Integer.parseInt(w.group(4)), Integer.parseInt(w.group(5)), Integer.parseInt(w.group(6)), 0,
                    w.group(7));
        }
        Matcher m = DATE_ONLY.matcher(s);
        if (m.matches()) {
            int month = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
            int day = m.group(3) == null ? 1 : Integer.parseInt(m.group(3));
            return civil(Integer.parseInt(m.group(1)), month, day, 0, 0, 0, 0, "Z");
        }
        m = ISO_TIME.matcher(s);
        if (!m.matches()) {
            m = SPACE_TIME.matcher(s);
            if (!m.matches()) {
                return parseLegacy(s);
            }
        }
        int sec = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
        int ms = 0;
        if (m.group(7) != null) {
            String f = (m.group(7) + "00").substring(0, 3);
            ms = Integer.parseInt(f);
        }
        return civil(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), sec, ms, m.group(8));
    }

    private static Long civil(int y, int mo, int d, int h, int mi, int s, int ms, String zone) {
        if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) {
            return null;
        }
        long offsetMinutes = 0;
        if (zone != null && (zone.charAt(0) == '+' || zone.charAt(0) == '-')) {
            String digits = zone.substring(1).replace(":", "");
            int oh = Integer.parseInt(digits.substring(0, 2));
            int om = Integer.parseInt(digits.substring(2, 4));
            if (oh > 23 || om > 59) {
                return null;
            }
            offsetMinutes = (zone.charAt(0) == '+' ? 1 : -1) * (oh * 60L + om);
        }
        // Day-of-month overflow rolls into the next month (2024-02-30 is 1 March), as in V8.
        long epochDay = LocalDate.of(y, mo, 1).toEpochDay() + d - 1;
        long t = epochDay * 86_400_000L + h * 3_600_000L + mi * 60_000L + s * 1000L + ms - offsetMinutes * 60_000L;
        return Math.abs((double) t) > MAX_TIME ? null : t;
    }

    private static final Pattern RELATIVE = Pattern.compile("-?([0-9]+)([a-z])");

    /** A relative filter date such as {@code 7d}: amount and unit. */
    record Relative(int amount, char unit) {
        long resolve(long nowMs) {
            switch (unit) {
                case 'h':
                    return nowMs - amount * 3_600_000L;
                case 'd':
                    return nowMs - amount * 86_400_000L;
                case 'w':
                    return nowMs - 7L * amount * 86_400_000L;
                default:
                    break;
            }
            LocalDateTime now = LocalDateTime.ofInstant(Instant.ofEpochMilli(nowMs), ZoneOffset.UTC);
            int year = now.getYear();
            int month = now.getMonthValue() - 1;
            int day = now.getDayOfMonth();
            LocalDate target;
            if (unit == 'm') {
                // posthog-node clamps the day to the shortest month passed through (while > 28).
                for (int step = 1; step <= amount && day > 28; step++) {
                    day = Math.min(day, monthStart(year, month - step).lengthOfMonth());
                }
                target = monthStart(year, month - amount).plusDays(day - 1L);
            } else {
                if (amount > 0 && month == 1 && day == 29) {
                    day = 28;
                }
                target = LocalDate.of(year - amount, month + 1, 1).plusDays(day - 1L);
            }
            return target.atTime(now.toLocalTime()).toInstant(ZoneOffset.UTC).toEpochMilli();
        }
    }

    private static LocalDate monthStart(int year, int zeroBasedMonth) {
        int y = year + Math.floorDiv(zeroBasedMonth, 12);
        int m = Math.floorMod(zeroBasedMonth, 12);
        return LocalDate.of(y, m + 1, 1);
    }

    /** posthog-node's relative date parse of {@code String(value)}, or null when not relative. */
    static Relative relative(String s) {
        Matcher m = RELATIVE.matcher(s);
        if (!m.matches()) {
            return null;
        }
        double n = Double.parseDouble(m.group(1));
        if (n >= 10000) {
            return null;
        }
        char unit = m.group(2).charAt(0);
        if (unit != 'h' && unit != 'd' && unit != 'w' && unit != 'm' && unit != 'y') {
            return null;
        }
        return new Relative((int) n, unit);
    }
}
