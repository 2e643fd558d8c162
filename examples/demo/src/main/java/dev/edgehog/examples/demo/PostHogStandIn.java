// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.examples.demo;

import com.dslplatform.json.DslJson;
import com.dslplatform.json.JsonReader;
import com.dslplatform.json.ObjectConverter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * An in-process stand-in for PostHog's event endpoint: an HTTP server on {@code 127.0.0.1} (a
 * free port) that accepts {@code POST /batch/}, gunzips and decodes the body, records it as a
 * {@link RecordedRequest} and answers like PostHog does ({@code 200 {"status":"Ok"}}).
 *
 * <p>It uses only the JDK's {@code com.sun.net.httpserver} and DSL-JSON's generic map decoder
 * (no reflection), so the demo needs nothing but edgehog-core. Requests are handled one at a
 * time on the server's own thread; {@link #requests()} may be read from any thread.
 *
 * <pre>{@code
 * try (PostHogStandIn standIn = PostHogStandIn.start()) {
 *     PostHog posthog = PostHog.builder("phc_demo").host(standIn.uri()).build();
 *     posthog.capture("user-1", "signed up");
 *     standIn.requests();   // one request holding one event
 * }
 * }</pre>
 */
public final class PostHogStandIn implements AutoCloseable {
    private static final String BATCH_PATH = "/batch/";

    private final HttpServer server;
    private final int status;
    private final DslJson<Object> json = new DslJson<>(new DslJson.Settings<>());
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private volatile String phase = "";

    private PostHogStandIn(HttpServer server, int status) {
        this.server = server;
        this.status = status;
    }

    /**
     * Starts a stand-in that accepts every batch.
     *
     * @return the running stand-in; close it when done
     * @throws IOException when no port could be bound on 127.0.0.1
     */
    public static PostHogStandIn start() throws IOException {
        return start(200);
    }

    /**
     * Starts a stand-in that records every batch and answers it with {@code status}, for showing
     * (and testing) what the client does when PostHog refuses events.
     *
     * @param status the HTTP status to answer with
     * @return the running stand-in; close it when done
     * @throws IOException when no port could be bound on 127.0.0.1
     */
    public static PostHogStandIn start(int status) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        PostHogStandIn standIn = new PostHogStandIn(server, status);
        server.createContext(BATCH_PATH, standIn::handle);
        server.start();
        return standIn;
    }

    /** @return the base URL to give the client as its host, e.g. {@code http://127.0.0.1:40123} */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /**
     * Labels the requests that arrive from now on, so a report can tell which part of a
     * scenario sent them.
     *
     * @param label the label, e.g. {@code "buffered"}
     */
    public void phase(String label) {
        this.phase = label;
    }

    /** @return the batches received so far, in arrival order (a snapshot) */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** Stops the server at once. */
    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            if (!"POST".equals(exchange.getRequestMethod()) || !BATCH_PATH.equals(exchange.getRequestURI().getPath())) {
                respond(exchange, 404, "{\"type\":\"not_found\"}");
                return;
            }
            byte[] wire = exchange.getRequestBody().readAllBytes();
            String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
            RecordedRequest recorded;
            try {
                byte[] body = "gzip".equalsIgnoreCase(encoding) ? gunzip(wire) : wire;
                recorded = record(exchange, encoding, wire.length, body);
            } catch (IOException | RuntimeException e) {
                respond(exchange, 400, "{\"type\":\"validation_error\",\"detail\":\"unreadable body\"}");
                return;
            }
            requests.add(recorded);
            respond(exchange, status, status == 200 ? "{\"status\":\"Ok\"}" : "{\"type\":\"stand_in_refusal\"}");
        } finally {
            exchange.close();
        }
    }

    private RecordedRequest record(HttpExchange exchange, String encoding, int wireBytes, byte[] body)
            throws IOException {
        JsonReader<Object> reader = json.newReader(body);
        reader.getNextToken();
        Map<String, Object> batch = ObjectConverter.deserializeMap(reader);
        List<Map<String, Object>> events = new ArrayList<>();
        if (batch.get("batch") instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> map) {
                    events.add(stringKeys(map));
                }
            }
        }
        return new RecordedRequest(phase, exchange.getRequestHeaders().getFirst("User-Agent"), encoding, wireBytes,
                body.length, (String) batch.get("api_key"), (String) batch.get("sent_at"), events);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        return (Map<String, Object>) map; // JSON object keys are always strings
    }

    private static byte[] gunzip(byte[] gzipped) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            return in.readAllBytes();
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
