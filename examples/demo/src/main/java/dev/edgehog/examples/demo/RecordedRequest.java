// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.examples.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One {@code POST /batch/} request as the {@link PostHogStandIn} received it.
 *
 * @param phase the label the stand-in carried when the request arrived (see
 *     {@link PostHogStandIn#phase(String)}), e.g. {@code "immediate"}
 * @param userAgent the {@code User-Agent} header, or null
 * @param contentEncoding the {@code Content-Encoding} header, or null when the body was sent as is
 * @param wireBytes the body size as sent (compressed when gzip was used)
 * @param jsonBytes the body size as JSON, after gunzipping
 * @param apiKey the {@code api_key} field of the body
 * @param sentAt the {@code sent_at} field of the body, or null
 * @param events the {@code batch} field: each event decoded into maps, lists, strings, numbers
 *     ({@code Long} or {@code BigDecimal}), booleans and nulls, in wire order
 */
public record RecordedRequest(
        String phase, String userAgent, String contentEncoding, int wireBytes, int jsonBytes,
        String apiKey, String sentAt, List<Map<String, Object>> events) {

    /** Copies the event list. */
    public RecordedRequest {
        events = List.copyOf(events);
    }

    /** @return the {@code event} field of each event, in wire order */
    public List<String> eventNames() {
        List<String> names = new ArrayList<>(events.size());
        for (Map<String, Object> e : events) {
            names.add(String.valueOf(e.get("event")));
        }
        return names;
    }

    @Override
    public String toString() {
        // Leaves the API key out, as everything in Edgehog does.
        return "RecordedRequest[" + phase + ", " + events.size() + " events " + eventNames() + ", " + wireBytes
                + " bytes on the wire, " + jsonBytes + " bytes of JSON]";
    }
}
