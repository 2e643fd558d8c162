// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.capture;

import com.dslplatform.json.JsonWriter;
import dev.edgehog.BeforeSend;
import dev.edgehog.ErrorKind;
import dev.edgehog.Event;
import dev.edgehog.PostHogException;
import dev.edgehog.PostHogOptions;
import dev.edgehog.internal.LibraryInfo;
import dev.edgehog.internal.Loggers;
import dev.edgehog.internal.json.Codecs;
import dev.edgehog.internal.json.OverlaidProperties;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a caller's {@link Event} into a {@link PreparedEvent}, in posthog-node's order
 * (protocol.md §4.2): validate, assign uuid and timestamp, run the {@link BeforeSend} hooks,
 * add {@code $groups}, the library properties and {@code $geoip_disable}, blank out LLM
 * content in privacy mode, then encode and check the size. Every event type (capture,
 * identify, alias, group identify, exception) goes through this one path.
 *
 * <p>Never throws for bad input (except in strict mode): a dropped event is counted, logged
 * and reported, and {@code prepare} returns null.
 */
public final class EventPreparer {
    /** The LLM-observability properties PostHog's AI wrappers blank out in privacy mode. */
    static final Set<String> AI_CONTENT_PROPERTIES =
            Set.of("$ai_input", "$ai_output_choices", "$ai_input_state", "$ai_output_state");

    /** Per-thread encoding state, reused for every event the thread prepares. */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private final PostHogOptions options;
    private final List<BeforeSend> hooks;
    private final Clock clock;
    private final UuidV7 uuids;
    private final Counters counters;
    private final ErrorReporter reporter;

    /**
     * @param options the client options
     * @param uuids the uuid generator
     * @param counters the counters
     * @param reporter where problems go
     */
    public EventPreparer(PostHogOptions options, UuidV7 uuids, Counters counters, ErrorReporter reporter) {
        this.options = options;
        this.hooks = options.beforeSend();
        this.clock = options.clock();
        this.uuids = uuids;
        this.counters = counters;
        this.reporter = reporter;
    }

    /**
     * The outcome of preparing one event: either the event, or the reason it was dropped.
     *
     * @param event the prepared event, or null when dropped
     * @param problem why it was dropped, or null (also null when a hook dropped it on purpose)
     */
    public record Outcome(PreparedEvent event, PostHogException problem) {}

