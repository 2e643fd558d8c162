// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.flagclient;

import dev.edgehog.ErrorKind;
import dev.edgehog.Event;
import dev.edgehog.PostHogException;
import dev.edgehog.PostHogOptions;
import dev.edgehog.flags.AllFlagsAndPayloads;
import dev.edgehog.flags.FlagContext;
import dev.edgehog.flags.FlagEvaluations;
import dev.edgehog.flags.FlagOptions;
import dev.edgehog.flags.FlagReason;
import dev.edgehog.flags.FlagResult;
import dev.edgehog.flags.FlagValue;
import dev.edgehog.internal.Loggers;
import dev.edgehog.internal.capture.ErrorReporter;
import dev.edgehog.internal.flags.FlagDefinitions;
import dev.edgehog.internal.flags.LocalEvaluator;
import dev.edgehog.internal.snapshot.DefinitionsStore;
import dev.edgehog.spi.Transport;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The flag methods of {@code PostHog} (flags.md §12–§16): local evaluation first, {@code /flags}
 * when local evaluation cannot decide and the call allows it, overrides, and {@code
 * $feature_flag_called} events through the normal capture path. Never throws to the caller.
 */
public final class FeatureFlags {
    static final String EVALUATED_LOCALLY = "Evaluated locally";
    /** Properties kept in a minimal {@code $feature_flag_called} event (flags.md §14.4). */
    static final Set<String> MINIMAL_PROPERTIES = Set.of("$feature_flag", "$feature_flag_response",
            "$feature_flag_has_experiment", "$feature_flag_id", "$feature_flag_version", "$feature_flag_reason",
            "$feature_flag_request_id", "$feature_flag_evaluated_at", "$feature_flag_error", "locally_evaluated",
            "$groups", "$process_person_profile", "$geoip_disable", "$current_url", "$pathname", "$referring_domain",
            "utm_source", "utm_medium", "utm_campaign", "utm_content", "utm_term", "gad_source", "mc_cid", "gclid",
            "gclsrc", "dclid", "gbraid", "wbraid", "fbclid", "msclkid", "twclid", "li_fat_id", "igshid", "ttclid",
            "rdt_cid", "epik", "qclid", "sccid", "irclid", "_kx", "$session_id", "$window_id", "$lib", "$lib_version",
            "$device_id", "$is_server");

    private final PostHogOptions options;
    private final ErrorReporter reporter;
    private final Consumer<Event> events;
    private final BooleanSupplier disabled;
    private final AtomicBoolean minimalEvents = new AtomicBoolean();
    private final DefinitionsStore store;
    private final RemoteFlags remote;
    private final CalledEventDedup dedup;
    private volatile Overrides overrides = Overrides.NONE;

    /** Test overrides: flag values (a null value means "the flag does not exist") and payloads. */
    record Overrides(Map<String, FlagValue> flags, Map<String, Object> payloads) {
        /** No overrides: a flag call checks for this one instance instead of looking keys up. */
        static final Overrides NONE = new Overrides(Map.of(), Map.of());

        /** @return these overrides, {@link #NONE} when both maps are empty */
        static Overrides of(Map<String, FlagValue> flags, Map<String, Object> payloads) {
            return flags.isEmpty() && payloads.isEmpty() ? NONE : new Overrides(flags, payloads);
        }
    }

    /**
     * One decided (or undecided) flag with what its {@code $feature_flag_called} event needs.
     */
    record Decision(FlagResult result, boolean local, Object id, Object version, String reasonText, String requestId,
            Object evaluatedAt, Object hasExperiment, List<String> errors) {}

    /**
     * @param options the client options
     * @param transport the HTTP transport
     * @param reporter where failures go
     * @param events sends a {@code $feature_flag_called} event through the capture pipeline
     * @param disabled says whether the client is disabled or closed
     */
    public FeatureFlags(PostHogOptions options, Transport transport, ErrorReporter reporter, Consumer<Event> events,
            BooleanSupplier disabled) {
        this.options = options;
        this.reporter = reporter;
        this.events = events;
        this.disabled = disabled;
        this.store = options.isLocalEvaluationEnabled() && !options.isDisabled()
                ? new DefinitionsStore(options, transport, reporter, minimalEvents) : null;
        this.remote = new RemoteFlags(options, transport, reporter);
        this.dedup = new CalledEventDedup(options.maxCacheSize());
    }

