// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.flagclient;

import com.dslplatform.json.JsonWriter;
import dev.edgehog.ErrorKind;
import dev.edgehog.PostHogException;
import dev.edgehog.PostHogOptions;
import dev.edgehog.flags.FlagContext;
import dev.edgehog.internal.LibraryInfo;
import dev.edgehog.internal.Loggers;
import dev.edgehog.internal.capture.ErrorReporter;
import dev.edgehog.internal.flags.FlagMetadata;
import dev.edgehog.internal.json.Codecs;
import dev.edgehog.internal.json.PropertyWriter;
import dev.edgehog.spi.Transport;
import dev.edgehog.spi.TransportRequest;
import dev.edgehog.spi.TransportResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Remote flag evaluation, {@code POST /flags/?v=2} (protocol.md §5), and the remote-config
 * payload endpoint (§7). Builds posthog-node's exact request body, applies its timeout and
 * retry rules, and reads both the v2 and the legacy v1 response. Never throws: a failure is
 * reported to the error listener and returned as {@code null}.
 */
final class RemoteFlags {
    private final PostHogOptions options;
    private final Transport transport;
    private final ErrorReporter reporter;
    private final URI flagsUri;

    /**
     * One flag as PostHog decided it.
     *
     * @param key the flag key
     * @param enabled whether it is on
     * @param variant the variant, or null
     * @param payload the decoded payload, or null
     * @param id {@code metadata.id}, or null
     * @param version {@code metadata.version}, or null
     * @param reason {@code reason.description}, else {@code reason.code}, or null
     * @param conditionIndex {@code reason.condition_index}, or -1
     * @param hasExperiment {@code metadata.has_experiment} when present, else null
     */
    record RemoteFlag(String key, boolean enabled, String variant, Object payload, Object id, Object version,
            String reason, int conditionIndex, Object hasExperiment) {}

    /**
     * A successful {@code /flags} response.
     *
     * @param flags the flags by key (empty when quota-limited)
     * @param requestId {@code requestId}, or null
     * @param evaluatedAt {@code evaluatedAt} (epoch ms), or null
     * @param errorsWhileComputing {@code errorsWhileComputingFlags}
     * @param quotaLimited whether {@code quotaLimited} names {@code feature_flags}
     * @param minimalEvents {@code minimalFlagCalledEvents === true}
     */
    record Response(Map<String, RemoteFlag> flags, String requestId, Object evaluatedAt, boolean errorsWhileComputing,
            boolean quotaLimited, boolean minimalEvents) {}

    RemoteFlags(PostHogOptions options, Transport transport, ErrorReporter reporter) {
        this.options = options;
        this.transport = transport;
        this.reporter = reporter;
        this.flagsUri = URI.create(options.host() + "/flags/?v=2");
    }

    /**
     * The request body, field for field as posthog-node 5.70.0 sends it.
     *
     * @param ctx the subject
     * @param flagKeys {@code flag_keys_to_evaluate}, or null to leave it out
     * @param disableGeoip the call's choice, or null for the client option
     * @return the body
     */
    Map<String, Object> body(FlagContext ctx, Collection<String> flagKeys, Boolean disableGeoip) {
        return body(ctx, flagKeys, disableGeoip, null);
    }

