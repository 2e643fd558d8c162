// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.flags;

import dev.edgehog.flags.FlagContext;
import dev.edgehog.flags.FlagReason;
import dev.edgehog.internal.flags.Explanation.Outcome;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The state of one evaluation call: the context seen as posthog-node builds it, the memo of
 * dependency results (shared by all flags of one all-flags call), and the clock reading for
 * relative dates. Confined to the calling thread.
 *
 * <p>IMPLEMENTATION NOTES. The algorithm is posthog-node 5.70.0's {@code FeatureFlagsPoller}
 * step for step: {@link #flagValue} is {@code computeFlagValueLocally}, {@link #matchConditions}
 * is {@code matchFeatureFlagProperties}, {@link #conditionMatch} is {@code isConditionMatch}
 * and {@link #dependency} is {@code evaluateFlagDependency}. Control flow by exception
 * ({@link Inconclusive}, {@link Malformed}) mirrors Node's, because which condition may still
 * decide a flag depends on exactly where each kind of failure is caught. Values are
 * {@link Boolean} or a variant {@link String}.
 */
final class Evaluation {
    private final FlagDefinitions defs;
    private final Clock clock;
    private final String distinctId;
    private final Map<String, String> groups;
    private final Map<String, Map<String, Object>> groupProperties;
    private final Props person;
    private final Map<String, Props> groupProps = new HashMap<>();
    private final Map<String, Object> cache = new HashMap<>();
    private final Set<String> inProgress = new HashSet<>();
    private long now = Long.MIN_VALUE;
    /**
     * Where {@link LocalEvaluator#explain} collects steps; null for ordinary evaluation, and
     * while a dependency is evaluated (its steps are not the explained flag's).
     */
    private List<Explanation.Step> explain;

    Evaluation(FlagDefinitions defs, Clock clock, FlagContext ctx) {
        this(defs, clock, ctx, null);
    }

    Evaluation(FlagDefinitions defs, Clock clock, FlagContext ctx, List<Explanation.Step> explain) {
        this.explain = explain;
        this.defs = defs;
        this.clock = clock;
        this.distinctId = ctx.distinctId();
        this.groups = ctx.groups();
        this.groupProperties = ctx.groupProperties();
        this.person = new Props(ctx.personProperties(), "distinct_id", distinctId);
    }

    long nowMillis() {
        if (now == Long.MIN_VALUE) {
            now = clock.millis();
        }
        return now;
    }

    private Props groupProps(String type) {
        return groupProps.computeIfAbsent(type,
                t -> new Props(groupProperties.getOrDefault(t, Map.of()), "$group_key", groups.get(t)));
    }

    /** Records an explain step; call only when {@link #explain} is not null. */
    private void step(int condition, Outcome outcome, String subject, String detail) {
        explain.add(new Explanation.Step(condition, outcome, subject, detail));
    }

    /** Where a top-level evaluation ended, for its reason. */
    static final class Trace {
        FlagReason.Code code;
        int index = -1;
        String detail;
        final List<String> notes = new ArrayList<>();

        void set(FlagReason.Code c, int i, String d) {
            code = c;
            index = i;
            detail = d;
        }
    }

    /** posthog-node's {@code computeFlagValueLocally}. */
    Object flagValue(FlagDefinition flag, Trace trace) {
        if (!flag.active) {
            if (trace != null) {
                trace.set(FlagReason.Code.FLAG_INACTIVE, -1, "flag is inactive");
            }
            if (explain != null) {
                step(-1, Outcome.FAILED, "active", "the flag is inactive, so it is off for everyone");
            }
            return Boolean.FALSE;
        }
        if (flag.experienceContinuity) {
            if (explain != null) {
                step(-1, Outcome.UNDECIDED, "experience continuity", "enabled on this flag: only PostHog can decide it");
            }
            throw Inconclusive.soft(Unresolved.EXPERIENCE_CONTINUITY, "Flag has experience continuity enabled");
        }
        if (flag.aggregation != null) {
            String type = defs.groupType(flag.aggregation);
            if (type == null) {
                if (explain != null) {
                    step(-1, Outcome.UNDECIDED, "group type index " + Js.str(flag.aggregation),
                            "not in the definitions' group_type_mapping");
                }
                throw Inconclusive.soft(Unresolved.UNSUPPORTED_DEFINITION,
                        "Flag has unknown group type index " + Js.str(flag.aggregation));
            }
            if (!groups.containsKey(type)) {
                if (trace != null) {
                    trace.set(FlagReason.Code.NO_GROUP, -1, "group flag evaluated without a \"" + type + "\" group");
                }
                if (explain != null) {
                    step(-1, Outcome.FAILED, "group " + Explanation.show(type),
                            "the request has no " + Explanation.show(type) + " group, so this group flag is off");
                }
                return Boolean.FALSE;
            }
            if (explain != null) {
                step(-1, Outcome.NOTE, "bucketing", "by the " + type + " group key " + Explanation.show(groups.get(type)));
            }
            return matchConditions(flag, groups.get(type), groupProps(type), trace);
        }
        String bucket = distinctId;
        if (flag.deviceBucketing) {
            Object device = person.get("$device_id");
            if (device == null || "".equals(device)) {
                if (explain != null) {
                    step(-1, Outcome.UNDECIDED, "$device_id", "the flag buckets by $device_id, which was not provided");
                }
                throw Inconclusive.soft(Unresolved.MISSING_CONTEXT,
                        "Can't compute feature flag: " + flag.key + " without $device_id");
            }
            bucket = Js.str(device);
        }
        if (explain != null) {
            step(-1, Outcome.NOTE, "bucketing", (flag.deviceBucketing ? "by $device_id " : "by distinct id ")
                    + Explanation.show(bucket));
        }
        return matchConditions(flag, bucket, person, trace);
    }

    /** posthog-node's {@code matchFeatureFlagProperties}. */
    private Object matchConditions(FlagDefinition flag, String bucket, Props props, Trace trace) {
        FlagRules rules = flag.rules();
        if (rules.malformed != null) {
            if (explain != null) {
                step(-1, Outcome.UNDECIDED, "definition", "malformed: " + rules.malformed);
            }
            throw new Malformed(rules.malformed);
        }
        if (rules.holdoutVariant != null
                && (rules.holdoutPercentage == 100 || Hashing.hash("holdout-" + bucket) <= rules.holdoutPercentage / 100)) {
            if (trace != null) {
                trace.set(FlagReason.Code.HOLDOUT, -1, "in holdout group " + rules.holdoutVariant);
            }
            if (explain != null) {
                step(-1, Outcome.PASSED, "holdout " + Explanation.percent(rules.holdoutPercentage / 100),
                        "in the holdout group: the value is " + Explanation.show(rules.holdoutVariant));
            }
            return rules.holdoutVariant;
        }
        if (rules.holdoutVariant != null && explain != null) {
            step(-1, Outcome.NOTE, "holdout " + Explanation.percent(rules.holdoutPercentage / 100), "not in the holdout group");
        }
        Unresolved reason = null;
        boolean regex = false;
        List<Object> deferred = null;
        Object result = null;
        int matched = -1;
        int firstOutOfRollout = -1;
        for (FlagRules.Condition cond : rules.conditions) {
            String effectiveBucket = bucket;
            Props effectiveProps = props;
            try {
                Object condAgg = cond.hasAggregation ? cond.aggregation : flag.aggregation;
                if (!Js.strictEquals(condAgg, flag.aggregation) && condAgg != null) {
                    String type = defs.groupType(condAgg);
                    if (type == null || !groups.containsKey(type)) {
                        if (trace != null) {
                            trace.notes.add("condition " + cond.index + " skipped: no group for type index " + Js.str(condAgg));
                        }
                        if (explain != null) {
                            step(cond.index, Outcome.FAILED, "condition", "skipped: it aggregates by "
                                    + (type == null ? "group type index " + Js.str(condAgg) : "group " + Explanation.show(type))
                                    + " and the request has no such group");
                        }
                        continue;
                    }
                    effectiveProps = groupProps(type);
                    effectiveBucket = groups.get(type);
                }
                int m = conditionMatch(flag, effectiveBucket, cond, effectiveProps);
                if (explain != null) {
                    step(cond.index, m == MATCH ? Outcome.PASSED : Outcome.FAILED, "condition",
                            m == MATCH ? "matched" : m == NO_MATCH ? "a filter did not match"
                            : flag.earlyExit ? "outside the rollout (early_exit: the flag is off)" : "outside the rollout");
                }
                if (m == MATCH) {
                    result = valueOnMatch(flag, cond, effectiveBucket);
                    matched = cond.index;
                    if (explain != null) {
                        explainVariant(flag, cond, effectiveBucket, result);
                    }
                    break;
                }
                if (m == OUT_OF_ROLLOUT) {
                    if (firstOutOfRollout < 0) {
                        firstOutOfRollout = cond.index;
                    }
                    if (flag.earlyExit) {
                        if (reason != null) {
                            break;
                        }
                        if (trace != null) {
                            trace.set(FlagReason.Code.OUT_OF_ROLLOUT, cond.index,
                                    "condition " + cond.index + " matched but the rollout excluded the subject (early exit)");
                        }
                        return Boolean.FALSE;
                    }
                }
            } catch (Inconclusive e) {
                if (explain != null) {
                    step(cond.index, Outcome.UNDECIDED, "condition", e.getMessage());
                }
                if (e.hard) {
                    throw e;
                }
                reason = Unresolved.pick(reason, e.reason);
                if (trace != null) {
                    trace.notes.add(e.getMessage());
                }
                if (e.regex) {
                    regex = true;
                    if (deferred == null) {
                        deferred = new ArrayList<>(2);
                    }
                    if (flag.earlyExit && cond.hasRollout
                            && Hashing.hash(flag.key, effectiveBucket, "") > cond.rolloutFraction) {
                        deferred.add(Boolean.FALSE);
                    } else {
                        deferred.add(valueOnMatch(flag, cond, effectiveBucket));
                    }
                }
            }
        }
        if (result != null) {
            boolean consistent = true;
            if (regex) {
                for (Object d : deferred) {
                    if (!d.equals(result)) {
                        consistent = false;
                        break;
                    }
                }
            }
            if (consistent) {
                if (trace != null) {
                    trace.set(FlagReason.Code.CONDITION_MATCH, matched, "condition " + matched + " matched");
                }
                return result;
            }
            if (explain != null) {
                step(matched, Outcome.UNDECIDED, "result", "an earlier undecided condition (its regex needs PostHog) "
                        + "could give another value");
            }
        }
        if (reason != null) {
            throw new Inconclusive(false, reason, regex, "no condition could be decided locally");
        }
        if (trace != null) {
            if (firstOutOfRollout >= 0) {
                trace.set(FlagReason.Code.OUT_OF_ROLLOUT, firstOutOfRollout,
                        "condition " + firstOutOfRollout + " matched but the rollout excluded the subject");
            } else {
                trace.set(FlagReason.Code.NO_CONDITION_MATCH, -1, "no condition matched");
            }
        }
        return Boolean.FALSE;
    }

    private void explainVariant(FlagDefinition flag, FlagRules.Condition cond, String bucket, Object value) {
        if (cond.variantOverride != null) {
            step(cond.index, Outcome.NOTE, "variant", Explanation.show(value) + ", the condition's override");
        } else if (!flag.rules().variants.isEmpty()) {
            step(cond.index, Outcome.NOTE, "variant", Explanation.show(value) + " (variant hash "
                    + Explanation.hash(Hashing.hash(flag.key, bucket, "variant")) + ")");
        }
    }

    private Object valueOnMatch(FlagDefinition flag, FlagRules.Condition cond, String bucket) {
        if (cond.variantOverride != null) {
            return cond.variantOverride;
        }
        FlagRules rules = flag.rules();
        if (rules.variants.isEmpty()) {
            return Boolean.TRUE;
        }
        String v = rules.variantFor(Hashing.hash(flag.key, bucket, "variant"));
        return v != null ? v : Boolean.TRUE;
    }

    private static final int MATCH = 0;
    private static final int NO_MATCH = 1;
    private static final int OUT_OF_ROLLOUT = 2;

    /** posthog-node's {@code isConditionMatch}. */
    private int conditionMatch(FlagDefinition flag, String bucket, FlagRules.Condition cond, Props props) {
        if (!cond.filters.isEmpty()) {
            Unresolved reason = null;
            boolean regex = false;
            Inconclusive serverError = null;
            String deviation = null;
            String firstCause = null;
            for (Object item : cond.filters) {
                boolean m;
                try {
                    if (item instanceof String msg) {
                        throw new Malformed(msg);
                    }
                    PropertyFilter f = (PropertyFilter) item;
                    if (f.kind == PropertyFilter.Kind.COHORT) {
                        m = matchCohort(f, props, 0);
                    } else if (f.kind == PropertyFilter.Kind.FLAG) {
                        m = dependency(f);
                    } else if (props.has(f.key)) {
                        m = f.match(props, this);
                    } else {
                        if (f.unsupported != null) {
                            throw f.unsupported;
                        }
                        if (explain != null) {
                            step(cond.index, Outcome.UNDECIDED, filterText(item), f.key + " was not provided");
                        }
                        reason = Unresolved.pick(reason, Unresolved.MISSING_CONTEXT);
                        if (firstCause == null) {
                            firstCause = "property \"" + f.key + "\" not provided";
                        }
                        continue;
                    }
                } catch (Inconclusive e) {
                    if (explain != null) {
                        step(cond.index, Outcome.UNDECIDED, filterText(item), e.getMessage());
                    }
                    if (e.hard) {
                        if (reason == null && serverError == null) {
                            serverError = e;
                        }
                    } else if (e.regex) {
                        regex = true;
                    }
                    if (deviation == null) {
                        deviation = e.deviation;
                    }
                    if (firstCause == null) {
                        firstCause = e.getMessage();
                    }
                    reason = Unresolved.pick(reason, e.reason);
                    continue;
                } catch (Malformed e) {
                    if (explain != null) {
                        step(cond.index, Outcome.UNDECIDED, filterText(item), "malformed: " + e.getMessage());
                    }
                    if (reason != null) {
                        break;
                    }
                    throw e;
                }
                if (explain != null) {
                    step(cond.index, m ? Outcome.PASSED : Outcome.FAILED, filterText(item), seen((PropertyFilter) item, m, props));
                }
                if (!m) {
                    return NO_MATCH;
                }
            }
            if (deviation != null) {
                // Node decided a filter here that we did not (and may have stopped at it). Leave
                // the whole flag to the server rather than give an answer Node would not give.
                throw new Inconclusive(true, reason, false, "condition " + cond.index + ": " + firstCause, deviation);
            }
            if (serverError != null) {
                throw serverError;
            }
            if (reason != null) {
                throw new Inconclusive(false, reason, regex, "condition " + cond.index + ": " + firstCause);
            }
            if (!cond.hasRollout) {
                return MATCH;
            }
        }
        if (cond.hasRollout) {
            double h = Hashing.hash(flag.key, bucket, "");
            boolean out = h > cond.rolloutFraction;
            if (explain != null) {
                step(cond.index, out ? Outcome.FAILED : Outcome.PASSED, "rollout " + Explanation.percent(cond.rolloutFraction),
                        "hash " + Explanation.hash(h) + (out ? " > " : " <= ") + Explanation.hash(cond.rolloutFraction)
                        + (out ? ": outside the rollout" : ": inside the rollout"));
            }
            if (out) {
                return OUT_OF_ROLLOUT;
            }
        }
        return MATCH;
    }

    /** A condition filter as {@link Explanation} names it. */
    private static String filterText(Object item) {
        if (!(item instanceof PropertyFilter f)) {
            return "filter";
        }
        return switch (f.kind) {
            case COHORT -> (f.notIn ? "not in cohort " : "in cohort ") + f.cohortId;
            case FLAG -> "flag " + Explanation.show(f.key) + " evaluates to " + Explanation.show(f.value);
            default -> f.key + " " + f.operatorText + " " + Explanation.show(f.value);
        };
    }

    /** What a decided filter saw, for {@link Explanation}. */
    private String seen(PropertyFilter f, boolean matched, Props props) {
        return switch (f.kind) {
            case COHORT -> (matched != f.notIn ? "matches" : "does not match") + " the cohort's properties";
            case FLAG -> f.key + " is " + Explanation.show(cache.get(f.key));
            default -> f.key + " is " + Explanation.show(props.get(f.key));
        };
    }

    /** posthog-node's {@code matchCohort}: membership, inverted by operator {@code not_in}. */
    boolean matchCohort(PropertyFilter f, Props props, int depth) {
        if (!defs.hasCohort(f.cohortId)) {
            throw Inconclusive.hard(Unresolved.UNSUPPORTED_DEFINITION,
                    "cohort " + f.cohortId + " not found in local cohorts - likely a static cohort that requires server evaluation");
        }
        if (depth > 64) {
            // Node would recurse until its stack overflows (a TypeError-like failure).
            throw new Malformed("cohorts nest more than 64 levels deep (a cycle?)");
        }
        boolean in;
        try {
            in = defs.cohort(f.cohortId).evaluate(props, this, depth);
        } catch (Inconclusive e) {
            if (e.hard || depth > 0) {
                throw e;
            }
            throw new Inconclusive(false, e.reason, e.regex, "cohort " + f.cohortId + ": " + e.getMessage(), e.deviation);
        }
        return f.notIn ? !in : in;
    }

    /** posthog-node's {@code evaluateFlagDependency}. */
    boolean dependency(PropertyFilter f) {
        if (!f.hasChain) {
            throw Inconclusive.soft(Unresolved.UNSUPPORTED_DEFINITION,
                    "Flag dependency property for '" + f.key + "' is missing required 'dependency_chain' field");
        }
        if (f.chain == null) {
            throw Inconclusive.soft(Unresolved.UNSUPPORTED_DEFINITION,
                    "Flag dependency property for '" + f.key + "' has an invalid 'dependency_chain'");
        }
        if (f.chain.isEmpty()) {
            throw Inconclusive.soft(Unresolved.UNSUPPORTED_DEFINITION,
                    "Circular dependency detected for flag '" + f.key + "' (empty dependency chain)");
        }
        for (String d : f.chain) {
            if (!cache.containsKey(d) && defs.flag(d) == null) {
                throw Inconclusive.soft(Unresolved.UNSUPPORTED_DEFINITION,
                        "Missing flag dependency '" + d + "' for flag '" + f.key + "'");
            }
        }
        for (String d : f.chain) {
            if (cache.containsKey(d)) {
                continue;
            }
            FlagDefinition dep = defs.flag(d);
            if (!dep.active) {
                cache.put(d, Boolean.FALSE);
                continue;
            }
            if (!inProgress.add(d)) {
                throw Inconclusive.soft(Unresolved.UNRESOLVED_DEPENDENCY,
                        "Flag dependency '" + d + "' for flag '" + f.key + "' depends on itself");
            }
            List<Explanation.Step> explaining = explain;
            explain = null;
            try {
                cache.put(d, flagValue(dep, null));
            } catch (Inconclusive e) {
                String msg = "Flag dependency '" + d + "' for flag '" + f.key + "' could not be evaluated: " + e.getMessage();
                throw new Inconclusive(e.hard, Unresolved.UNRESOLVED_DEPENDENCY, !e.hard && e.regex, msg, e.deviation);
            } catch (Malformed e) {
                throw Inconclusive.soft(Unresolved.UNRESOLVED_DEPENDENCY,
                        "Error evaluating flag dependency '" + d + "' for flag '" + f.key + "': " + e.getMessage());
            } finally {
                inProgress.remove(d);
                explain = explaining;
            }
        }
        Object actual = cache.get(f.key);
        Object expected = f.value;
        if (expected instanceof Boolean b) {
            return b.equals(actual) || (b && actual instanceof String s && !s.isEmpty());
        }
        if (Js.isString(expected)) {
            return expected.toString().equals(actual);
        }
        return false;
    }
}