    // ------------------------------------------------------------ single flag

    /**
     * The shared single-flag routine (flags.md §12.1).
     *
     * @param key the flag key
     * @param distinctId the subject
     * @param o the call's options
     * @param call the public method, for messages
     * @param mayEvent whether this method sends {@code $feature_flag_called} (not for payloads)
     * @return the result; never null
     */
    public FlagResult evaluate(String key, String distinctId, FlagOptions o, String call, boolean mayEvent) {
        DefinitionsStore st = store;
        // The clock first, before the arguments' memory is touched: see DefinitionsStore.refreshIfDue(long).
        long now = st == null ? 0 : st.dueCheckTime();
        Overrides ov = overrides;
        if (st == null || ov != Overrides.NONE || key == null || distinctId == null || !hasText(key)
                || !hasText(distinctId) || disabled.getAsBoolean()) {
            return evaluateInFull(key, distinctId, o, call, mayEvent, ov);
        }
        // The common call: valid arguments, no overrides, local evaluation configured.
        FlagOptions opts = o == null ? FlagOptions.DEFAULTS : o;
        LocalEvaluator evaluator = st.refreshIfDue(now).evaluator();
        FlagContext ctx = opts.toContext(distinctId);
        FlagResult r = evaluator == null ? null : evaluator.evaluate(key, ctx);
        if (r == null || !r.value().isKnown()) {
            return finish(key, distinctId, opts, mayEvent, ov, undecided(key, r, ctx, opts));
        }
        if (mayEvent && sendsEvents(opts)) {
            sendCalled(distinctId, key, localDecision(r), opts.groups(), opts.disableGeoip());
        }
        return r;
    }

    /**
     * Whether {@code s} is not blank ({@link String#isBlank()}), deciding from the first
     * character when it is printable ASCII.
     */
    private static boolean hasText(String s) {
        if (s.isEmpty()) {
            return false;
        }
        char c = s.charAt(0);
        return c > ' ' && c < 0x7f || !s.isBlank();
    }

    private boolean sendsEvents(FlagOptions opts) {
        Boolean send = opts.sendFeatureFlagEvents();
        return send != null ? send : options.isSendFeatureFlagEvent();
    }

    /** {@link #evaluate} for every case: invalid arguments, disabled client, overrides, no local answer. */
    private FlagResult evaluateInFull(String key, String distinctId, FlagOptions o, String call, boolean mayEvent,
            Overrides ov) {
        FlagOptions opts = o == null ? FlagOptions.DEFAULTS : o;
        String k = key == null ? "" : key;
        FlagResult invalid = checkCall(k, distinctId, call);
        if (invalid != null) {
            return invalid;
        }
        if (ov.flags().containsKey(k)) {
            return overridden(k, ov);
        }
        return finish(k, distinctId, opts, mayEvent, ov, decide(k, opts.toContext(distinctId), opts));
    }

    /** Sends the event if the call asks for it and lays a payload override over the result. */
    private FlagResult finish(String key, String distinctId, FlagOptions opts, boolean mayEvent, Overrides ov,
            Decision d) {
        if (mayEvent && sendsEvents(opts)) {
            sendCalled(distinctId, key, d, opts.groups(), opts.disableGeoip());
        }
        FlagResult r = d.result();
        if (r.value().isKnown() && ov.payloads().containsKey(key)) {
            r = new FlagResult(key, r.value(), ov.payloads().get(key), r.reason());
        }
        return r;
    }

    private FlagResult checkCall(String key, String distinctId, String call) {
        if (disabled.getAsBoolean()) {
            Loggers.FLAGS.log(Level.DEBUG, () -> call + ": the client is disabled; flag '" + key + "' is unknown");
            return new FlagResult(key, FlagValue.UNKNOWN, null,
                    FlagReason.of(FlagReason.Code.CLIENT_DISABLED, "the client is disabled or closed"));
        }
        String problem = key.isBlank() ? "flag key" : distinctId == null || distinctId.isBlank() ? "distinct id" : null;
        if (problem != null) {
            String message = call + ": " + problem + " is " + (problem.equals("flag key") ? (key.isEmpty() ? "null or empty" : "blank")
                    : distinctId == null ? "null" : "blank") + "; the flag is unknown. Pass a non-blank " + problem + ".";
            if (options.isStrict()) {
                throw new IllegalArgumentException(message);
            }
            reporter.reportOnce(call + "/" + problem, new PostHogException(ErrorKind.INVALID_ARGUMENT, message, null, 0, 0));
            return new FlagResult(key, FlagValue.UNKNOWN, null, FlagReason.of(FlagReason.Code.INVALID_ARGUMENT, message));
        }
        return null;
    }

