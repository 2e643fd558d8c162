// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.flags;

import dev.edgehog.flags.FlagResult;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How one local evaluation went, step by step: for people asking "why does this user get this
 * value?" (the CLI's {@code --explain}). Produced by {@link LocalEvaluator#explain}; ordinary
 * evaluation records nothing and pays only a null check per step.
 *
 * <p>Steps follow the evaluator's own order: flag-level facts (inactive, group, bucketing,
 * holdout), then for each condition it reached, each filter it checked with the value it saw,
 * the rollout, and the condition's outcome; finally the variant of the matching condition.
 * Filters after the first failing one are not checked (so not listed), and the flags a
 * {@code flag_evaluates_to} filter depends on are evaluated silently: only their value shows.
 *
 * @param result the result, identical to what {@link LocalEvaluator#evaluate} returns
 * @param steps what the evaluator checked, in order; unmodifiable
 */
public record Explanation(FlagResult result, List<Step> steps) {
    /** How a step came out. */
    public enum Outcome {
        /** The check held (a filter matched, the subject is inside the rollout, a condition matched). */
        PASSED,
        /** The check failed (a filter did not match, outside the rollout, no group). */
        FAILED,
        /** The check could not be decided locally (a property not given, a static cohort, ...). */
        UNDECIDED,
        /** Information, not a check (which id is bucketed, which variant the hash picked). */
        NOTE
    }

    /**
     * One thing the evaluator checked or noted.
     *
     * @param condition the zero-based condition index, or -1 for the flag as a whole
     * @param outcome how it came out
     * @param subject what was checked, e.g. {@code email icontains "@acme.com"}, {@code rollout 50%},
     *     {@code condition}, {@code variant}
     * @param detail why: the value seen, the hash, or the cause; never null
     */
    public record Step(int condition, Outcome outcome, String subject, String detail) {
        /**
         * Validates the components.
         *
         * @throws NullPointerException if {@code outcome}, {@code subject} or {@code detail} is null
         */
        public Step {
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException if {@code result} or {@code steps} is null
     */
    public Explanation {
        Objects.requireNonNull(result, "result");
        steps = List.copyOf(steps);
    }

    /** A value as a person reads it: strings quoted, numbers as JavaScript prints them. */
    static String show(Object v) {
        if (v == null || v instanceof Boolean || v instanceof Number) {
            return Js.str(v);
        }
        if (Js.isArray(v)) {
            StringBuilder sb = new StringBuilder("[");
            for (Object e : Js.list(v)) {
                if (sb.length() > 1) {
                    sb.append(", ");
                }
                sb.append(show(e));
            }
            return sb.append(']').toString();
        }
        if (v instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("{");
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (sb.length() > 1) {
                    sb.append(", ");
                }
                sb.append(show(String.valueOf(e.getKey()))).append(": ").append(show(e.getValue()));
            }
            return sb.append('}').toString();
        }
        StringBuilder sb = new StringBuilder();
        Js.quote(v.toString(), sb);
        return sb.toString();
    }

    /** A bucketing hash, to six places. */
    static String hash(double h) {
        return String.format(Locale.ROOT, "%.6f", h);
    }

    /** A fraction (0.5) as a percentage ("50%"), without binary noise. */
    static String percent(double fraction) {
        return new BigDecimal(fraction * 100).round(new MathContext(12)).stripTrailingZeros().toPlainString() + "%";
    }
}
