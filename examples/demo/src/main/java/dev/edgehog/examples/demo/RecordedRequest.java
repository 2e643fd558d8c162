// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.examples.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One request as the {@link PostHogStandIn} received it: a batch of events ({@code POST
 * /batch/}), a definitions download ({@code GET /flags/definitions}) or a remote flag
 * evaluation ({@code POST /flags/?v=2}).
 *
 * @param phase the label the stand-in carried when the request arrived (see
 *     {@link PostHogStandIn#phase(String)}), e.g. {@code "immediate"}
 * @param endpoint which endpoint: {@link PostHogStandIn#BATCH}, {@link PostHogStandIn#DEFINITIONS}
 *     or {@link PostHogStandIn#FLAGS}
 * @param status the HTTP status the stand-in answered with
 * @param headers the request headers, names in lower case (the first value of each)
 * @param wireBytes the body size as sent (compressed when gzip was used); 0 without a body
 * @param jsonBytes the body size as JSON, after gunzipping; 0 without a body
 * @param apiKey the project key: the body's {@code api_key} (batch) or {@code token} (flags), or
 *     the {@code token} query parameter (definitions)
 * @param body the body decoded into maps, lists, strings, numbers ({@code Long} or {@code
 *     BigDecimal}), booleans and nulls, in wire order; empty without a body
 */
public record RecordedRequest(
        String phase, String endpoint, int status, Map<String, String> headers, int wireBytes, int jsonBytes,
        String apiKey, Map<String, Object> body) {

    /** Copies the headers; keeps the body as decoded (it is not shared). */
    public RecordedRequest {
        headers = Map.copyOf(headers);
    }

    /** @return whether this is a {@code POST /batch/} */
    public boolean isBatch() {
        return PostHogStandIn.BATCH.equals(endpoint);
    }

    /** @return the {@code batch} field: each event, in wire order; empty for other requests */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> events() {
        List<Map<String, Object>> events = new ArrayList<>();
        if (body.get("batch") instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> map) {
                    events.add((Map<String, Object>) map); // JSON object keys are always strings
                }
            }
        }
        return events;
    }

    /** @return the {@code event} field of each event, in wire order */
    public List<String> eventNames() {
        List<String> names = new ArrayList<>();
        for (Map<String, Object> e : events()) {
            names.add(String.valueOf(e.get("event")));
        }
        return names;
    }

    /** @return the batch's {@code sent_at}, or null */
    public String sentAt() {
        return body.get("sent_at") instanceof String s ? s : null;
    }

    /** @return the {@code /flags} request's {@code distinct_id}, or null */
    public String distinctId() {
        return body.get("distinct_id") instanceof String s ? s : null;
    }

    /**
     * @return the {@code /flags} request's {@code flag_keys_to_evaluate}, or null when it asked
     *     for every flag (or is another kind of request)
     */
    public List<String> flagKeysToEvaluate() {
        if (!(body.get("flag_keys_to_evaluate") instanceof List<?> keys)) {
            return null;
        }
        List<String> out = new ArrayList<>();
        keys.forEach(k -> out.add(String.valueOf(k)));
        return out;
    }

    /** @return the {@code User-Agent} header, or null */
    public String userAgent() {
        return headers.get("user-agent");
    }

    /** @return the {@code Content-Encoding} header, or null when the body was sent as is */
    public String contentEncoding() {
        return headers.get("content-encoding");
    }

    /** @return the {@code If-None-Match} header (the ETag the client already has), or null */
    public String ifNoneMatch() {
        return headers.get("if-none-match");
    }

    /** @return the bearer token of the {@code Authorization} header (the personal API key), or null */
    public String personalApiKey() {
        String auth = headers.get("authorization");
        return auth != null && auth.startsWith("Bearer ") ? auth.substring("Bearer ".length()) : null;
    }

    @Override
    public String toString() {
        // Leaves the API keys out, as everything in Edgehog does.
        return "RecordedRequest[" + phase + ", " + endpoint + " -> " + status + ", " + events().size() + " events "
                + eventNames() + ", " + wireBytes + " bytes on the wire, " + jsonBytes + " bytes of JSON]";
    }
}
