// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.flags;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A cohort's property group, compiled: an AND/OR over nested groups or over property filters
 * (which may themselves be cohort or flag filters).
 *
 * <p>Evaluation follows posthog-node's {@code matchPropertyGroup}: the first decisive element
 * returns at once, soft inconclusive elements are remembered, a hard one propagates, and
 * whether the values are groups or filters is decided by the first element alone.
 */
final class CohortNode {
    private enum Shape { ALWAYS_TRUE, UNSUPPORTED, MALFORMED, NESTED, LEAVES }

    private final Shape shape;
    private final boolean and;
    private final String message;
    private final List<CohortNode> children;
    /** PropertyFilter, or String (a malformed leaf's message). */
    private final List<Object> leaves;

    private CohortNode(Shape shape, boolean and, String message, List<CohortNode> children, List<Object> leaves) {
        this.shape = shape;
        this.and = and;
        this.message = message;
        this.children = children;
        this.leaves = leaves;
    }

    private static final CohortNode TRUE = new CohortNode(Shape.ALWAYS_TRUE, true, null, List.of(), List.of());

    @SuppressWarnings("unchecked")
    static CohortNode compile(Object raw, boolean v2) {
        if (!Js.truthy(raw)) {
            return TRUE;
        }
        if (!(raw instanceof Map)) {
            // Object.keys() of a number or boolean is empty; of a string or array it is not,
            // and then the group has no usable type.
            if (raw instanceof Number || raw instanceof Boolean) {
                return TRUE;
            }
            return new CohortNode(Shape.UNSUPPORTED, true, "Unsupported cohort property group type: undefined", null, null);
        }
        Map<String, Object> group = (Map<String, Object>) raw;
        if (group.isEmpty()) {
            return TRUE;
        }
        Object type = group.get("type");
        boolean and;
        if ("AND".equals(type) || "property".equals(type)) {
            and = true;
        } else if ("OR".equals(type)) {
            and = false;
        } else {
            return new CohortNode(Shape.UNSUPPORTED, true, "Unsupported cohort property group type: " + Js.str(type), null, null);
        }
        Object values = group.get("values");
        if (!Js.truthy(values) || (Js.isArray(values) && Js.list(values).isEmpty())) {
            return new CohortNode(Shape.LEAVES, and, null, null, List.of());
        }
        if (!Js.isArray(values)) {
            return new CohortNode(Shape.MALFORMED, and, "cohort values is not an array", null, null);
        }
        List<?> items = Js.list(values);
        Object first = items.get(0);
        if (!(first instanceof Map) && !Js.isArray(first)) {
            return new CohortNode(Shape.MALFORMED, and, "cohort values[0] is not an object", null, null);
        }
        if (first instanceof Map<?, ?> m && m.containsKey("values")) {
            List<CohortNode> nested = new ArrayList<>();
            for (Object item : items) {
                nested.add(compile(item, v2));
            }
            return new CohortNode(Shape.NESTED, and, null, Collections.unmodifiableList(nested), null);
        }
        List<Object> leaves = new ArrayList<>();
        for (Object item : items) {
            if (item instanceof Map) {
                leaves.add(PropertyFilter.compile((Map<String, Object>) item, v2));
            } else {
                leaves.add("cohort filter is not an object");
            }
        }
        return new CohortNode(Shape.LEAVES, and, null, null, Collections.unmodifiableList(leaves));
    }

    boolean evaluate(Props props, Evaluation ev, int depth) {
        switch (shape) {
            case ALWAYS_TRUE:
                return true;
            case UNSUPPORTED:
                throw Inconclusive.hard(Unresolved.UNSUPPORTED_DEFINITION, message);
            case MALFORMED:
                throw new Malformed(message);
            default:
                break;
        }
        Unresolved reason = null;
        boolean regex = false;
        String deviation = null;
        String firstCause = null;
        int count = shape == Shape.NESTED ? children.size() : leaves.size();
        for (int i = 0; i < count; i++) {
            try {
                boolean m = shape == Shape.NESTED ? children.get(i).evaluate(props, ev, depth)
                        : leafMatches(leaves.get(i), props, ev, depth);
                if (and && !m) {
                    return false;
                }
                if (!and && m) {
                    return true;
                }
            } catch (Inconclusive e) {
                if (e.hard) {
                    throw e;
                }
                reason = Unresolved.pick(reason, e.reason);
                regex |= e.regex;
                if (deviation == null) {
                    deviation = e.deviation;
                }
                if (firstCause == null) {
                    firstCause = e.getMessage();
                }
            }
        }
        if (reason != null) {
            throw new Inconclusive(false, reason, regex, firstCause, deviation);
        }
        return and;
    }

    /** Whether one leaf holds for the person, its negation applied; throws when it cannot say. */
    private static boolean leafMatches(Object leaf, Props props, Evaluation ev, int depth) {
        if (leaf instanceof String msg) {
            throw new Malformed(msg);
        }
        PropertyFilter f = (PropertyFilter) leaf;
        boolean m = switch (f.kind) {
            case COHORT -> ev.matchCohort(f, props, depth + 1);
            case FLAG -> ev.dependency(f);
            default -> f.match(props, ev);
        };
        return m != f.negation;
    }
}
