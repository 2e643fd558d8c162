// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.spi;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP request the client wants sent.
 *
 * @param method the HTTP method, {@code GET} or {@code POST}
 * @param uri the absolute request URI
 * @param headers request headers (unmodifiable, in the order they should be sent); the
 *     {@code Authorization} header, when present, carries a secret: never log it
 * @param body the request body, already compressed when {@code Content-Encoding} says so;
 *     empty for requests without a body
 * @param timeout how long the whole exchange may take, connection set-up and body included
 * @since 0.1.0
 */
public record TransportRequest(String method, URI uri, Map<String, String> headers, byte[] body, Duration timeout) {

    /** Validates and copies the arguments. */
    public TransportRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(timeout, "timeout");
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(headers, "headers")));
        body = body == null ? new byte[0] : body;
    }

    /**
     * Returns a header value by case-insensitive name.
     *
     * @param name the header name
     * @return the value, or null when the header is absent
     */
    public String header(String name) {
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** Describes the request without its headers or body, which may hold secrets. */
    @Override
    public String toString() {
        return "TransportRequest[" + method + " " + uri.getPath() + ", " + body.length + " bytes, timeout " + timeout + "]";
    }
}
