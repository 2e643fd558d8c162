// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.flags;

import dev.edgehog.flags.FlagContext;
import dev.edgehog.flags.FlagReason;
import dev.edgehog.flags.FlagResult;
import dev.edgehog.flags.FlagValue;
import dev.edgehog.internal.Loggers;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Evaluates feature flags locally against a {@link FlagDefinitions} snapshot, answer for answer
 * as posthog-node 5.70.0 does with {@code onlyEvaluateLocally}.
 *
 * <p>Each result is a definite value (on, off, a variant) or {@link FlagValue#UNKNOWN} with the
 * cause; a client falls back to the server on unknown. Never throws for bad definitions or
 * unexpected states: an unexpected {@link RuntimeException} while evaluating one flag is logged
 * (summary at ERROR, stack at DEBUG, logger {@code edgehog.flags}) and that flag's result is
 * unknown with reason {@link FlagReason.Code#ERROR}.
 *
 * <p>Thread-safe: the definitions do not change (a flag compiled at its first evaluation is
 * published through a volatile field) and every call keeps its own state, so concurrent calls
 * need no locks.
 *
 * <pre>{@code
 * LocalEvaluator evaluator = new LocalEvaluator(FlagDefinitions.parse(definitionsJson));
 * FlagResult r = evaluator.evaluate("new-billing-page",
 *     FlagContext.builder("user-42").personProperty("plan", "team").build());
 * if (!r.isDecided()) {
 *     // ask the server (or use the default); r.reason() says why
 * }
 * }</pre>
 */
public final class LocalEvaluator {
    private static final System.Logger LOG = Loggers.FLAGS;

    /** Marks reasons caused by a documented deliberate difference from posthog-node. */
    static final String DELIBERATE_DIFFERENCE = "deliberate difference from posthog-node";

    private final FlagDefinitions definitions;
    private final Clock clock;

    /**
     * @param definitions the flags to evaluate
     */
    public LocalEvaluator(FlagDefinitions definitions) {
        this(definitions, Clock.systemUTC());
    }

    /**
     * @param definitions the flags to evaluate
     * @param clock the time source for relative date filters ({@code -7d})
     */
    public LocalEvaluator(FlagDefinitions definitions, Clock clock) {
        this.definitions = Objects.requireNonNull(definitions, "definitions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @return the definitions this evaluator reads */
    public FlagDefinitions definitions() {
        return definitions;
    }

    /**
     * Evaluates one flag (posthog-node's single-flag local path: a fresh dependency memo).
     *
     * @param key the flag key
     * @param context who the flag is evaluated for
     * @return the result; unknown with {@link FlagReason.Code#FLAG_NOT_FOUND} for an undefined key
     */
    public FlagResult evaluate(String key, FlagContext context) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(context, "context");
        FlagDefinition flag = definitions.flag(key);
        if (flag == null) {
            return new FlagResult(key, FlagValue.UNKNOWN, null,
                    FlagReason.of(FlagReason.Code.FLAG_NOT_FOUND, "no flag \"" + key + "\" in the local definitions"));
        }
        return evaluate(flag, new Evaluation(definitions, clock, context));
    }

    /**
     * Evaluates one flag like {@link #evaluate(String, FlagContext)} and records how: which
     * conditions were tried, which filter failed on which value, the rollout and variant hashes.
     * For people debugging a flag (slower than {@code evaluate}; not for the hot path).
     *
     * @param key the flag key
     * @param context who the flag is evaluated for
     * @return the result (identical to {@code evaluate}'s) and its steps; no steps for an
     *     undefined key
     */
    public Explanation explain(String key, FlagContext context) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(context, "context");
        FlagDefinition flag = definitions.flag(key);
        if (flag == null) {
            return new Explanation(evaluate(key, context), List.of());
        }
        List<Explanation.Step> steps = new ArrayList<>();
        FlagResult result = evaluate(flag, new Evaluation(definitions, clock, context, steps));
        return new Explanation(result, steps);
    }

    /**
     * The payload for a given value without evaluating the flag (posthog-node's
     * {@code getFeatureFlagPayload} with a {@code matchValue}).
     *
     * @param key the flag key
     * @param value the value whose payload is wanted
     * @return the payload, or null when there is none (or the flag is unknown)
     */
    public Object payload(String key, FlagValue value) {
        FlagDefinition flag = definitions.flag(key);
        return flag == null ? null : payloadOf(flag, value.toJsonValue());
    }

    /** Everything decided by one all-flags evaluation. */
    public record AllFlags(Map<String, FlagValue> flags, Map<String, Object> payloads, Map<String, FlagResult> results) {
        /**
         * @param flags the flags decided locally (including off ones), by key
         * @param payloads the truthy payloads of decided flags, by key
         * @param results every evaluated flag's full result, decided or not
         */
        public AllFlags {
            flags = Collections.unmodifiableMap(flags);
            payloads = Collections.unmodifiableMap(payloads);
            results = Collections.unmodifiableMap(results);
        }

        /** @return true when some flag could not be decided (a client would ask the server) */
        public boolean hasUndecided() {
            return flags.size() < results.size();
        }
    }

    /**
     * Evaluates every flag with one shared dependency memo, like posthog-node's
     * {@code getAllFlagsAndPayloads} with {@code onlyEvaluateLocally: true}.
     *
     * @param context who the flags are evaluated for
     * @return the flags that could be decided locally, their payloads, and every result
     */
    public AllFlags evaluateAll(FlagContext context) {
        return evaluateAll(context, null);
    }

    /**
     * Like {@link #evaluateAll(FlagContext)} restricted to some keys; unknown keys are ignored.
     *
     * @param context who the flags are evaluated for
     * @param flagKeys the keys to evaluate, or null for all
     * @return the flags that could be decided locally, their payloads, and every result
     */
    public AllFlags evaluateAll(FlagContext context, Collection<String> flagKeys) {
        Objects.requireNonNull(context, "context");
        Evaluation ev = new Evaluation(definitions, clock, context);
        Map<String, FlagValue> flags = new LinkedHashMap<>();
        Map<String, Object> payloads = new LinkedHashMap<>();
        Map<String, FlagResult> results = new LinkedHashMap<>();
        Iterable<FlagDefinition> which = definitions.all();
        if (flagKeys != null) {
            List<FlagDefinition> chosen = new ArrayList<>();
            for (String k : flagKeys) {
                FlagDefinition f = definitions.flag(k);
                if (f != null) {
                    chosen.add(f);
                }
            }
            which = chosen;
        }
        for (FlagDefinition flag : which) {
            FlagResult r = evaluate(flag, ev);
            results.put(flag.key, r);
            if (r.value().isKnown()) {
                flags.put(flag.key, r.value());
                if (r.payload() != null && Js.truthy(r.payload())) {
                    payloads.put(flag.key, r.payload());
                }
            }
        }
        return new AllFlags(flags, payloads, results);
    }

    private FlagResult evaluate(FlagDefinition flag, Evaluation ev) {
        Evaluation.Trace trace = new Evaluation.Trace();
        try {
            Object v = ev.flagValue(flag, trace);
            FlagValue value = v instanceof String s ? FlagValue.variant(s) : FlagValue.of((Boolean) v);
            FlagReason reason = new FlagReason(trace.code, trace.index, trace.detail);
            return new FlagResult(flag.key, value, payloadOf(flag, v), reason);
        } catch (Inconclusive e) {
            FlagReason.Code code = switch (e.reason) {
                case EXPERIENCE_CONTINUITY -> FlagReason.Code.EXPERIENCE_CONTINUITY;
                case UNSUPPORTED_DEFINITION -> FlagReason.Code.UNSUPPORTED_DEFINITION;
                case UNRESOLVED_DEPENDENCY -> FlagReason.Code.UNRESOLVED_DEPENDENCY;
                case MISSING_CONTEXT -> FlagReason.Code.MISSING_CONTEXT;
            };
            String detail = trace.notes.isEmpty() ? e.getMessage() : e.getMessage() + ": " + String.join("; ", trace.notes);
            if (e.deviation != null) {
                detail = detail + " [" + DELIBERATE_DIFFERENCE + ": " + e.deviation + "]";
            }
            return new FlagResult(flag.key, FlagValue.UNKNOWN, null, FlagReason.of(code, detail));
        } catch (Malformed e) {
            return new FlagResult(flag.key, FlagValue.UNKNOWN, null,
                    FlagReason.of(FlagReason.Code.MALFORMED_DEFINITION, e.getMessage()));
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "flags: evaluating \"{0}\" failed unexpectedly ({1}); it is treated as undecided",
                    flag.key, e.toString());
            LOG.log(Level.DEBUG, "flags: evaluation failure of \"" + flag.key + "\"", e);
            return new FlagResult(flag.key, FlagValue.UNKNOWN, null,
                    FlagReason.of(FlagReason.Code.ERROR, "unexpected error: " + e));
        }
    }

    private static Object payloadOf(FlagDefinition flag, Object value) {
        if (value == null || Boolean.FALSE.equals(value)) {
            return null;
        }
        return flag.rules().payloads.get(value instanceof Boolean ? "true" : (String) value);
    }
}