    private static FlagResult overridden(String key, Overrides ov) {
        FlagValue v = ov.flags().get(key);
        if (v == null || !v.isKnown()) {
            return new FlagResult(key, FlagValue.UNKNOWN, null,
                    FlagReason.of(FlagReason.Code.OVERRIDE, "overridden: the flag does not exist"));
        }
        return new FlagResult(key, v, ov.payloads().get(key), FlagReason.of(FlagReason.Code.OVERRIDE, "overridden"));
    }

    private Decision decide(String key, FlagContext ctx, FlagOptions opts) {
        FlagResult undecided = null;
        if (store != null) {
            DefinitionsStore.State s = store.refreshIfDue();
            if (s.evaluator() != null) {
                FlagResult r = s.evaluator().evaluate(key, ctx);
                if (r.value().isKnown()) {
                    return localDecision(r);
                }
                undecided = r;
            }
        }
        return undecided(key, undecided, ctx, opts);
    }

    /** A locally decided flag; its id and has_experiment are looked up only if an event is sent (see sendCalled). */
    private static Decision localDecision(FlagResult r) {
        return new Decision(r, true, null, null, EVALUATED_LOCALLY, null, null, null, List.of());
    }

    /**
     * The flag local evaluation did not decide: its result when only local evaluation is
     * allowed, else PostHog's answer.
     *
     * @param local the local evaluator's unknown result, or null when there was no evaluator
     */
    private Decision undecided(String key, FlagResult local, FlagContext ctx, FlagOptions opts) {
        FlagResult undecided = local != null && local.reason().code() != FlagReason.Code.FLAG_NOT_FOUND ? local : null;
        if (onlyLocal(opts)) {
            FlagResult r = undecided != null ? undecided : notLocal(key);
            return new Decision(r, false, null, null, null, null, null, null, List.of());
        }
        RemoteFlags.Response resp = remote.evaluate(ctx, List.of(key), opts.disableGeoip());
        return remoteDecision(key, resp);
    }

    private FlagResult notLocal(String key) {
        DefinitionsStore.State s = store == null ? null : store.current();
        if (s != null && s.definitions() != null && s.definitions().size() > 0) {
            return new FlagResult(key, FlagValue.UNKNOWN, null, FlagReason.of(FlagReason.Code.FLAG_NOT_FOUND,
                    "no flag \"" + key + "\" in the local definitions, and only local evaluation was allowed"));
        }
        return new FlagResult(key, FlagValue.UNKNOWN, null, FlagReason.of(FlagReason.Code.DEFINITIONS_NOT_LOADED,
                store == null ? "local evaluation is not configured (no personal API key), and only local evaluation "
                        + "was allowed" : "no flag definitions are loaded, and only local evaluation was allowed"));
    }

    private Decision remoteDecision(String key, RemoteFlags.Response resp) {
        if (resp == null) {
            return new Decision(new FlagResult(key, FlagValue.UNKNOWN, null, FlagReason.of(FlagReason.Code.REMOTE_FAILED,
                    "the /flags request failed")), false, null, null, null, null, null, null, List.of("unknown_error"));
        }
        minimalEvents.set(resp.minimalEvents());
        List<String> errors = baseErrors(resp);
        RemoteFlags.RemoteFlag rf = resp.flags().get(key);
        if (rf == null) {
            errors.add("flag_missing");
            FlagReason reason = resp.quotaLimited()
                    ? FlagReason.of(FlagReason.Code.QUOTA_LIMITED, "PostHog's feature flag quota is exhausted")
                    : FlagReason.of(FlagReason.Code.FLAG_NOT_FOUND, "PostHog returned no flag \"" + key + "\"");
            return new Decision(new FlagResult(key, FlagValue.UNKNOWN, null, reason), false, null, null, null,
                    resp.requestId(), null, null, List.copyOf(errors));
        }
        return remoteRecord(rf, resp, errors);
    }

