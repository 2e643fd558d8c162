// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.flags;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One flag of the definitions document, compiled once and immutable afterwards.
 *
 * <p>Field semantics follow posthog-node's reading of the raw JSON, including JavaScript
 * truthiness ({@code active}, {@code ensure_experience_continuity}, {@code early_exit}) and
 * numeric coercion of percentages. A part that Node could not use without a {@code TypeError}
 * makes the flag {@linkplain #malformed malformed}: it is never decided locally.
 */
final class FlagDefinition {
    final String key;
    final Object id;
    final boolean active;
    final boolean experienceContinuity;
    /** The flag's aggregation group type index (raw JSON value), or null for a person flag. */
    final Object aggregation;
    final boolean deviceBucketing;
    final boolean earlyExit;
    final String holdoutVariant; // null when no holdout
    final double holdoutPercentage;
    final List<Condition> conditions;
    final List<Variant> variants;
    /** Payload per lookup key ("true" or variant key), already decoded; falsy payloads absent. */
    final Map<String, Object> payloads;
    final Object hasExperiment;
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

    private FlagDefinition(Builder b) {
        this.key = b.key;
        this.id = b.id;
        this.active = b.active;
        this.experienceContinuity = b.experienceContinuity;
        this.aggregation = b.aggregation;
        this.deviceBucketing = b.deviceBucketing;
        this.earlyExit = b.earlyExit;
        this.holdoutVariant = b.holdoutVariant;
        this.holdoutPercentage = b.holdoutPercentage;
        this.conditions = Collections.unmodifiableList(b.conditions);
        this.variants = Collections.unmodifiableList(b.variants);
        this.payloads = Collections.unmodifiableMap(b.payloads);
        this.hasExperiment = b.hasExperiment;
        this.malformed = b.malformed;
    }

    private static final class Builder {
        String key;
        Object id;
        boolean active;
        boolean experienceContinuity;
        Object aggregation;
        boolean deviceBucketing;
        boolean earlyExit;
        String holdoutVariant;
        double holdoutPercentage;
        List<Condition> conditions = new ArrayList<>();
        List<Variant> variants = new ArrayList<>();
        Map<String, Object> payloads = new HashMap<>();
        Object hasExperiment;
        String malformed;
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

    @SuppressWarnings("unchecked")
    static FlagDefinition compile(String key, Map<String, Object> raw, boolean v2) {
        Builder b = new Builder();
        b.key = key;
        b.id = raw.get("id");
        b.active = Js.truthy(raw.get("active"));
        b.experienceContinuity = Js.truthy(raw.get("ensure_experience_continuity"));
        b.deviceBucketing = "device_id".equals(raw.get("bucketing_identifier"));
        b.hasExperiment = raw.get("has_experiment");
        Object filtersRaw = raw.get("filters");
        Map<String, Object> filters = filtersRaw instanceof Map ? (Map<String, Object>) filtersRaw : Map.of();
        b.aggregation = filters.get("aggregation_group_type_index");
        b.earlyExit = Js.truthy(filters.get("early_exit"));
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
        return new FlagDefinition(b);
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
