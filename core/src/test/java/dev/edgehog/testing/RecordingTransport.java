// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.testing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edgehog.spi.Transport;
import dev.edgehog.spi.TransportRequest;
import dev.edgehog.spi.TransportResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * A {@link Transport} that plays the PostHog server in memory: it records every request and
 * answers from a script (HTTP 200 once the script is used up). Bodies are gunzipped and parsed
 * with Jackson, never with the code under test.
 */
public final class RecordingTransport implements Transport {
    /** Parses with big decimals so number assertions see exactly what was written. */
    public static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

    /** One scripted answer: a status or an exception to throw. */
    private record Answer(int status, IOException error) {}

    private final List<TransportRequest> requests = new ArrayList<>();
    private final Deque<Answer> script = new ArrayDeque<>();

    @Override
    public synchronized TransportResponse send(TransportRequest request) throws IOException {
        requests.add(request);
        Answer a = script.poll();
        if (a != null && a.error() != null) {
            throw a.error();
        }
        return TransportResponse.of(a == null ? 200 : a.status());
    }

    /**
     * @param status answer the next request with this status
     * @param times how many requests
     * @return this
     */
    public synchronized RecordingTransport thenStatus(int status, int times) {
        for (int i = 0; i < times; i++) {
            script.add(new Answer(status, null));
        }
        return this;
    }

    /**
     * @param error throw this for the next request
     * @return this
     */
    public synchronized RecordingTransport thenThrow(IOException error) {
        script.add(new Answer(0, error));
        return this;
    }

    /** @return the requests received so far */
    public synchronized List<TransportRequest> requests() {
        return List.copyOf(requests);
    }

    /** @return the request bodies, gunzipped when needed, as text */
    public synchronized List<String> bodies() {
        List<String> out = new ArrayList<>();
        for (TransportRequest r : requests) {
            out.add(bodyText(r));
        }
        return out;
    }

    /** @return every event of every request, in order */
    public List<JsonNode> events() {
        List<JsonNode> out = new ArrayList<>();
        for (String body : bodies()) {
            parse(body).get("batch").forEach(out::add);
        }
        return out;
    }

    /** @return the one event sent; fails when there is not exactly one */
    public JsonNode onlyEvent() {
        List<JsonNode> events = events();
        if (events.size() != 1) {
            throw new AssertionError("expected exactly one event on the wire, got " + events.size() + ": " + events);
        }
        return events.get(0);
    }

    /** @return the properties of the one event sent */
    public JsonNode onlyProperties() {
        return onlyEvent().get("properties");
    }

    /**
     * @param request a request
     * @return its body as text, gunzipped when it says {@code Content-Encoding: gzip}
     */
    public static String bodyText(TransportRequest request) {
        byte[] body = request.body();
        if ("gzip".equals(request.header("Content-Encoding"))) {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                body = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * @param json JSON text
     * @return the Jackson tree
     */
    public static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + json, e);
        }
    }
}