    private static List<String> baseErrors(RemoteFlags.Response resp) {
        List<String> errors = new ArrayList<>(3);
        if (resp.errorsWhileComputing()) {
            errors.add("errors_while_computing_flags");
        }
        if (resp.quotaLimited()) {
            errors.add("quota_limited");
        }
        return errors;
    }

    private static Decision remoteRecord(RemoteFlags.RemoteFlag rf, RemoteFlags.Response resp, List<String> errors) {
        FlagValue v = !rf.enabled() ? FlagValue.OFF : rf.variant() != null ? FlagValue.variant(rf.variant()) : FlagValue.ON;
        String text = rf.reason() != null ? rf.reason() : "evaluated by PostHog";
        FlagResult r = new FlagResult(rf.key(), v, rf.payload(), new FlagReason(FlagReason.Code.REMOTE, rf.conditionIndex(), text));
        return new Decision(r, false, rf.id(), rf.version(), rf.reason(), resp.requestId(),
                resp.quotaLimited() ? null : resp.evaluatedAt(), rf.hasExperiment(), List.copyOf(errors));
    }

    private boolean onlyLocal(FlagOptions opts) {
        return opts.onlyEvaluateLocally() != null ? opts.onlyEvaluateLocally() : options.isStrictLocalEvaluation();
    }

    /**
     * posthog-node's {@code getFeatureFlagPayload}: a payload override first; with a match
     * value and local definitions, that value's payload without evaluating; else the payload
     * of the evaluated value. Never sends an event.
     *
     * @param key the flag key
     * @param distinctId the subject
     * @param matchValue the value whose payload is wanted, or null to evaluate
     * @param o the call's options
     * @return the payload, or null (unknown flag, or no payload)
     */
    public Object payload(String key, String distinctId, FlagValue matchValue, FlagOptions o) {
        Overrides ov = overrides;
        if (key != null && ov.payloads().containsKey(key)) {
            return ov.payloads().get(key);
        }
        if (matchValue != null && matchValue.isKnown() && store != null && key != null && !disabled.getAsBoolean()) {
            DefinitionsStore.State s = store.refreshIfDue();
            if (s.definitions() != null && s.definitions().contains(key)) {
                return s.evaluator().payload(key, matchValue);
            }
        }
        return evaluate(key, distinctId, o, "getFeatureFlagPayload", false).payload();
    }

    // ------------------------------------------------------------ events

