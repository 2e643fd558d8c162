// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.nativetests;

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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * The sample's stand-in for PostHog: a JDK {@link HttpServer} on {@code 127.0.0.1} (a free port)
 * that counts what arrives. {@code POST /batch/} is gunzipped and decoded (DSL-JSON's generic map
 * decoder, no reflection) and its events are counted by name and by the type of the first
 * exception in {@code $exception_list}; {@code POST /flags/?v=2} answers one flag,
 * {@code remote-only}, with the variant {@code from-server}; {@code GET /flags/definitions} is
 * counted and refused (the sample must evaluate from the baked snapshot, without a download).
 * Requests are handled one at a time on the server's thread; the counters are read under its lock.
 */
final class StandInServer implements AutoCloseable {
    /** The remote flag's answer in the {@code /flags?v=2} format. */
    static final String REMOTE_ANSWER = "{\"flags\":{\"remote-only\":{\"key\":\"remote-only\",\"enabled\":true,"
            + "\"variant\":\"from-server\",\"reason\":{\"code\":\"condition_match\",\"condition_index\":0,"
            + "\"description\":\"Matched condition set 1\"},\"metadata\":{\"id\":9,\"version\":1}}},"
            + "\"errorsWhileComputingFlags\":false,\"requestId\":\"stand-in-1\"}";

    private final HttpServer server;
    private final DslJson<Object> json = new DslJson<>(new DslJson.Settings<>());
    private final Map<String, Integer> events = new TreeMap<>();
    private final Map<String, Integer> exceptionTypes = new TreeMap<>();
    private int batchRequests;
    private int flagRequests;
    private int definitionRequests;
    private int otherRequests;

    private StandInServer(HttpServer server) {
        this.server = server;
    }

    /**
     * Starts the stand-in.
     *
     * @return the running server; close it when done
     * @throws IOException when no port can be bound on 127.0.0.1
     */
    static StandInServer start() throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        StandInServer standIn = new StandInServer(http);
        http.createContext("/", standIn::handle);
        http.start();
        return standIn;
    }

    /** @return the base URL to give the client as its host */
    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** @return events received so far, by event name (sorted by name) */
    synchronized Map<String, Integer> events() {
        return new TreeMap<>(events);
    }

    /** @return the simple type names of the first exception of each {@code $exception} event */
    synchronized Map<String, Integer> exceptionTypes() {
        return new TreeMap<>(exceptionTypes);
    }

    /** @return the number of {@code POST /batch/} requests */
    synchronized int batchRequests() {
        return batchRequests;
    }

    /** @return the number of {@code POST /flags/?v=2} requests */
    synchronized int flagRequests() {
        return flagRequests;
    }

    /** @return the number of {@code GET /flags/definitions} requests */
    synchronized int definitionRequests() {
        return definitionRequests;
    }

    /** @return the number of requests to any other path, or that could not be read */
    synchronized int otherRequests() {
        return otherRequests;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getRawQuery();
            if (method.equals("POST") && path.equals("/batch/")) {
                onBatch(exchange);
            } else if (method.equals("POST") && path.equals("/flags/") && "v=2".equals(query)) {
                onFlags(exchange);
            } else if (method.equals("GET") && path.equals("/flags/definitions")) {
                synchronized (this) {
                    definitionRequests++;
                }
                respond(exchange, 503, "{\"type\":\"stand_in\",\"detail\":\"the sample must not download\"}");
            } else {
                synchronized (this) {
                    otherRequests++;
                }
                respond(exchange, 404, "{\"type\":\"not_found\"}");
            }
        } finally {
            exchange.close();
        }
    }

    private void onBatch(HttpExchange exchange) throws IOException {
        Map<String, Object> body = readBody(exchange);
        if (body == null || !(body.get("batch") instanceof List<?> batch)) {
            synchronized (this) {
                otherRequests++;
            }
            respond(exchange, 400, "{\"type\":\"validation_error\"}");
            return;
        }
        synchronized (this) {
            batchRequests++;
            for (Object item : batch) {
                Map<?, ?> event = item instanceof Map<?, ?> m ? m : Map.of();
                String name = String.valueOf(event.get("event"));
                events.merge(name, 1, Integer::sum);
                if (name.equals("$exception")) {
                    exceptionTypes.merge(firstExceptionType(event), 1, Integer::sum);
                }
            }
        }
        respond(exchange, 200, "{\"status\":\"Ok\"}");
    }

    private void onFlags(HttpExchange exchange) throws IOException {
        Map<String, Object> body = readBody(exchange);
        synchronized (this) {
            if (body == null) {
                otherRequests++;
            } else {
                flagRequests++;
            }
        }
        respond(exchange, 200, REMOTE_ANSWER);
    }

    private static String firstExceptionType(Map<?, ?> event) {
        if (event.get("properties") instanceof Map<?, ?> props
                && props.get("$exception_list") instanceof List<?> list
                && !list.isEmpty()
                && list.get(0) instanceof Map<?, ?> first) {
            return String.valueOf(first.get("type"));
        }
        return "none";
    }

    /** @return the decoded JSON object, or null when the body is not one */
    private Map<String, Object> readBody(HttpExchange exchange) {
        try {
            byte[] wire = exchange.getRequestBody().readAllBytes();
            boolean gzip = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"));
            byte[] bytes = gzip ? gunzip(wire) : wire;
            JsonReader<Object> reader = json.newReader(bytes);
            reader.getNextToken();
            return ObjectConverter.deserializeMap(reader);
        } catch (IOException | RuntimeException e) {
            return null;
        }
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
