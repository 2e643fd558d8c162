// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.flags;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The compiled rules of one flag: holdout, variant ranges, condition sets with their property
 * filters (regexes, dates and versions prepared), and decoded payloads. Immutable.
 *
 * <p>Compiled from the raw definition at the flag's first evaluation (see {@link
 * FlagDefinition#rules()}), not when the document is loaded: a cold function that reads three
 * flags of two hundred compiles three. A part that Node could not use without a {@code
 * TypeError} makes the rules {@linkplain #malformed malformed}: the flag is never decided locally.
 */
final class FlagRules {
    final String holdoutVariant; // null when no holdout
    final double holdoutPercentage;
    final List<Condition> conditions;
    final List<Variant> variants;
    /** Payload per lookup key ("true" or variant key), already decoded; falsy payloads absent. */
    final Map<String, Object> payloads;
    /** Why the flag cannot be used, or null. */
    final String malformed;

    /** A condition set of {@code filters.groups}. */
    static final class Condition {
        final int index;
        /** PropertyFilter, or String (a malformed filter's message). */
        final List<Object> filters;
        final boolean hasRollout;
        final double rolloutFraction;
        final boolean hasAggregation;
        final Object aggregation;
        final String variantOverride;

        Condition(int index, List<Object> filters, boolean hasRollout, double rolloutFraction,
                boolean hasAggregation, Object aggregation, String variantOverride) {
            this.index = index;
            this.filters = filters;
            this.hasRollout = hasRollout;
            this.rolloutFraction = rolloutFraction;
            this.hasAggregation = hasAggregation;
            this.aggregation = aggregation;
            this.variantOverride = variantOverride;
        }
    }

    /** A variant with its precomputed [low, high) hash range; key null means "true". */
    record Variant(String key, double low, double high) {}

    private FlagRules(Builder b) {
        this.holdoutVariant = b.holdoutVariant;
        this.holdoutPercentage = b.holdoutPercentage;
        this.conditions = Collections.unmodifiableList(b.conditions);
        this.variants = Collections.unmodifiableList(b.variants);
        this.payloads = Collections.unmodifiableMap(b.payloads);
        this.malformed = b.malformed;
    }

    private static final class Builder {
        String holdoutVariant;
        double holdoutPercentage;
        List<Condition> conditions = new ArrayList<>();
        List<Variant> variants = new ArrayList<>();
        Map<String, Object> payloads = new HashMap<>();
        String malformed;
    }

    /** Rules that never decide: the flag is malformed for {@code reason}. */
    static FlagRules malformed(String reason) {
        Builder b = new Builder();
        b.malformed = reason;
        return new FlagRules(b);
    }

    /** The variant whose range holds {@code h}, or null. */
    String variantFor(double h) {
        for (Variant v : variants) {
            if (h >= v.low && h < v.high) {
                return v.key;
            }
        }
        return null;
    }

    /**
     * Compiles a flag's {@code filters} object. Pure: the same input always gives equal rules,
     * and the input is only read.
     *
     * @param filters the flag's {@code filters} (an empty map when absent or not an object)
     * @param v2 whether the document has {@code property_matching_version} 2
     */
    static FlagRules compile(Map<String, Object> filters, boolean v2) {
        Builder b = new Builder();
        try {
            compileHoldout(b, filters.get("holdout"));
            compileVariants(b, filters.get("multivariate"));
            compileConditions(b, filters.get("groups"), v2);
            compilePayloads(b, filters.get("payloads"));
        } catch (MalformedDefinition e) {
            b.malformed = e.getMessage();
            b.conditions.clear();
            b.variants.clear();
            b.payloads.clear();
        }
        return new FlagRules(b);
    }

    /** A shape problem found while compiling one flag. */
    static final class MalformedDefinition extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedDefinition(String message) {
            super(message, null, false, false);
        }
    }

    private static void compileHoldout(Builder b, Object holdout) {
        if (!(holdout instanceof Map<?, ?> h)) {
            return;
        }
        Object id = h.get("id");
        Object pct = h.get("exclusion_percentage");
        if (id == null || pct == null) {
            return;
        }
        double raw = Js.toNumber(pct);
        if (!Double.isFinite(raw)) {
            return;
        }
        b.holdoutPercentage = Math.min(Math.max(raw, 0), 100);
        b.holdoutVariant = "holdout-" + Js.str(id);
    }

    private static void compileVariants(Builder b, Object multivariate) throws MalformedDefinition {
        if (!(multivariate instanceof Map<?, ?> mv)) {
            return;
        }
        Object variants = mv.get("variants");
        if (!Js.truthy(variants)) {
            return;
        }
        if (!Js.isArray(variants)) {
            throw new MalformedDefinition("filters.multivariate.variants is not an array");
        }
        double low = 0;
        for (Object o : Js.list(variants)) {
            if (!(o instanceof Map<?, ?> v)) {
                throw new MalformedDefinition("a variant is not an object");
            }
            Object k = v.get("key");
            String key;
            if (!Js.truthy(k)) {
                key = null;
            } else if (k instanceof String s) {
                key = s;
            } else {
                throw new MalformedDefinition("variant key " + Js.str(k) + " is not a string");
            }
            double high = low + Js.toNumber(v.get("rollout_percentage")) / 100.0;
            b.variants.add(new Variant(key, low, high));
            low = high;
        }
    }

    @SuppressWarnings("unchecked")
    private static void compileConditions(Builder b, Object groups, boolean v2) throws MalformedDefinition {
        if (!Js.truthy(groups)) {
            return;
        }
        if (!Js.isArray(groups)) {
            throw new MalformedDefinition("filters.groups is not an array");
        }
        int index = 0;
        for (Object o : Js.list(groups)) {
            if (!(o instanceof Map)) {
                throw new MalformedDefinition("condition " + index + " is not an object");
            }
            Map<String, Object> c = (Map<String, Object>) o;
            List<Object> filters = new ArrayList<>();
            Object props = c.get("properties");
            if (Js.isArray(props)) {
                for (Object p : Js.list(props)) {
                    filters.add(p instanceof Map ? PropertyFilter.compile((Map<String, Object>) p, v2)
                            : "property filter is not an object");
                }
            } else if (Js.isString(props) && Js.truthy(props)) {
                throw new MalformedDefinition("condition " + index + " properties is a string");
            }
            Object rollout = c.get("rollout_percentage");
            boolean hasRollout = rollout != null;
            double fraction = hasRollout ? Js.toNumber(rollout) / 100.0 : 0;
            Object override = c.get("variant");
            String variantOverride = null;
            if (Js.truthy(override)) {
                for (Variant v : b.variants) {
                    if (v.key != null && Js.strictEquals(v.key, override)) {
                        variantOverride = v.key;
                        break;
                    }
                }
            }
            b.conditions.add(new Condition(index, Collections.unmodifiableList(filters), hasRollout, fraction,
                    c.containsKey("aggregation_group_type_index"), c.get("aggregation_group_type_index"),
                    variantOverride));
            index++;
        }
    }

    private static void compilePayloads(Builder b, Object payloads) {
        if (!(payloads instanceof Map<?, ?> p)) {
            return;
        }
        for (Map.Entry<?, ?> e : p.entrySet()) {
            Object stored = e.getValue();
            if (!Js.truthy(stored)) {
                continue;
            }
            Object decoded;
            if (stored instanceof String s) {
                try {
                    decoded = JsonText.parse(s);
                } catch (JsonText.Invalid invalid) {
                    decoded = s;
                }
            } else {
                decoded = Payloads.freeze(stored);
            }
            if (decoded != null) {
                // A JSON null payload is no payload, for single flags and all-flags alike.
                b.payloads.put(String.valueOf(e.getKey()), decoded);
            }
        }
    }
}