    void sendCalled(String distinctId, String key, Decision decision, Map<String, String> groups, Boolean disableGeoip) {
        FlagValue value = decision.result().value();
        if (!dedup.firstTime(distinctId, key, value, groups)) {
            return;
        }
        Decision d = decision;
        if (d.local() && d.id() == null && d.evaluatedAt() == null) {
            FlagDefinitions defs = store == null ? null : store.current().definitions();
            FlagDefinitions.FlagInfo info = defs == null ? null : defs.info(key).orElse(null);
            d = new Decision(d.result(), true, info == null ? null : info.id(), null, d.reasonText(), null,
                    options.clock().millis(), info == null ? null : info.hasExperiment(), d.errors());
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("$feature_flag", key);
        Object response = value.toJsonValue();
        if (response != null) {
            p.put("$feature_flag_response", response);
        }
        if (d.id() != null) {
            p.put("$feature_flag_id", d.id());
        }
        if (d.version() != null) {
            p.put("$feature_flag_version", d.version());
        }
        if (d.reasonText() != null) {
            p.put("$feature_flag_reason", d.reasonText());
        }
        p.put("locally_evaluated", d.local());
        if (response != null) {
            p.put("$feature/" + key, response);
        }
        if (d.requestId() != null) {
            p.put("$feature_flag_request_id", d.requestId());
        }
        if (d.evaluatedAt() != null) {
            p.put("$feature_flag_evaluated_at", d.evaluatedAt());
        }
        if (d.hasExperiment() != null) {
            p.put("$feature_flag_has_experiment", d.hasExperiment());
        }
        if (d.local() && store != null && store.current().loadedAtMillis() >= 0) {
            p.put("$feature_flag_definitions_loaded_at", store.current().loadedAtMillis());
        }
        if (!d.errors().isEmpty()) {
            p.put("$feature_flag_error", String.join(",", d.errors()));
        }
        if (minimalEvents.get() && Boolean.FALSE.equals(d.hasExperiment())) {
            p.keySet().retainAll(MINIMAL_PROPERTIES);
        }
        Event e = Event.builder("$feature_flag_called").distinctId(distinctId).properties(p)
                .groups(groups == null ? Map.of() : groups).disableGeoip(disableGeoip).build();
        try {
            events.accept(e);
        } catch (RuntimeException ex) {
            if (options.isStrict()) {
                throw ex;
            }
            Loggers.FLAGS.log(Level.WARNING, "could not send $feature_flag_called for '" + key + "': " + ex);
        }
    }

    /** Forgets which {@code $feature_flag_called} events were sent (on shutdown). */
    public void clearSentEvents() {
        dedup.clear();
    }

    /** @return how many distinct ids the de-duplication currently remembers */
    public int rememberedDistinctIds() {
        return dedup.size();
    }

    // ------------------------------------------------------------ all flags

    /** What local evaluation of all flags gave, and whether the server must be asked. */
    private record LocalAll(LocalEvaluator.AllFlags all, FlagDefinitions defs, boolean fallback) {}

    private LocalAll localAll(FlagContext ctx, FlagOptions opts) {
        if (store == null) {
            return new LocalAll(null, null, true);
        }
        DefinitionsStore.State s = store.refreshIfDue();
        FlagDefinitions defs = s.definitions();
        if (defs == null || defs.size() == 0) {
            return new LocalAll(null, null, true);
        }
        LocalEvaluator.AllFlags all = s.evaluator().evaluateAll(ctx, opts.flagKeys());
        for (FlagResult r : all.results().values()) {
            if (r.reason().code() == FlagReason.Code.ERROR) {
                reporter.report(new PostHogException(ErrorKind.INTERNAL, "evaluating flag '" + r.key()
                        + "' locally failed: " + r.reason().description(), null, 0, 0));
            }
        }
        return new LocalAll(all, defs, all.hasUndecided());
    }

    /**
     * posthog-node's {@code getAllFlagsAndPayloads} (flags.md §13.1): local first, the server's
     * answers laid over them when some flag could not be decided (remote wins), then overrides.
     *
     * @param distinctId the subject
     * @param o the call's options
     * @return the flags and payloads
     */
    public AllFlagsAndPayloads all(String distinctId, FlagOptions o) {
        FlagOptions opts = o == null ? FlagOptions.DEFAULTS : o;
        if (disabled.getAsBoolean()) {
            return AllFlagsAndPayloads.EMPTY;
        }
        if (distinctId == null || distinctId.isBlank()) {
            checkCall("all", distinctId, "getAllFlags");
            return AllFlagsAndPayloads.EMPTY;
        }
        FlagContext ctx = opts.toContext(distinctId);
        LocalAll local = localAll(ctx, opts);
        Map<String, FlagValue> flags = new LinkedHashMap<>();
        Map<String, Object> payloads = new LinkedHashMap<>();
        if (local.all() != null) {
            flags.putAll(local.all().flags());
            payloads.putAll(local.all().payloads());
        }
        if (local.fallback() && !onlyLocal(opts)) {
            RemoteFlags.Response resp = remote.evaluate(ctx, opts.flagKeys(), opts.disableGeoip());
            if (resp != null) {
                for (RemoteFlags.RemoteFlag rf : resp.flags().values()) {
                    Decision d = remoteRecord(rf, resp, List.of());
                    flags.put(rf.key(), d.result().value());
                    if (rf.enabled() && rf.payload() != null) {
                        payloads.put(rf.key(), rf.payload());
                    }
                }
            }
        }
        Overrides ov = overrides;
        ov.flags().forEach((k, v) -> {
            if (v == null || !v.isKnown()) {
                flags.remove(k);
            } else {
                flags.put(k, v);
            }
        });
        ov.payloads().forEach(payloads::put);
        return new AllFlagsAndPayloads(flags, payloads);
    }

    /**
     * posthog-node's {@code evaluateFlags} (flags.md §13.2): like {@link #all} but local
     * answers win, and the result keeps per-flag reasons and sends events on first access.
     *
     * @param distinctId the subject
     * @param o the call's options
     * @return the snapshot
     */
    public FlagEvaluations evaluateAll(String distinctId, FlagOptions o) {
        FlagOptions opts = o == null ? FlagOptions.DEFAULTS : o;
        Map<String, Decision> records = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        String id = distinctId == null ? "" : distinctId;
        if (!disabled.getAsBoolean() && !id.isBlank()) {
            FlagContext ctx = opts.toContext(id);
            LocalAll local = localAll(ctx, opts);
            if (local.all() != null) {
                long now = options.clock().millis();
                for (FlagResult r : local.all().results().values()) {
                    if (r.value().isKnown()) {
                        FlagDefinitions.FlagInfo info = local.defs().info(r.key()).orElse(null);
                        records.put(r.key(), new Decision(r, true, info == null ? null : info.id(), null,
                                EVALUATED_LOCALLY, null, now, info == null ? null : info.hasExperiment(), List.of()));
                    }
                }
            }
            if (local.fallback() && !onlyLocal(opts)) {
                RemoteFlags.Response resp = remote.evaluate(ctx, opts.flagKeys(), opts.disableGeoip());
                if (resp != null) {
                    minimalEvents.set(resp.minimalEvents());
                    errors.addAll(baseErrors(resp));
                    for (RemoteFlags.RemoteFlag rf : resp.flags().values()) {
                        records.putIfAbsent(rf.key(), remoteRecord(rf, resp, List.of()));
                    }
                } else {
                    errors.add("unknown_error");
                }
            }
        } else if (id.isBlank() && !disabled.getAsBoolean()) {
            checkCall("all", distinctId, "evaluateFlags");
        }
        Overrides ov = overrides;
        ov.flags().forEach((k, v) -> {
            if (v == null || !v.isKnown()) {
                records.remove(k);
            } else {
                FlagResult r = new FlagResult(k, v, null, FlagReason.of(FlagReason.Code.OVERRIDE, "overridden"));
                records.put(k, new Decision(r, false, null, null, null, null, null, null, List.of()));
            }
        });
        ov.payloads().forEach((k, p) -> {
            Decision d = records.get(k);
            if (d != null) {
                FlagResult r = d.result();
                records.put(k, new Decision(new FlagResult(k, r.value(), p, r.reason()), d.local(), d.id(), d.version(),
                        d.reasonText(), d.requestId(), d.evaluatedAt(), d.hasExperiment(), d.errors()));
            }
        });
        return new Evaluations(this, id, opts.groups(), opts.disableGeoip(), Collections.unmodifiableMap(records),
                List.copyOf(errors), Set.of());
    }

    /**
     * The flag properties posthog-node's deprecated {@code sendFeatureFlags} adds to a captured
     * event (flags.md §15.2): local-only values when definitions are loaded, else one {@code
     * /flags} request unless only local evaluation is allowed. Never throws; any failure gives
     * no properties.
     *
     * @param distinctId the event's distinct id
     * @param eventGroups the event's groups (keys are stringified)
     * @param disableGeoip the event's choice, or null
     * @param o person and group properties, {@code flagKeys}, {@code onlyEvaluateLocally} (its
     *     groups are not used)
     * @return {@code $feature/<key>} for every flag and {@code $active_feature_flags}
     */
    public Map<String, Object> eventFlagProperties(String distinctId, Map<String, Object> eventGroups, Boolean disableGeoip,
            FlagOptions o) {
        FlagOptions opts = o == null ? FlagOptions.DEFAULTS : o;
        if (disabled.getAsBoolean() || distinctId == null || distinctId.isBlank()) {
            return Map.of();
        }
        try {
            Map<String, String> groups = new LinkedHashMap<>();
            if (eventGroups != null) {
                eventGroups.forEach((k, v) -> groups.put(k, String.valueOf(v)));
            }
            FlagOptions.Builder b = FlagOptions.builder().groups(groups).personProperties(opts.personProperties())
                    .flagKeys(opts.flagKeys()).disableGeoip(disableGeoip).onlyEvaluateLocally(true);
            opts.groupProperties().forEach(b::groupProperties);
            FlagOptions local = b.build();
            Map<String, FlagValue> values = new LinkedHashMap<>();
            DefinitionsStore.State s = store == null ? null : store.refreshIfDue();
            if (s != null && s.definitions() != null && s.definitions().size() > 0) {
                values.putAll(all(distinctId, local).featureFlags());
            } else if (!onlyLocal(opts)) {
                RemoteFlags.Response resp = remote.evaluateForEvent(local.toContext(distinctId), opts.groupProperties(),
                        disableGeoip);
                if (resp != null) {
                    for (RemoteFlags.RemoteFlag rf : resp.flags().values()) {
                        values.put(rf.key(), remoteRecord(rf, resp, List.of()).result().value());
                    }
                }
            }
            Map<String, Object> props = new LinkedHashMap<>();
            List<String> active = new ArrayList<>();
            values.forEach((k, v) -> {
                props.put("$feature/" + k, v.toJsonValue());
                if (v.isEnabled()) {
                    active.add(k);
                }
            });
            if (!active.isEmpty()) {
                Collections.sort(active);
                props.put("$active_feature_flags", active);
            }
            return props;
        } catch (RuntimeException e) {
            Loggers.FLAGS.log(Level.WARNING, "sendFeatureFlags: could not add flags to the event (" + e + ")");
            return Map.of();
        }
    }

    // ------------------------------------------------------------ definitions & overrides

    /**
     * Downloads definitions now, ignoring the polling interval and backoff.
     */
    public void reload() {
        if (store != null && !disabled.getAsBoolean()) {
            store.reload(options.requestTimeout());
        }
    }

    /**
     * Downloads definitions if they are stale, bounded by {@code timeout}, whatever the refresh
     * policy; nothing when local evaluation is off or the client is disabled.
     *
     * @param timeout the longest the download may take
     * @return whether local evaluation is ready afterwards
     */
    public boolean refreshIfStale(Duration timeout) {
        if (store == null || disabled.getAsBoolean()) {
            return false;
        }
        return store.refreshIfStale(timeout).isReady();
    }

    /** Marks the definitions stale, so the next refresh downloads them (after a restore). */
    public void markStale() {
        if (store != null) {
            store.markStale();
        }
    }

    /** @return whether definitions with at least one flag are loaded */
    public boolean isReady() {
        return store != null && store.current().isReady();
    }

    /**
     * Tries, on the caller's thread, to make local evaluation ready within {@code timeout}.
     *
     * @param timeout the longest to wait
     * @return whether local evaluation is ready
     */
    public boolean waitUntilReady(Duration timeout) {
        if (store == null || disabled.getAsBoolean()) {
            return false;
        }
        if (store.current().isReady()) {
            return true;
        }
        Duration t = timeout.compareTo(options.requestTimeout()) < 0 ? timeout : options.requestTimeout();
        return t.isZero() || t.isNegative() ? false : store.reload(t);
    }

    /**
     * @param key the flag key
     * @return the decrypted remote-config payload, or null
     */
    public Object remoteConfigPayload(String key) {
        if (disabled.getAsBoolean() || key == null || key.isBlank()) {
            return null;
        }
        if (options.personalApiKey() == null) {
            throw new IllegalStateException("Personal API key is required for remote config payload decryption: "
                    + "set personalApiKey on the client builder");
        }
        return remote.remoteConfigPayload(key);
    }

    /**
     * Replaces the flag overrides.
     *
     * @param flags key to {@code Boolean}, variant {@code String} or {@link FlagValue}; a null
     *     value means "the flag does not exist"; null clears them
     */
    public void overrideFlags(Map<String, ?> flags) {
        Map<String, FlagValue> m = new LinkedHashMap<>();
        if (flags != null) {
            flags.forEach((k, v) -> m.put(k, toValue(k, v)));
        }
        overrides = Overrides.of(Collections.unmodifiableMap(m), overrides.payloads());
    }

    /**
     * Replaces the payload overrides.
     *
     * @param payloads key to payload; null clears them
     */
    public void overridePayloads(Map<String, ?> payloads) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (payloads != null) {
            m.putAll(payloads);
        }
        overrides = Overrides.of(overrides.flags(), Collections.unmodifiableMap(m));
    }

    private static FlagValue toValue(String key, Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof FlagValue f) {
            return f;
        }
        if (v instanceof Boolean b) {
            return FlagValue.of(b);
        }
        if (v instanceof String s) {
            return s.isEmpty() ? FlagValue.OFF : FlagValue.variant(s);
        }
        throw new IllegalArgumentException("override for flag '" + key + "' must be a Boolean, a variant String, "
                + "a FlagValue or null (was " + v.getClass().getName() + ")");
    }
}