    /**
     * @param rawGroupProperties when not null, sent as {@code group_properties} exactly as given
     *     (the legacy {@code sendFeatureFlags} path, flags.md §15.2); when null, built from the
     *     context with {@code $group_key} defaults
     */
    private Map<String, Object> body(FlagContext ctx, Collection<String> flagKeys, Boolean disableGeoip,
            Map<String, Map<String, Object>> rawGroupProperties) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token", options.projectApiKey());
        body.put("distinct_id", ctx.distinctId());
        body.put("groups", ctx.groups());
        body.put("person_properties", ctx.personProperties());
        Map<String, Object> groupProps = new LinkedHashMap<>();
        if (rawGroupProperties != null) {
            groupProps.putAll(rawGroupProperties);
        } else {
            ctx.groups().forEach((type, key) -> {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("$group_key", key);
                Map<String, Object> given = ctx.groupProperties().get(type);
                if (given != null) {
                    p.putAll(given);
                }
                groupProps.put(type, p);
            });
        }
        body.put("group_properties", groupProps);
        body.put("geoip_disable", disableGeoip != null ? disableGeoip : options.isDisableGeoip());
        if (flagKeys != null) {
            body.put("flag_keys_to_evaluate", List.copyOf(flagKeys));
        }
        Object deviceId = ctx.personProperties().get("$device_id");
        if (deviceId instanceof String s && !s.isEmpty()) {
            body.put("$device_id", s);
        }
        if (!options.evaluationContexts().isEmpty()) {
            body.put("evaluation_contexts", options.evaluationContexts());
        }
        // posthog-node 5.70.0 adds this last; protocol.md §5.1 does not list it.
        body.put("evaluation_runtime", "server");
        return body;
    }

    /**
     * Calls {@code /flags}.
     *
     * @param ctx the subject
     * @param flagKeys the keys to evaluate, or null for all
     * @param disableGeoip the call's choice, or null
     * @return the response, or null when the request failed (already reported)
     */
    Response evaluate(FlagContext ctx, Collection<String> flagKeys, Boolean disableGeoip) {
        return send(encode(body(ctx, flagKeys, disableGeoip, null)));
    }

    /**
     * Calls {@code /flags} for the legacy {@code sendFeatureFlags} path: the caller's group
     * properties as given, no {@code flag_keys_to_evaluate}.
     *
     * @param ctx the subject (its group properties are ignored)
     * @param groupProperties the group properties to send as they are
     * @param disableGeoip the call's choice, or null
     * @return the response, or null when the request failed (already reported)
     */
    Response evaluateForEvent(FlagContext ctx, Map<String, Map<String, Object>> groupProperties, Boolean disableGeoip) {
        return send(encode(body(ctx, null, disableGeoip, groupProperties)));
    }

    private Response send(byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("User-Agent", LibraryInfo.USER_AGENT);
        headers.put("Content-Type", "application/json");
        TransportRequest request = new TransportRequest("POST", flagsUri, headers, body, options.featureFlagsRequestTimeout());
        int attempts = options.featureFlagsRequestMaxRetries() + 1;
        String failure = null;
        int failedStatus = 0;
        Throwable cause = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (attempt > 1 && !pause(options.retryDelay())) {
                break;
            }
            try {
                TransportResponse r = transport.send(request);
                if (r.status() >= 200 && r.status() < 400) {
                    Response parsed = parse(r.body());
                    if (parsed != null) {
                        return parsed;
                    }
                    failure = "the response is not a valid /flags response";
                    failedStatus = r.status();
                    break;
                }
                failure = "HTTP " + r.status();
                failedStatus = r.status();
                if (r.status() != 502 && r.status() != 504) {
                    break;
                }
            } catch (ConnectException e) {
                failure = "connection refused";
                cause = e;
                break;
            } catch (HttpTimeoutException e) {
                failure = "timed out after " + options.featureFlagsRequestTimeout().toMillis() + " ms";
                cause = e;
            } catch (IOException e) {
                failure = "network error";
                cause = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = "interrupted";
                break;
            }
        }
        reporter.report(new PostHogException(ErrorKind.FLAG_REQUEST_FAILED, "/flags request failed (" + failure
                + "); the flags it was asked for are unknown", cause, failedStatus, 0));
        return null;
    }

    private static boolean pause(Duration d) {
        if (d.isZero()) {
            return true;
        }
        try {
            Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static byte[] encode(Map<String, Object> body) {
        JsonWriter w = Codecs.newWriter();
        new PropertyWriter().writeMap(w, body);
        return w.toByteArray();
    }

    @SuppressWarnings("unchecked")
    static Response parse(byte[] bytes) {
        Map<String, Object> root;
        try {
            root = Codecs.decodeObject(bytes);
        } catch (RuntimeException e) {
            return null;
        }
        if (root == null) {
            return null;
        }
        boolean errors = Boolean.TRUE.equals(root.get("errorsWhileComputingFlags"));
        String requestId = root.get("requestId") instanceof String s ? s : null;
        boolean quota = root.get("quotaLimited") instanceof List<?> q && q.contains("feature_flags");
        if (quota) {
            Loggers.FLAGS.log(Level.WARNING, "[FEATURE FLAGS] Feature flags quota limit exceeded - feature flags "
                    + "unavailable. Learn more about billing limits at https://posthog.com/docs/billing/limits-alerts");
            return new Response(Map.of(), requestId, null, false, true, false);
        }
        if (errors) {
            Loggers.FLAGS.log(Level.WARNING, "[FEATURE FLAGS] Error while computing feature flags, some flags may be "
                    + "missing or incorrect. Learn more at https://posthog.com/docs/feature-flags/best-practices");
        }
        Map<String, RemoteFlag> flags = new LinkedHashMap<>();
        if (root.containsKey("flags") && !(root.get("flags") instanceof Map)) {
            // posthog-node treats a non-object "flags" as a failed request.
            return null;
        }
        if (root.get("flags") instanceof Map<?, ?> v2) {
            for (Map.Entry<?, ?> e : v2.entrySet()) {
                if (!(e.getValue() instanceof Map<?, ?> f)) {
                    continue;
                }
                String key = String.valueOf(e.getKey());
                Map<String, Object> meta = f.get("metadata") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
                Map<String, Object> reason = f.get("reason") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
                // Node: reason?.description ?? reason?.code (an empty description is kept).
                String why = reason.get("description") instanceof String d ? d
                        : reason.get("code") instanceof String c ? c : null;
                int index = reason.get("condition_index") instanceof Number n ? n.intValue() : -1;
                String variant = f.get("variant") instanceof String v && !v.isEmpty() ? v : null;
                Object payload = meta.get("payload") instanceof String p ? FlagMetadata.parsePayload(p) : meta.get("payload");
                flags.put(key, new RemoteFlag(key, Boolean.TRUE.equals(f.get("enabled")), variant, payload,
                        meta.get("id"), meta.get("version"), why, Math.max(-1, index),
                        meta.containsKey("has_experiment") ? meta.get("has_experiment") : null));
            }
        } else {
            // Legacy v1 shape (or no flags at all, which node reads as an empty v1 answer).
            Map<?, ?> v1 = root.get("featureFlags") instanceof Map<?, ?> m ? m : Map.of();
            Map<?, ?> payloads = root.get("featureFlagPayloads") instanceof Map<?, ?> p ? p : Map.of();
            for (Map.Entry<?, ?> e : v1.entrySet()) {
                String key = String.valueOf(e.getKey());
                Object v = e.getValue();
                boolean enabled = v instanceof String || Boolean.TRUE.equals(v);
                String variant = v instanceof String s && !s.isEmpty() ? s : null;
                Object raw = payloads.get(key);
                Object payload = raw instanceof String p ? FlagMetadata.parsePayload(p) : raw;
                flags.put(key, new RemoteFlag(key, enabled, variant, payload, null, null, null, -1, null));
            }
        }
        return new Response(Collections.unmodifiableMap(flags), requestId, root.get("evaluatedAt"), errors, false,
                Boolean.TRUE.equals(root.get("minimalFlagCalledEvents")));
    }

    /**
     * Calls the remote-config endpoint (protocol.md §7) and unwraps the double-encoded payload.
     *
     * @param flagKey the flag key
     * @return the payload, or null on failure (reported)
     */
    Object remoteConfigPayload(String flagKey) {
        URI uri = URI.create(options.host() + "/api/projects/@current/feature_flags/"
                + URLEncoder.encode(flagKey, StandardCharsets.UTF_8).replace("+", "%20")
                + "/remote_config?token=" + URLEncoder.encode(options.projectApiKey(), StandardCharsets.UTF_8));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("User-Agent", LibraryInfo.USER_AGENT);
        headers.put("Content-Type", "application/json");
        headers.put("Authorization", "Bearer " + options.personalApiKey());
        TransportResponse r;
        try {
            r = transport.send(new TransportRequest("GET", uri, headers, null, options.requestTimeout()));
        } catch (IOException e) {
            reporter.report(new PostHogException(ErrorKind.FLAG_REQUEST_FAILED, "remote config request for flag '"
                    + flagKey + "' failed (network error)", e, 0, 0));
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        Object value;
        try {
            value = FlagMetadata.parseJson(new String(r.body(), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            reporter.report(new PostHogException(ErrorKind.FLAG_REQUEST_FAILED, "remote config response for flag '"
                    + flagKey + "' is not JSON (HTTP " + r.status() + ")", null, r.status(), 0));
            return null;
        }
        // The payload arrives double-encoded: a JSON string holding JSON.
        return value instanceof String s ? FlagMetadata.parsePayload(s) : value;
    }
}
