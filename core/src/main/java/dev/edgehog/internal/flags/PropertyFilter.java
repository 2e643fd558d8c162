// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.flags;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * One property filter of a condition or cohort, compiled once: operator resolved, operand
 * coerced, regex compiled, date and semver parsed. {@link #match} then mirrors posthog-node's
 * {@code matchFeatureFlagProperty} for person and group properties.
 */
final class PropertyFilter {
    enum Kind { PROPERTY, COHORT, FLAG }

    enum Op {
        EXACT, IS_NOT, IS_SET, IS_NOT_SET, ICONTAINS, NOT_ICONTAINS, STARTS_WITH, NOT_STARTS_WITH,
        ENDS_WITH, NOT_ENDS_WITH, REGEX, NOT_REGEX, GT, GTE, LT, LTE, DATE_AFTER, DATE_BEFORE,
        SEMVER_EQ, SEMVER_NEQ, SEMVER_GT, SEMVER_GTE, SEMVER_LT, SEMVER_LTE, SEMVER_TILDE,
        SEMVER_CARET, SEMVER_WILDCARD, UNKNOWN;

        boolean allowsNull() {
            return ordinal() <= NOT_REGEX.ordinal() && this != IS_SET && this != IS_NOT_SET;
        }
    }

    final Kind kind;
    final String key;
    final Op op;
    final String operatorText;
    final Object value;
    final boolean negation;
    /** posthog-node's {@code assertFeatureFlagFilterSupported} outcome; null when supported. */
    final Inconclusive unsupported;

    // cohort
    final String cohortId;
    final boolean notIn;
    // flag dependency
    final boolean hasChain;
    final List<String> chain; // null when not an array

    // exact / is_not
    private boolean booleanPath;
    private boolean targetTruthy;
    private boolean version2NumberFalse;
    private boolean targetIsArray;
    private String targetString; // lower-cased
    private Inconclusive targetError;
    private List<Object> itemStrings; // String (lower-cased) or Inconclusive

    // contains family
    private String lowered;
    // regex
    private JsRegex regex;
    // numeric
    private double parsedValue;
    private String valueString;
    // dates
    private Inconclusive dateError;
    private JsDates.Relative relative;
    private long absoluteMs;
    // semver
    private double[] semver;
    private double[][] bounds;
    private Inconclusive semverError;

    private PropertyFilter(Map<String, Object> raw, boolean propertyMatchingVersion2) {
        Object type = raw.get("type");
        this.kind = "cohort".equals(type) ? Kind.COHORT : "flag".equals(type) ? Kind.FLAG : Kind.PROPERTY;
        this.key = raw.containsKey("key") ? Js.str(raw.get("key")) : "undefined";
        this.value = raw.get("value");
        this.negation = Js.truthy(raw.get("negation"));
        Object operator = raw.get("operator");
        this.operatorText = Js.truthy(operator) ? Js.str(operator) : "exact";
        this.op = Js.truthy(operator) ? (operator instanceof String s ? opOf(s) : Op.UNKNOWN) : Op.EXACT;
        this.cohortId = Js.str(value);
        this.notIn = "not_in".equals(operator);
        this.hasChain = raw.containsKey("dependency_chain");
        Object chainRaw = raw.get("dependency_chain");
        if (Js.isArray(chainRaw)) {
            List<String> c = new ArrayList<>();
            for (Object o : Js.list(chainRaw)) {
                c.add(Js.str(o));
            }
            this.chain = Collections.unmodifiableList(c);
        } else {
            this.chain = null;
        }
        this.unsupported = kind == Kind.PROPERTY ? prepare(propertyMatchingVersion2) : null;
    }

    static PropertyFilter compile(Map<String, Object> raw, boolean propertyMatchingVersion2) {
        return new PropertyFilter(raw, propertyMatchingVersion2);
    }

    private static Op opOf(String s) {
        return switch (s) {
            case "exact" -> Op.EXACT;
            case "is_not" -> Op.IS_NOT;
            case "is_set" -> Op.IS_SET;
            case "is_not_set" -> Op.IS_NOT_SET;
            case "icontains" -> Op.ICONTAINS;
            case "not_icontains" -> Op.NOT_ICONTAINS;
            case "starts_with" -> Op.STARTS_WITH;
            case "not_starts_with" -> Op.NOT_STARTS_WITH;
            case "ends_with" -> Op.ENDS_WITH;
            case "not_ends_with" -> Op.NOT_ENDS_WITH;
            case "regex" -> Op.REGEX;
            case "not_regex" -> Op.NOT_REGEX;
            case "gt" -> Op.GT;
            case "gte" -> Op.GTE;
            case "lt" -> Op.LT;
            case "lte" -> Op.LTE;
            case "is_date_after" -> Op.DATE_AFTER;
            case "is_date_before" -> Op.DATE_BEFORE;
            case "semver_eq" -> Op.SEMVER_EQ;
            case "semver_neq" -> Op.SEMVER_NEQ;
            case "semver_gt" -> Op.SEMVER_GT;
            case "semver_gte" -> Op.SEMVER_GTE;
            case "semver_lt" -> Op.SEMVER_LT;
            case "semver_lte" -> Op.SEMVER_LTE;
            case "semver_tilde" -> Op.SEMVER_TILDE;
            case "semver_caret" -> Op.SEMVER_CARET;
            case "semver_wildcard" -> Op.SEMVER_WILDCARD;
            default -> Op.UNKNOWN;
        };
    }

    private static Inconclusive unsupported(String message) {
        return Inconclusive.soft(Unresolved.UNSUPPORTED_DEFINITION, message);
    }

    /** Precomputes the operand and returns the "unsupported" verdict. */
    private Inconclusive prepare(boolean v2) {
        switch (op) {
            case EXACT, IS_NOT -> {
                booleanPath = (!v2 && Js.isTruthyOrFalsy(value)) || Js.isEmptyArray(value);
                targetTruthy = Js.isTruthyValue(value);
                version2NumberFalse = v2 && Js.isTruthyOrFalsy(value);
                targetIsArray = Js.isArray(value);
                Inconclusive first = null;
                if (targetIsArray) {
                    List<Object> items = new ArrayList<>();
                    for (Object item : Js.list(value)) {
                        try {
                            items.add(Js.lower(Js.exactMatchString(item)));
                        } catch (Js.Unrepresentable e) {
                            Inconclusive inc = unsupported(e.getMessage());
                            items.add(inc);
                            if (first == null) {
                                first = inc;
                            }
                        }
                    }
                    itemStrings = items;
                } else {
                    try {
                        targetString = Js.lower(Js.exactMatchString(value));
                    } catch (Js.Unrepresentable e) {
                        targetError = unsupported(e.getMessage());
                        first = targetError;
                    }
                }
                return first;
            }
            case ICONTAINS, NOT_ICONTAINS, STARTS_WITH, NOT_STARTS_WITH, ENDS_WITH, NOT_ENDS_WITH -> {
                lowered = Js.asciiLower(Js.str(value));
                return null;
            }
            case REGEX, NOT_REGEX -> {
                regex = JsRegex.compile(Js.str(value));
                return null;
            }
            case GT, GTE, LT, LTE -> {
                valueString = Js.str(value);
                parsedValue = value instanceof Number n ? n.doubleValue() : Js.parseFloat(valueString);
                return null;
            }
            case DATE_AFTER, DATE_BEFORE -> {
                if (value instanceof Boolean) {
                    dateError = unsupported("Date operations cannot be performed on boolean values");
                    return dateError;
                }
                relative = JsDates.relative(Js.str(value));
                if (relative == null) {
                    Long ms = value instanceof Number || Js.isString(value) ? JsDates.parse(value) : null;
                    if (ms == null) {
                        String text = Js.str(value);
                        dateError = Js.isString(value) && !JsDates.surelyInvalid(text)
                                ? Inconclusive.deviation(Unresolved.UNSUPPORTED_DEFINITION, JsDates.DEVIATION,
                                        "filter date " + text + " is not in a format edgehog parses")
                                : unsupported(text + " is in an invalid date format");
                        return dateError;
                    }
                    absoluteMs = ms;
                }
                return null;
            }
            case SEMVER_EQ, SEMVER_NEQ, SEMVER_GT, SEMVER_GTE, SEMVER_LT, SEMVER_LTE -> {
                semver = Semver.parse(Js.str(value));
                return semver == null ? semverError = unsupported("Invalid semver: " + Js.str(value)) : null;
            }
            case SEMVER_TILDE, SEMVER_CARET, SEMVER_WILDCARD -> {
                String v = Js.str(value);
                bounds = op == Op.SEMVER_TILDE ? Semver.tilde(v) : op == Op.SEMVER_CARET ? Semver.caret(v) : Semver.wildcard(v);
                return bounds == null ? semverError = unsupported("Invalid semver: " + v) : null;
            }
            case UNKNOWN -> {
                return unsupported("Unknown operator: " + operatorText);
            }
            default -> {
                return null;
            }
        }
    }

    /** A context-side failure; an unsupported filter reports that instead (as Node does). */
    private Inconclusive context(String message) {
        return unsupported != null ? unsupported : Inconclusive.soft(Unresolved.MISSING_CONTEXT, message);
    }

    /** The error posthog-node gives for a key absent from the property map. */
    Inconclusive missingKey() {
        return context("property \"" + key + "\" not provided");
    }

    boolean match(Props props, Evaluation ev) {
        if (!props.has(key)) {
            throw missingKey();
        }
        if (op == Op.IS_NOT_SET) {
            return false;
        }
        if (op == Op.IS_SET) {
            return true;
        }
        Object v = props.get(key);
        if (v == null && !op.allowsNull()) {
            return false;
        }
        switch (op) {
            case EXACT:
                return exact(v);
            case IS_NOT:
                return !exact(v);
            case ICONTAINS:
                return Js.asciiLower(Js.str(v)).contains(lowered);
            case NOT_ICONTAINS:
                return !Js.asciiLower(Js.str(v)).contains(lowered);
            case STARTS_WITH:
                return Js.asciiLower(Js.str(v)).startsWith(lowered);
            case NOT_STARTS_WITH:
                return !Js.asciiLower(Js.str(v)).startsWith(lowered);
            case ENDS_WITH:
                return Js.asciiLower(Js.str(v)).endsWith(lowered);
            case NOT_ENDS_WITH:
                return !Js.asciiLower(Js.str(v)).endsWith(lowered);
            case REGEX:
            case NOT_REGEX:
                return regex(v);
            case GT:
            case GTE:
            case LT:
            case LTE:
                return compare(v);
            case DATE_AFTER:
            case DATE_BEFORE:
                return date(v, ev);
            case SEMVER_EQ:
            case SEMVER_NEQ:
            case SEMVER_GT:
            case SEMVER_GTE:
            case SEMVER_LT:
            case SEMVER_LTE: {
                if (semverError != null) {
                    throw semverError;
                }
                int c = Semver.compare(contextSemver(v), semver);
                return switch (op) {
                    case SEMVER_EQ -> c == 0;
                    case SEMVER_NEQ -> c != 0;
                    case SEMVER_GT -> c > 0;
                    case SEMVER_GTE -> c >= 0;
                    case SEMVER_LT -> c < 0;
                    default -> c <= 0;
                };
            }
            case SEMVER_TILDE:
            case SEMVER_CARET:
            case SEMVER_WILDCARD: {
                if (semverError != null) {
                    throw semverError;
                }
                double[] p = contextSemver(v);
                return Semver.compare(p, bounds[0]) >= 0 && Semver.compare(p, bounds[1]) < 0;
            }
            default:
                throw unsupported("Unknown operator: " + operatorText);
        }
    }

    private double[] contextSemver(Object v) {
        String text = Js.str(v);
        double[] p = Semver.parse(text);
        if (p == null) {
            throw context("Invalid semver: " + text);
        }
        return p;
    }

    private boolean exact(Object actual) {
        if (booleanPath) {
            representable(actual);
            return targetTruthy == Js.isTruthyValue(actual);
        }
        if (version2NumberFalse && actual instanceof Number) {
            representable(actual);
            return false;
        }
        if (targetIsArray) {
            String a = Js.lower(actualString(actual));
            for (Object item : itemStrings) {
                if (item instanceof Inconclusive inc) {
                    throw inc;
                }
                if (item.equals(a)) {
                    return true;
                }
            }
            return false;
        }
        if (targetError != null) {
            throw targetError;
        }
        return targetString.equals(Js.lower(actualString(actual)));
    }

    private void representable(Object actual) {
        try {
            Js.assertJsonRepresentable(actual);
        } catch (Js.Unrepresentable e) {
            throw context(e.getMessage());
        }
    }

    private String actualString(Object actual) {
        try {
            return Js.exactMatchString(actual);
        } catch (Js.Unrepresentable e) {
            throw context(e.getMessage());
        }
    }

    private boolean regex(Object v) {
        boolean matched;
        switch (regex.kind) {
            case ALWAYS -> matched = true;
            case INVALID -> {
                return false;
            }
            case NEEDS_SERVER -> throw regex.deviation != null
                    ? Inconclusive.deviation(Unresolved.UNSUPPORTED_DEFINITION, regex.deviation, regex.message)
                    : Inconclusive.regex(regex.message);
            default -> {
                String s = Js.str(v);
                if (JsRegex.valueNeedsServer(s)) {
                    throw Inconclusive.regex("Regex matching for Unicode or carriage returns requires server evaluation");
                }
                matched = regex.find(s);
            }
        }
        return op == Op.REGEX ? matched : !matched;
    }

    private boolean compare(Object v) {
        double override = v instanceof Number n ? n.doubleValue() : Js.parseFloat(Js.str(v));
        if (Double.isFinite(parsedValue) && Double.isFinite(override)) {
            return switch (op) {
                case GT -> override > parsedValue;
                case GTE -> override >= parsedValue;
                case LT -> override < parsedValue;
                default -> override <= parsedValue;
            };
        }
        int c = Js.str(v).compareTo(valueString);
        return switch (op) {
            case GT -> c > 0;
            case GTE -> c >= 0;
            case LT -> c < 0;
            default -> c <= 0;
        };
    }

    private boolean date(Object v, Evaluation ev) {
        if (dateError != null) {
            throw dateError;
        }
        long filterMs = relative != null ? relative.resolve(ev.nowMillis()) : absoluteMs;
        Long actual;
        if (v instanceof Instant i) {
            actual = i.toEpochMilli();
        } else if (v instanceof Date d) {
            actual = d.getTime();
        } else if (v instanceof Number || Js.isString(v)) {
            actual = JsDates.parse(v);
            if (actual == null) {
                String text = Js.str(v);
                if (Js.isString(v) && !JsDates.surelyInvalid(text)) {
                    throw unsupported != null ? unsupported : Inconclusive.deviation(Unresolved.MISSING_CONTEXT,
                            JsDates.DEVIATION, "date " + text + " is not in a format edgehog parses");
                }
                throw context(text + " is in an invalid date format");
            }
        } else {
            throw context("The date provided " + Js.str(v) + " must be a string, number, or date object");
        }
        return op == Op.DATE_BEFORE ? actual < filterMs : actual > filterMs;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case COHORT -> (notIn ? "not in cohort " : "in cohort ") + cohortId;
            case FLAG -> "flag " + key + " evaluates to " + Js.str(value);
            default -> key + " " + operatorText + " " + Js.str(value);
        };
    }
}