    /**
     * Prepares an event.
     *
     * @param event the caller's event
     * @param call the public method, for messages ("capture", "identify", ...)
     * @param allowPersonless when true, a missing distinct id makes a personless event (as
     *     posthog-node does for exceptions) instead of dropping the call
     * @return the outcome
     * @throws IllegalArgumentException in strict mode, for invalid arguments
     */
    public Outcome prepare(Event event, String call, boolean allowPersonless) {
        String name = event.name();
        if (name == null || name.isBlank()) {
            return reportInvalid(call, "event name", name);
        }
        // Generated times carry milliseconds, as posthog-node's Date does; only a caller's own
        // timestamp keeps finer digits.
        long nowMillis = clock.millis();
        Event e = event;
        if (isBlank(e.distinctId())) {
            if (!allowPersonless) {
                return reportInvalid(call, "distinct id", e.distinctId());
            }
            // posthog-node: a generated id, and no person profile for it.
            e = e.toBuilder().distinctId(uuids.next(nowMillis).toString())
                    .property("$process_person_profile", false).build();
        }
        if (!hooks.isEmpty()) {
            // Hooks see the event as it will be sent, uuid and timestamp included. Without hooks
            // nothing needs the rebuilt event, so the common path skips copying it.
            if (!UuidV7.isValid(e.uuid()) || e.timestamp() == null) {
                Event.Builder b = e.toBuilder();
                if (!UuidV7.isValid(e.uuid())) {
                    b.uuid(uuids.next(nowMillis));
                }
                if (e.timestamp() == null) {
                    b.timestamp(Instant.ofEpochMilli(nowMillis));
                }
                e = b.build();
            }
            for (BeforeSend hook : hooks) {
                Event before = e;
                try {
                    e = hook.apply(e);
                } catch (RuntimeException ex) {
                    counters.droppedHookFailure.increment();
                    PostHogException p = new PostHogException(ErrorKind.BEFORE_SEND_FAILED,
                            "beforeSend hook " + hook.getClass().getName() + " threw on event '" + before.name()
                                    + "'; the event was dropped", ex);
                    reporter.report(p);
                    return new Outcome(null, p);
                }
                if (e == null) {
                    counters.droppedByHook.increment();
                    Loggers.CAPTURE.log(Level.DEBUG, () -> "beforeSend dropped event '" + before.name() + "'");
                    return new Outcome(null, null);
                }
            }
            if (e != event && (isBlank(e.name()) || isBlank(e.distinctId()))) {
                return reportInvalid("beforeSend", isBlank(e.name()) ? "event name" : "distinct id",
                        isBlank(e.name()) ? e.name() : e.distinctId());
            }
        }
        String uuid = UuidV7.isValid(e.uuid()) ? e.uuid() : uuids.next(nowMillis).toString();

        // The caller's map is immutable (Event copies it), so it can be overlaid instead of copied.
        Scratch scratch = SCRATCH.get();
        OverlaidProperties props = scratch.properties.reset(e.properties());
        byte[] json;
        try {
            if (!e.groups().isEmpty()) {
                props.put("$groups", e.groups());
            }
            props.put("$lib", LibraryInfo.NAME);
            props.put("$lib_version", LibraryInfo.VERSION);
            props.put("$is_server", Boolean.TRUE);
            boolean noGeoip = e.disableGeoip() != null ? e.disableGeoip() : options.isDisableGeoip();
            if (noGeoip) {
                props.put("$geoip_disable", Boolean.TRUE);
            }
            if (options.isPrivacyMode()) {
                for (String key : AI_CONTENT_PROPERTIES) {
                    if (props.containsKey(key)) {
                        props.put(key, null);
                    }
                }
            }
            Instant timestamp = e.timestamp() != null ? e.timestamp() : Instant.ofEpochMilli(nowMillis);
            json = Codecs.encodeEvent(scratch.writer, e.name(), e.distinctId(), props, timestamp, uuid);
        } catch (RuntimeException ex) {
            // A caller's value can fail while it is written: a toString() that throws, a list
            // another thread is modifying (ConcurrentModificationException). Telemetry must not
            // break the caller, so the event is dropped like any other invalid argument.
            return reportUnencodable(call, e.name(), ex);
        } finally {
            props.reset(Map.of()); // keep no caller data between events
        }
        if (json.length > options.maxEventBytes()) {
            counters.droppedTooLarge.increment();
            PostHogException p = new PostHogException(ErrorKind.EVENT_TOO_LARGE,
                    call + ": event '" + e.name() + "' is " + json.length + " bytes encoded, over the "
                            + options.maxEventBytes() + "-byte limit (maxEventBytes); it was dropped. "
                            + "Send large content elsewhere and reference it from the event.", null);
            reporter.report(p);
            return new Outcome(null, p);
        }
        counters.accepted.increment();
        return new Outcome(new PreparedEvent(uuid, e.name(), json), null);
    }

    /**
     * Drops a call for an invalid argument: counts it, logs a WARNING (once per cause) saying
     * what to fix, and reports it; in strict mode throws instead.
     *
     * @param call the public method
     * @param what the argument, e.g. "distinct id"
     * @param value its value (null or blank)
     * @return the outcome, holding the problem
     * @throws IllegalArgumentException in strict mode
     */
    public Outcome reportInvalid(String call, String what, String value) {
        String message = call + ": " + what + " is " + (value == null ? "null" : "blank")
                + "; the call was dropped. Pass a non-blank " + what + ".";
        if (options.isStrict()) {
            throw new IllegalArgumentException(message);
        }
        counters.droppedInvalid.increment();
        PostHogException p = new PostHogException(ErrorKind.INVALID_ARGUMENT, message, null);
        reporter.reportOnce(call + "/" + what, p);
        return new Outcome(null, p);
    }

    private Outcome reportUnencodable(String call, String name, RuntimeException cause) {
        String message = call + ": a property value of event '" + name + "' could not be written as JSON ("
                + cause + "); the event was dropped. Pass plain values (strings, numbers, maps, lists) "
                + "that no other thread modifies.";
        if (options.isStrict()) {
            throw new IllegalArgumentException(message, cause);
        }
        counters.droppedInvalid.increment();
        PostHogException p = new PostHogException(ErrorKind.INVALID_ARGUMENT, message, cause);
        reporter.reportOnce(call + "/unencodable property", p);
        return new Outcome(null, p);
    }

    /** What a thread reuses from one event to the next: the JSON buffer and the property overlay. */
    private static final class Scratch {
        final JsonWriter writer = Codecs.newWriter();
        final OverlaidProperties properties = new OverlaidProperties(Map.of());
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
