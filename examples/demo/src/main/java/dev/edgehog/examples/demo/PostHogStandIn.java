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
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * An in-process stand-in for PostHog: an HTTP server on {@code 127.0.0.1} (a free port) that
 * serves the three endpoints a server-side client uses and records every request as a
 * {@link RecordedRequest}:
 *
 * <ul>
 *   <li>{@code POST /batch/}: gunzips and decodes the events and answers like PostHog does
 *       ({@code 200 {"status":"Ok"}});</li>
 *   <li>{@code GET /flags/definitions}: the flag definitions of {@link StandInFlags}, with an
 *       {@code ETag}, and {@code 304} when {@code If-None-Match} already names it; {@code 401}
 *       without a personal API key;</li>
 *   <li>{@code POST /flags/?v=2}: remote evaluation, answered in the v2 format.</li>
 * </ul>
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
    /** The event endpoint, as {@link RecordedRequest#endpoint()} names it. */
    public static final String BATCH = "POST /batch/";
    /** The definitions endpoint, as {@link RecordedRequest#endpoint()} names it. */
    public static final String DEFINITIONS = "GET /flags/definitions";
    /** The remote evaluation endpoint, as {@link RecordedRequest#endpoint()} names it. */
    public static final String FLAGS = "POST /flags/?v=2";

    private final HttpServer server;
    private final int status;
    private final StandInFlags flags = StandInFlags.fromBundledSnapshot();
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
     * (and testing) what the client does when PostHog refuses events. The flag endpoints answer
     * as usual.
     *
     * @param status the HTTP status to answer batches with
     * @return the running stand-in; close it when done
     * @throws IOException when no port could be bound on 127.0.0.1
     */
    public static PostHogStandIn start(int status) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        PostHogStandIn standIn = new PostHogStandIn(server, status);
        server.createContext("/", standIn::handle);
        server.start();
        return standIn;
    }

    /** @return the ETag the stand-in serves its flag definitions with */
    public String definitionsEtag() {
        return flags.etag();
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

    /** @return the requests received so far, in arrival order (a snapshot) */
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
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getRawQuery();
            String endpoint = method + " " + path + (query == null ? "" : "?" + query);
            if (endpoint.equals(BATCH)) {
                onBatch(exchange);
            } else if (endpoint.startsWith(DEFINITIONS + "?")) {
                onDefinitions(exchange);
            } else if (endpoint.equals(FLAGS)) {
                onFlags(exchange);
            } else {
                respond(exchange, 404, "{\"type\":\"not_found\"}");
            }
        } finally {
            exchange.close();
        }
    }

    private void onBatch(HttpExchange exchange) throws IOException {
        Body body = readBody(exchange);
        if (body == null) {
            return;
        }
        record(exchange, BATCH, status, body, String.valueOf(body.json().get("api_key")));
        respond(exchange, status, status == 200 ? "{\"status\":\"Ok\"}" : "{\"type\":\"stand_in_refusal\"}");
    }

    private void onDefinitions(HttpExchange exchange) throws IOException {
        String token = queryParameter(exchange.getRequestURI().getRawQuery(), "token");
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("Bearer ") || auth.length() == "Bearer ".length()) {
            record(exchange, DEFINITIONS, 401, Body.NONE, token);
            respond(exchange, 401, "{\"type\":\"authentication_error\",\"detail\":\"personal API key needed\"}");
        } else if (flags.etag().equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
            record(exchange, DEFINITIONS, 304, Body.NONE, token);
            exchange.getResponseHeaders().set("ETag", flags.etag());
            exchange.sendResponseHeaders(304, -1);
        } else {
            record(exchange, DEFINITIONS, 200, Body.NONE, token);
            exchange.getResponseHeaders().set("ETag", flags.etag());
            respond(exchange, 200, flags.definitionsJson());
        }
    }

    private void onFlags(HttpExchange exchange) throws IOException {
        Body body = readBody(exchange);
        if (body == null) {
            return;
        }
        record(exchange, FLAGS, 200, body, String.valueOf(body.json().get("token")));
        respond(exchange, 200, flags.answer(body.json()));
    }

    /** A request body: its size as sent and as JSON, and the decoded JSON object. */
    private record Body(int wireBytes, int jsonBytes, Map<String, Object> json) {
        static final Body NONE = new Body(0, 0, Map.of());
    }

    /** @return the decoded body, or null after answering 400 when it is unreadable */
    private Body readBody(HttpExchange exchange) throws IOException {
        byte[] wire = exchange.getRequestBody().readAllBytes();
        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        try {
            byte[] bytes = "gzip".equalsIgnoreCase(encoding) ? gunzip(wire) : wire;
            JsonReader<Object> reader = json.newReader(bytes);
            reader.getNextToken();
            return new Body(wire.length, bytes.length, ObjectConverter.deserializeMap(reader));
        } catch (IOException | RuntimeException e) {
            respond(exchange, 400, "{\"type\":\"validation_error\",\"detail\":\"unreadable body\"}");
            return null;
        }
    }

    private void record(HttpExchange exchange, String endpoint, int answered, Body body, String apiKey) {
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!values.isEmpty()) {
                headers.put(name.toLowerCase(Locale.ROOT), values.get(0));
            }
        });
        requests.add(new RecordedRequest(phase, endpoint, answered, headers, body.wireBytes(), body.jsonBytes(), apiKey,
                body.json()));
    }

    private static String queryParameter(String rawQuery, String name) {
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                if (pair.startsWith(name + "=")) {
                    return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
                }
            }
        }
        return null;
    }

    private static byte[] gunzip(byte[] gzipped) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            return in.readAllBytes();
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        respond(exchange, status, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void respond(HttpExchange exchange, int status, byte[] bytes) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
