// SPDX-License-Identifier: Apache-2.0
package dev.edgehog;

import dev.edgehog.flags.AllFlagsAndPayloads;
import dev.edgehog.flags.FlagEvaluations;
import dev.edgehog.flags.FlagOptions;
import dev.edgehog.flags.FlagResult;
import dev.edgehog.flags.FlagValue;
import dev.edgehog.internal.Loggers;
import dev.edgehog.internal.Secrets;
import dev.edgehog.internal.capture.BatchSender;
import dev.edgehog.internal.capture.Counters;
import dev.edgehog.internal.capture.Delivery;
import dev.edgehog.internal.capture.ErrorReporter;
import dev.edgehog.internal.capture.EventPreparer;
import dev.edgehog.internal.capture.ExceptionAutocapture;
import dev.edgehog.internal.capture.ExceptionProperties;
import dev.edgehog.internal.capture.UuidV7;
import dev.edgehog.internal.flagclient.FeatureFlags;
import dev.edgehog.internal.transport.Transports;
import dev.edgehog.spi.Transport;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The PostHog client: the Java counterpart of posthog-node's {@code PostHog}, built for
 * serverless and edge runtimes.
 *
 * <pre>{@code
 * PostHog posthog = PostHog.builder("phc_...").build();     // once per container
 *
 * posthog.capture("user-1", "order placed", Map.of("amount", 12.5));
 * posthog.identify(Identify.builder("user-1").set(Map.of("plan", "pro")).build());
 *
 * posthog.close();                                        // flushes anything still queued
 * }</pre>
 *
 * <h2>Threads and timing</h2>
 * The client starts no thread, timer, executor or shutdown hook. Every request is made on the
 * thread that called: in {@link SendMode#IMMEDIATE} mode (the default) each call sends at once;
 * in {@link SendMode#BUFFERED} mode calls queue, and the queue is sent when it reaches
 * {@code flushAt}, on {@link #flush()} and on {@link #close()}. The only thread that exists
 * because of Edgehog is the JDK's: with the default {@link HttpTransport#JDK_HTTP_CLIENT}, the
 * HttpClient's selector thread, created on the first request; with {@link
 * HttpTransport#URL_CONNECTION}, the JVM-wide {@code Keep-Alive-Timer} daemon while connections
 * are pooled.
 *
 * <h2>Errors</h2>
 * Telemetry never breaks the host: no method here throws for bad input, network or server
 * faults (only {@link PostHogOptions.Builder#build()} throws, for invalid options, and strict
 * mode throws for invalid arguments). Problems are logged through {@link System.Logger}
 * (logger {@code edgehog.*}), counted in {@link #stats()}, and passed to the {@link
 * ErrorListener}. Immediate calls and flushes return a {@link DeliveryResult} that says what
 * was delivered and what was not.
 *
 * <p>The client is thread-safe. Close it when the process is done with it; after {@code
 * close()} every call is a no-op.
 *
 * @since 0.1.0
 */
public final class PostHog implements AutoCloseable {
    private final PostHogOptions options;
    private final Transport transport;
    private final Counters counters = new Counters();
    private final ErrorReporter reporter;
    private final UuidV7 uuids = new UuidV7();
    private final EventPreparer preparer;
    private final Delivery delivery;
    private final ExceptionAutocapture autocapture;
    private final FeatureFlags flags;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean warnedClosed = new AtomicBoolean();

    PostHog(PostHogOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.transport = Transports.forOptions(options);
        this.reporter = new ErrorReporter(options.errorListener());
        this.preparer = new EventPreparer(options, uuids, counters, reporter);
        this.delivery = new Delivery(options, new BatchSender(options, transport, counters), counters, reporter);
        this.autocapture = options.isEnableExceptionAutocapture() && !options.isDisabled()
                ? ExceptionAutocapture.install(this::captureUncaught) : null;
        this.flags = new FeatureFlags(options, transport, reporter,
                e -> submit(e, "$feature_flag_called", Dispatch.QUEUE, false), this::isDisabled);
        Loggers.MAIN.log(Level.DEBUG, () -> "PostHog client created: " + options);
    }

    /**
     * Starts configuring a client.
     *
     * @param projectApiKey the project API key ({@code phc_...})
     * @return a builder; call {@link PostHogOptions.Builder#build()} to get the client
     */
    public static PostHogOptions.Builder builder(String projectApiKey) {
        return PostHogOptions.builder(projectApiKey);
    }

    /**
     * Builds a client from options built earlier.
     *
     * @param options the options
     * @return the client
     */
    public static PostHog create(PostHogOptions options) {
        return new PostHog(options);
    }

    /**
     * Starts configuring a client from the process environment ({@code POSTHOG_API_KEY},
     * {@code POSTHOG_HOST}, ...); see {@link PostHogOptions#fromEnvironment(Map)}.
     *
     * @return a builder holding what the environment says
     */
    public static PostHogOptions.Builder fromEnvironment() {
        return PostHogOptions.fromEnvironment(System.getenv());
    }

    // ---------------------------------------------------------------- capture

    /**
     * Captures an event. In {@link SendMode#IMMEDIATE} mode it is sent before this returns; in
     * {@link SendMode#BUFFERED} mode it is queued. Never throws (except in strict mode, for
     * invalid arguments).
     *
     * @param event the event; it needs a non-blank name and distinct id
     */
    public void capture(Event event) {
        submit(event, "capture", false, false);
    }

    /**
     * Captures an event carrying the flag values of an {@link #evaluateFlags} snapshot, with no
     * further request (posthog-node's {@code capture({..., flags})}): {@code $feature/<key>}
     * for every flag in the snapshot and {@code $active_feature_flags}, the sorted keys of the
     * enabled ones. The event's own properties win over these.
     *
     * @param event the event
     * @param flags the snapshot whose values to attach (null attaches nothing)
     */
    public void capture(Event event, FlagEvaluations flags) {
        capture(withFlags(event, flags));
    }

    /**
     * Captures an event with every flag's current value attached, posthog-node's (deprecated)
     * {@code sendFeatureFlags}: {@code $feature/<key>} for each flag and {@code
     * $active_feature_flags}. With local definitions loaded the values are computed locally
     * only (undecidable flags are left out); otherwise one {@code /flags} request is made
     * (unless {@code onlyEvaluateLocally}). Prefer {@link #capture(Event, FlagEvaluations)},
     * which attaches exactly the values the code branched on.
     *
     * @param event the event; its groups are the groups evaluated
     * @param options person and group properties, {@code flagKeys}, {@code onlyEvaluateLocally}
     *     (its own groups are ignored)
     */
    public void captureWithFeatureFlags(Event event, FlagOptions options) {
        if (event == null || isDisabled()) {
            capture(event);
            return;
        }
        Map<String, Object> props = new LinkedHashMap<>(flags.eventFlagProperties(event.distinctId(), event.groups(),
                event.disableGeoip(), options));
        props.putAll(event.properties());
        capture(event.toBuilder().clearProperties().properties(props).build());
    }

    private static Event withFlags(Event event, FlagEvaluations flags) {
        if (event == null || flags == null) {
            return event;
        }
        Map<String, Object> props = new LinkedHashMap<>();
        List<String> active = new java.util.ArrayList<>();
        for (String key : flags.keys()) {
            FlagValue v = flags.getResult(key).value();
            if (v.isKnown()) {
                props.put("$feature/" + key, v.toJsonValue());
                if (v.isEnabled()) {
                    active.add(key);
                }
            }
        }
        if (!active.isEmpty()) {
            java.util.Collections.sort(active);
            props.put("$active_feature_flags", active);
        }
        props.putAll(event.properties());
        return event.toBuilder().clearProperties().properties(props).build();
    }

    /**
     * Captures an event without properties.
     *
     * @param distinctId who did it
     * @param event the event name
     * @see #capture(Event)
     */
    public void capture(String distinctId, String event) {
        capture(Event.builder(event).distinctId(distinctId).build());
    }

    /**
     * Captures an event with properties.
     *
     * @param distinctId who did it
     * @param event the event name
     * @param properties the properties (may be null)
     * @see #capture(Event)
     */
    public void capture(String distinctId, String event, Map<String, ?> properties) {
        if (hasNullKey(properties)) {
            invalid("capture", "property key", null);
            return;
        }
        capture(Event.builder(event).distinctId(distinctId).properties(properties).build());
    }

    /**
     * Captures an event and sends it now, as a batch of one, whatever the send mode. If it
     * cannot be delivered yet (network error, deadline) it is queued for the next flush.
     *
     * @param event the event
     * @return what happened to it
     */
    public DeliveryResult captureImmediate(Event event) {
        return submit(event, "captureImmediate", true, false);
    }

    /**
     * @param distinctId who did it
     * @param event the event name
     * @param properties the properties (may be null)
     * @return what happened to it
     * @see #captureImmediate(Event)
     */
    public DeliveryResult captureImmediate(String distinctId, String event, Map<String, ?> properties) {
        if (hasNullKey(properties)) {
            return invalid("captureImmediate", "property key", null);
        }
        return captureImmediate(Event.builder(event).distinctId(distinctId).properties(properties).build());
    }

    // ---------------------------------------------------------------- identify

    /**
     * Sends {@code $identify}: sets person properties and, optionally, merges an anonymous id.
     *
     * @param identify the call
     */
    public void identify(Identify identify) {
        if (identify == null) {
            invalid("identify", "identify", null);
            return;
        }
        submit(identifyEvent(identify), "identify", false, false);
    }

    /**
     * Sends {@code $identify} with posthog-node's property convention: {@code properties.$set}
     * and {@code properties.$set_once} when given; otherwise every property except
     * {@code $set_once} and {@code $anon_distinct_id} is set.
     *
     * @param distinctId the person
     * @param properties the properties (may be null)
     */
    public void identify(String distinctId, Map<String, ?> properties) {
        if (hasNullPersonKey(properties)) {
            invalid("identify", "property key", null);
            return;
        }
        identify(identifyFromProperties(distinctId, properties));
    }

    /**
     * @param identify the call
     * @return what happened to it
     * @see #identify(Identify)
     */
    public DeliveryResult identifyImmediate(Identify identify) {
        if (identify == null) {
            return invalid("identifyImmediate", "identify", null);
        }
        return submit(identifyEvent(identify), "identifyImmediate", true, false);
    }

    /**
     * @param distinctId the person
     * @param properties the properties (may be null)
     * @return what happened to it
     * @see #identify(String, Map)
     */
    public DeliveryResult identifyImmediate(String distinctId, Map<String, ?> properties) {
        if (hasNullPersonKey(properties)) {
            return invalid("identifyImmediate", "property key", null);
        }
        return identifyImmediate(identifyFromProperties(distinctId, properties));
    }

    // ---------------------------------------------------------------- alias

    /**
     * Sends {@code $create_alias}: makes {@code alias} another id of the person {@code distinctId}.
     *
     * @param distinctId the person's current distinct id
     * @param alias the other id
     */
    public void alias(String distinctId, String alias) {
        Event e = aliasEvent(distinctId, alias, "alias");
        if (e != null) {
            submit(e, "alias", false, false);
        }
    }

    /**
     * @param distinctId the person's current distinct id
     * @param alias the other id
     * @return what happened to it
     * @see #alias(String, String)
     */
    public DeliveryResult aliasImmediate(String distinctId, String alias) {
        Event e = aliasEvent(distinctId, alias, "aliasImmediate");
        return e == null ? dropped() : submit(e, "aliasImmediate", true, false);
    }

    // ---------------------------------------------------------------- groups

    /**
     * Sends {@code $groupidentify}: sets properties of a group.
     *
     * @param groupIdentify the call
     */
    public void groupIdentify(GroupIdentify groupIdentify) {
        Event e = groupEvent(groupIdentify, "groupIdentify");
        if (e != null) {
            submit(e, "groupIdentify", false, false);
        }
    }

    /**
     * @param groupType the group type, e.g. {@code "company"}
     * @param groupKey the group key, e.g. {@code "acme"}
     * @param properties the group properties (may be null)
     * @see #groupIdentify(GroupIdentify)
     */
    public void groupIdentify(String groupType, String groupKey, Map<String, ?> properties) {
        if (hasNullKey(properties)) {
            invalid("groupIdentify", "property key", null);
            return;
        }
        groupIdentify(GroupIdentify.builder(groupType, groupKey).properties(properties).build());
    }

    /**
     * @param groupIdentify the call
     * @return what happened to it
     * @see #groupIdentify(GroupIdentify)
     */
    public DeliveryResult groupIdentifyImmediate(GroupIdentify groupIdentify) {
        Event e = groupEvent(groupIdentify, "groupIdentifyImmediate");
        return e == null ? dropped() : submit(e, "groupIdentifyImmediate", true, false);
    }

    // ---------------------------------------------------------------- exceptions

    /**
     * Captures a caught exception as PostHog's {@code $exception} event (error tracking),
     * personless.
     *
     * @param error the exception
     */
    public void captureException(Throwable error) {
        captureException(error, null, null);
    }

    /**
     * Captures a caught exception for a person.
     *
     * @param error the exception
     * @param distinctId the person; null or blank makes a personless event
     */
    public void captureException(Throwable error, String distinctId) {
        captureException(error, distinctId, null);
    }

    /**
     * Captures a caught exception as {@code $exception}: {@code $exception_list} holds the
     * exception and up to four causes with their stack frames, {@code $exception_level} is
     * {@code "error"}; {@code properties} are added on top (and may overwrite).
     *
     * @param error the exception
     * @param distinctId the person; null or blank makes a personless event
     * @param properties additional properties (may be null)
     */
    public void captureException(Throwable error, String distinctId, Map<String, ?> properties) {
        if (hasNullKey(properties)) {
            invalid("captureException", "property key", null);
            return;
        }
        Event e = exceptionEvent(error, distinctId, properties, true, "captureException");
        if (e != null) {
            submit(e, "captureException", false, true);
        }
    }

    /**
     * @param error the exception
     * @param distinctId the person; null or blank makes a personless event
     * @param properties additional properties (may be null)
     * @return what happened to it
     * @see #captureException(Throwable, String, Map)
     */
    public DeliveryResult captureExceptionImmediate(Throwable error, String distinctId, Map<String, ?> properties) {
        if (hasNullKey(properties)) {
            return invalid("captureExceptionImmediate", "property key", null);
        }
        Event e = exceptionEvent(error, distinctId, properties, true, "captureExceptionImmediate");
        return e == null ? dropped() : submit(e, "captureExceptionImmediate", true, true);
    }

    // ---------------------------------------------------------------- feature flags

    /**
     * Whether a flag is on for a person: local evaluation first, PostHog ({@code /flags}) when
     * it cannot decide. Sends {@code $feature_flag_called} (once per person, flag, value and
     * groups). Never throws; an unknown flag gives {@code false}.
     *
     * @param key the flag key
     * @param distinctId the person
     * @return whether the flag is on
     */
    public boolean isFeatureEnabled(String key, String distinctId) {
        return isFeatureEnabled(key, distinctId, FlagOptions.DEFAULTS, false);
    }

    /**
     * @param key the flag key
     * @param distinctId the person
     * @param defaultValue the answer when the flag is unknown (not defined, or undecidable)
     * @return whether the flag is on
     * @see #isFeatureEnabled(String, String)
     */
    public boolean isFeatureEnabled(String key, String distinctId, boolean defaultValue) {
        return isFeatureEnabled(key, distinctId, FlagOptions.DEFAULTS, defaultValue);
    }

    /**
     * @param key the flag key
     * @param distinctId the person
     * @param options groups, properties and per-call switches
     * @param defaultValue the answer when the flag is unknown
     * @return whether the flag is on
     * @see #isFeatureEnabled(String, String)
     */
    public boolean isFeatureEnabled(String key, String distinctId, FlagOptions options, boolean defaultValue) {
        FlagValue v = flags.evaluate(key, distinctId, options, "isFeatureEnabled", true).value();
        return v.isKnown() ? v.isEnabled() : defaultValue;
    }

    /**
     * A flag's value for a person: {@link FlagValue#OFF}, {@link FlagValue#ON}, a variant, or
     * {@link FlagValue#UNKNOWN} when neither local evaluation nor PostHog could decide. Sends
     * {@code $feature_flag_called}.
     *
     * @param key the flag key
     * @param distinctId the person
     * @return the value; never null
     */
    public FlagValue getFeatureFlag(String key, String distinctId) {
        return getFeatureFlag(key, distinctId, FlagOptions.DEFAULTS);
    }

    /**
     * @param key the flag key
     * @param distinctId the person
     * @param options groups, properties and per-call switches
     * @return the value; never null
     * @see #getFeatureFlag(String, String)
     */
    public FlagValue getFeatureFlag(String key, String distinctId, FlagOptions options) {
        return flags.evaluate(key, distinctId, options, "getFeatureFlag", true).value();
    }

    /**
     * A flag's value, payload and the reason for them, in one evaluation. Sends {@code
     * $feature_flag_called}.
     *
     * @param key the flag key
     * @param distinctId the person
     * @return the result; never null (its value is {@link FlagValue#UNKNOWN} when undecided)
     */
    public FlagResult getFeatureFlagResult(String key, String distinctId) {
        return getFeatureFlagResult(key, distinctId, FlagOptions.DEFAULTS);
    }

    /**
     * @param key the flag key
     * @param distinctId the person
     * @param options groups, properties and per-call switches
     * @return the result; never null
     * @see #getFeatureFlagResult(String, String)
     */
    public FlagResult getFeatureFlagResult(String key, String distinctId, FlagOptions options) {
        return flags.evaluate(key, distinctId, options, "getFeatureFlagResult", true);
    }

    /**
     * The payload of the flag's value for a person: decoded JSON ({@code Map}, {@code List},
     * {@code String}, number, {@code Boolean}), the raw text when it is not JSON, or null when
     * the flag is unknown or its value has no payload (use {@link #getFeatureFlagResult} to
     * tell these apart). Never sends {@code $feature_flag_called}.
     *
     * @param key the flag key
     * @param distinctId the person
     * @return the payload, or null
     */
    public Object getFeatureFlagPayload(String key, String distinctId) {
        return flags.payload(key, distinctId, null, FlagOptions.DEFAULTS);
    }

    /**
     * @param key the flag key
     * @param distinctId the person
     * @param matchValue the value whose payload is wanted (looked up in the local definitions
     *     without evaluating when they are loaded), or null to evaluate the flag
     * @param options groups, properties and per-call switches ({@code sendFeatureFlagEvents} is ignored)
     * @return the payload, or null
     * @see #getFeatureFlagPayload(String, String)
     */
    public Object getFeatureFlagPayload(String key, String distinctId, FlagValue matchValue, FlagOptions options) {
        return flags.payload(key, distinctId, matchValue, options);
    }

    /**
     * Every flag's value for a person: local values, with PostHog's answers laid over them
     * when some flag could not be decided locally (unless {@code onlyEvaluateLocally}). Off
     * flags are included; no events are sent.
     *
     * @param distinctId the person
     * @return flag key to value (never {@link FlagValue#UNKNOWN})
     */
    public Map<String, FlagValue> getAllFlags(String distinctId) {
        return getAllFlags(distinctId, FlagOptions.DEFAULTS);
    }

    /**
     * @param distinctId the person
     * @param options groups, properties, {@code flagKeys} and per-call switches
     * @return flag key to value
     * @see #getAllFlags(String)
     */
    public Map<String, FlagValue> getAllFlags(String distinctId, FlagOptions options) {
        return flags.all(distinctId, options).featureFlags();
    }

    /**
     * @param distinctId the person
     * @return the values and the payloads of enabled flags
     * @see #getAllFlags(String)
     */
    public AllFlagsAndPayloads getAllFlagsAndPayloads(String distinctId) {
        return getAllFlagsAndPayloads(distinctId, FlagOptions.DEFAULTS);
    }

    /**
     * @param distinctId the person
     * @param options groups, properties, {@code flagKeys} and per-call switches
     * @return the values and the payloads of enabled flags
     * @see #getAllFlags(String)
     */
    public AllFlagsAndPayloads getAllFlagsAndPayloads(String distinctId, FlagOptions options) {
        return flags.all(distinctId, options);
    }

    /**
     * Evaluates every flag for a person once (at most one {@code /flags} request) and returns a
     * snapshot to branch on; its first {@code isEnabled}/{@code getFlag} of each flag sends
     * {@code $feature_flag_called}. posthog-node's newest flag API.
     *
     * @param distinctId the person
     * @param options groups, properties, {@code flagKeys} and per-call switches
     * @return the snapshot; empty when the client is disabled or the distinct id is blank
     */
    public FlagEvaluations evaluateFlags(String distinctId, FlagOptions options) {
        return flags.evaluateAll(distinctId, options);
    }

    /**
     * @param distinctId the person
     * @return the snapshot
     * @see #evaluateFlags(String, FlagOptions)
     */
    public FlagEvaluations evaluateFlags(String distinctId) {
        return evaluateFlags(distinctId, FlagOptions.DEFAULTS);
    }

    /**
     * The decrypted payload of a remote-config flag, read with the personal API key (works
     * with local evaluation off). Double-encoded JSON is unwrapped.
     *
     * @param flagKey the flag key
     * @return the payload, or null when it could not be fetched (reported to the error listener)
     * @throws IllegalStateException when no personal API key is configured (as posthog-node throws)
     */
    public Object getRemoteConfigPayload(String flagKey) {
        return flags.remoteConfigPayload(flagKey);
    }

    /**
     * Downloads the flag definitions now, on this thread, ignoring their age and any backoff
     * (bounded by {@link PostHogOptions#requestTimeout()}). With {@link
     * dev.edgehog.flags.DefinitionsRefresh#MANUAL} this is the only refresh: call it at the
     * start of an invocation. A no-op without local evaluation.
     */
    public void reloadFeatureFlags() {
        flags.reload();
    }

    /**
     * Downloads flag definitions if they are stale (older than {@code featureFlagsPollingInterval},
     * never loaded, or stale after {@link #afterRestore()}), on this thread and bounded by {@code
     * timeout}; does nothing when they are fresh, during a backoff after 401/403/429, or without
     * local evaluation. Unlike the automatic refresh it works under either refresh policy: it is
     * what the function adapters call at the start of each invocation. Never throws; when the
     * download fails the current definitions stay in use.
     *
     * @param timeout the longest the download may take
     * @return whether local evaluation is ready afterwards
     */
    public boolean refreshFeatureFlagsIfStale(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        return flags.refreshIfStale(timeout);
    }

    /** @return whether flag definitions with at least one flag are loaded (from PostHog or a snapshot) */
    public boolean isLocalEvaluationReady() {
        return flags.isReady();
    }

    /**
     * Makes local evaluation ready if it can within {@code timeout}: true at once when ready,
     * false at once when local evaluation is not configured, else one download on this thread
     * (there is no background loader to wait for).
     *
     * @param timeout the longest to wait (capped at the request timeout)
     * @return whether local evaluation is ready
     */
    public boolean waitForLocalEvaluationReady(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        return flags.waitUntilReady(timeout);
    }

    /**
     * Test overrides that win over every evaluation, without events or requests (posthog-node's
     * {@code overrideFeatureFlags}). Replaces earlier flag overrides; payload overrides stay.
     *
     * @param overrides flag key to {@code Boolean}, variant {@code String} or {@link FlagValue};
     *     a null value means "the flag does not exist" (unknown); null clears all flag overrides
     * @throws IllegalArgumentException for a value of another type
     */
    public void overrideFeatureFlags(Map<String, ?> overrides) {
        flags.overrideFlags(overrides);
    }

    /**
     * Every listed flag overridden to on.
     *
     * @param keys the flags
     */
    public void overrideFeatureFlags(java.util.Collection<String> keys) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String k : keys) {
            m.put(k, Boolean.TRUE);
        }
        flags.overrideFlags(m);
    }

    /**
     * Payload overrides, which win for payload lookups and replace the payload of results.
     * Replaces earlier payload overrides.
     *
     * @param payloads flag key to payload; null clears them
     */
    public void overrideFeatureFlagPayloads(Map<String, ?> payloads) {
        flags.overridePayloads(payloads);
    }

    /** Removes every flag and payload override. */
    public void clearFeatureFlagOverrides() {
        flags.overrideFlags(null);
        flags.overridePayloads(null);
    }

    // ---------------------------------------------------------------- lifecycle

    /**
     * Sends everything queued, within the default deadline ({@link PostHogOptions#flushTimeout()}).
     *
     * @return what happened; never throws for network or server faults
     */
    public DeliveryResult flush() {
        return flush(options.flushTimeout());
    }

    /**
     * Sends everything queued when called, in batches, retrying within the deadline. Events
     * that could not be delivered yet stay queued ({@link DeliveryResult#pending()}).
     *
     * After {@link #close()} it does nothing, like every other call.
     *
     * @param timeout the deadline for the whole flush, retries included (a function adapter
     *     passes the invocation's remaining time)
     * @return what happened; never throws for network or server faults
     */
    public DeliveryResult flush(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (options.isDisabled() || closed.get()) {
            return DeliveryResult.EMPTY;
        }
        return delivery.flush(timeout);
    }

    /**
     * Flushes, then turns the client into a no-op and restores any uncaught-exception handler
     * it replaced. Calling it again returns an empty result.
     *
     * @param timeout the deadline for the final flush
     * @return what the final flush did
     */
    public DeliveryResult shutdown(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (!closed.compareAndSet(false, true)) {
            return DeliveryResult.EMPTY;
        }
        if (autocapture != null) {
            autocapture.uninstall();
        }
        if (options.isDisabled()) {
            return DeliveryResult.EMPTY;
        }
        DeliveryResult r = delivery.flush(timeout);
        flags.clearSentEvents();
        if (r.pending() > 0 || r.failed() > 0) {
            Loggers.MAIN.log(Level.WARNING, "shutdown: " + (r.pending() + r.failed())
                    + " events could not be delivered and are lost: " + r);
        }
        return r;
    }

    /** {@link #shutdown(Duration)} with the default flush timeout. */
    @Override
    public void close() {
        shutdown(options.flushTimeout());
    }

    /**
     * Drops pooled HTTP connections, re-seeds the event-id generator and marks flag definitions
     * stale. For runtimes that snapshot and restore a process (AWS Lambda SnapStart, CRaC): call
     * it after a restore, so restored copies neither reuse dead sockets nor generate the same
     * event ids, and refresh definitions as old as the snapshot at their next chance.
     */
    public void afterRestore() {
        transport.resetConnections();
        uuids.reseed();
        flags.markStale();
    }

    /** @return a snapshot of the client's counters */
    public ClientStats stats() {
        return counters.snapshot(delivery.queued());
    }

    /** @return the options the client was built with */
    public PostHogOptions options() {
        return options;
    }

    /** @return whether the client sends nothing (disabled, or closed) */
    public boolean isDisabled() {
        return options.isDisabled() || closed.get();
    }

    @Override
    public String toString() {
        return "PostHog[" + Secrets.redact(options.projectApiKey()) + " -> " + options.host() + ", " + options.sendMode()
                + (isDisabled() ? ", disabled" : "") + ", queued " + delivery.queued() + "]";
    }

    // ---------------------------------------------------------------- internals

    /** How a prepared event leaves: as the send mode says, now, or through the queue. */
    private enum Dispatch {
        BY_MODE,
        NOW,
        /** Always queued: {@code $feature_flag_called}, so a flag call itself makes no request (as in posthog-node). */
        QUEUE
    }

    private DeliveryResult submit(Event event, String call, boolean immediate, boolean allowPersonless) {
        return submit(event, call, immediate ? Dispatch.NOW : Dispatch.BY_MODE, allowPersonless);
    }

    private DeliveryResult submit(Event event, String call, Dispatch dispatch, boolean allowPersonless) {
        if (event == null) {
            return invalid(call, "event", null);
        }
        if (options.isDisabled() || closed.get()) {
            counters.droppedClosed();
            if (closed.get() && warnedClosed.compareAndSet(false, true)) {
                reporter.report(new PostHogException(ErrorKind.CLIENT_CLOSED,
                        call + " after close(): the client is closed and drops every call", null));
            }
            return new DeliveryResult(0, 0, 1, 0, 0, false, List.of());
        }
        EventPreparer.Outcome o = preparer.prepare(event, call, allowPersonless);
        if (o.event() == null) {
            return new DeliveryResult(0, 0, 1, 0, 0, false, o.problem() == null ? List.of() : List.of(o.problem()));
        }
        if (dispatch == Dispatch.NOW || dispatch == Dispatch.BY_MODE && options.sendMode() == SendMode.IMMEDIATE) {
            return delivery.sendNow(o.event(), options.flushTimeout());
        }
        delivery.enqueue(o.event());
        return DeliveryResult.EMPTY;
    }

    private static DeliveryResult dropped() {
        return new DeliveryResult(0, 0, 1, 0, 0, false, List.of());
    }

    private static Event identifyEvent(Identify identify) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("$set", identify.set());
        props.put("$set_once", identify.setOnce());
        if (identify.anonDistinctId() != null) {
            props.put("$anon_distinct_id", identify.anonDistinctId());
        }
        return Event.builder("$identify").distinctId(identify.distinctId()).properties(props)
                .disableGeoip(identify.disableGeoip()).build();
    }

    @SuppressWarnings("unchecked")
    private static Identify identifyFromProperties(String distinctId, Map<String, ?> properties) {
        Identify.Builder b = Identify.builder(distinctId);
        if (properties == null) {
            return b.build();
        }
        Object set = properties.get("$set");
        Object setOnce = properties.get("$set_once");
        Object anon = properties.get("$anon_distinct_id");
        if (set instanceof Map) {
            b.set((Map<String, ?>) set);
        } else {
            properties.forEach((k, v) -> {
                if (!k.equals("$set") && !k.equals("$set_once") && !k.equals("$anon_distinct_id")) {
                    b.set(k, v);
                }
            });
        }
        if (setOnce instanceof Map) {
            b.setOnce((Map<String, ?>) setOnce);
        }
        if (anon != null) {
            b.anonDistinctId(String.valueOf(anon));
        }
        return b.build();
    }

    private Event aliasEvent(String distinctId, String alias, String call) {
        if (alias == null || alias.isBlank()) {
            invalid(call, "alias", alias);
            return null;
        }
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("distinct_id", distinctId);
        props.put("alias", alias);
        return Event.builder("$create_alias").distinctId(distinctId).properties(props).build();
    }

    private Event groupEvent(GroupIdentify g, String call) {
        if (g == null) {
            invalid(call, "group identify", null);
            return null;
        }
        if (g.groupType() == null || g.groupType().isBlank()) {
            invalid(call, "group type", g.groupType());
            return null;
        }
        if (g.groupKey() == null || g.groupKey().isBlank()) {
            invalid(call, "group key", g.groupKey());
            return null;
        }
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("$group_type", g.groupType());
        props.put("$group_key", g.groupKey());
        props.put("$group_set", g.properties());
        String distinctId = g.distinctId() != null && !g.distinctId().isBlank() ? g.distinctId()
                : "$" + g.groupType() + "_" + g.groupKey();
        return Event.builder("$groupidentify").distinctId(distinctId).properties(props)
                .disableGeoip(g.disableGeoip()).build();
    }

    private Event exceptionEvent(Throwable error, String distinctId, Map<String, ?> properties, boolean handled,
            String call) {
        if (error == null) {
            invalid(call, "exception", null);
            return null;
        }
        Map<String, Object> props = ExceptionProperties.of(error, handled, handled ? "generic" : "onuncaughtexception");
        if (properties != null) {
            props.putAll(properties);
        }
        return Event.builder("$exception").distinctId(distinctId).properties(props).build();
    }

    private void captureUncaught(Thread thread, Throwable error) {
        Event e = exceptionEvent(error, null, Map.of("$exception_thread", thread.getName()), false, "autocapture");
        if (e != null) {
            submit(e, "autocapture", true, true);
        }
    }

    /**
     * Whether a caller's map has a null key. The message builders reject null keys (JSON has
     * none), so the map-taking convenience methods check first and drop the call as invalid
     * instead of letting a NullPointerException reach the caller. Iterating the keys works for
     * every map; {@code containsKey(null)} throws for {@code Map.of} and {@code TreeMap}.
     */
    private static boolean hasNullKey(Map<?, ?> properties) {
        if (properties != null) {
            for (Object key : properties.keySet()) {
                if (key == null) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@link #hasNullKey}, also for the {@code $set} and {@code $set_once} maps inside. */
    private static boolean hasNullPersonKey(Map<String, ?> properties) {
        if (properties == null) {
            return false;
        }
        Object set = properties.get("$set");
        Object setOnce = properties.get("$set_once");
        return hasNullKey(properties) || (set instanceof Map && hasNullKey((Map<?, ?>) set))
                || (setOnce instanceof Map && hasNullKey((Map<?, ?>) setOnce));
    }

    /** Drops a call with an invalid argument found here, through the preparer's one path for them. */
    private DeliveryResult invalid(String call, String what, String value) {
        if (options.isDisabled() || closed.get()) {
            counters.droppedClosed();
            return dropped();
        }
        EventPreparer.Outcome o = preparer.reportInvalid(call, what, value);
        return new DeliveryResult(0, 0, 1, 0, 0, false, List.of(o.problem()));
    }
}
