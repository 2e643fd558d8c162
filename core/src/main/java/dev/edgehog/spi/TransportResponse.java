// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.spi;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The response to a {@link TransportRequest}.
 *
 * @param status the HTTP status code
 * @param headers response headers; lookups through {@link #header(String)} ignore case
 * @param body the response body (empty when there was none or it was not read)
 * @since 0.1.0
 */
public record TransportResponse(int status, Map<String, List<String>> headers, byte[] body) {

    /** Validates and copies the arguments. */
    public TransportResponse {
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((k, v) -> {
                if (k != null && v != null) {
                    copy.put(k, List.copyOf(v));
                }
            });
        }
        headers = Collections.unmodifiableMap(copy);
        body = body == null ? new byte[0] : body;
    }

    /**
     * A response with a status and no headers or body.
     *
     * @param status the HTTP status code
     * @return the response
     */
    public static TransportResponse of(int status) {
        return new TransportResponse(status, Map.of(), new byte[0]);
    }

    /**
     * Returns the first value of a header, ignoring the case of its name.
     *
     * @param name the header name
     * @return the first value, or null when absent
     */
    public String header(String name) {
        List<String> values = headers.get(Objects.requireNonNull(name, "name"));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    @Override
    public String toString() {
        return "TransportResponse[" + status + ", " + body.length + " bytes]";
    }
}
