// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.lambda.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback stand-in for the AWS Lambda Runtime API (the endpoints the runtime interface client
 * calls), serving a fixed script of invocations. Each invocation's deadline is set when it is
 * handed out, as Lambda does. Once the script is used up, {@code next} answers 500 and the
 * runtime interface client exits by itself.
 */
final class RuntimeApiStandIn implements AutoCloseable {
    private static final String PREFIX = "/2018-06-01/runtime/";

    /**
     * @param requestId the request id to hand out
     * @param eventJson the event
     * @param timeout the time from hand-out to the deadline
     */
    record ScriptedInvocation(String requestId, String eventJson, Duration timeout) {}

    private final Timeline timeline;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final ConcurrentLinkedQueue<ScriptedInvocation> script;
    private final java.util.Map<String, Long> deadlines = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicInteger unknown = new AtomicInteger();

    RuntimeApiStandIn(Timeline timeline, List<ScriptedInvocation> script) throws IOException {
        this.timeline = timeline;
        this.script = new ConcurrentLinkedQueue<>(script);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext(PREFIX, this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** @return {@code 127.0.0.1:port}, the form {@code AWS_LAMBDA_RUNTIME_API} takes */
    String hostAndPort() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * @param requestId an invocation handed out
     * @return its deadline in epoch milliseconds
     */
    long deadline(String requestId) {
        return deadlines.get(requestId);
    }

    /** @return requests to paths the stand-in does not know */
    int unknownRequests() {
        return unknown.get();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath().substring(PREFIX.length());
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (path.equals("invocation/next")) {
                next(ex);
            } else if (path.startsWith("invocation/") && path.endsWith("/response")) {
                timeline.add(Timeline.Kind.RESPONSE, id(path), body);
                reply(ex, 202, "{\"status\":\"OK\"}");
            } else if (path.startsWith("invocation/") && path.endsWith("/error")) {
                timeline.add(Timeline.Kind.ERROR, id(path), body);
                reply(ex, 202, "{\"status\":\"OK\"}");
            } else if (path.equals("init/error")) {
                timeline.add(Timeline.Kind.INIT_ERROR, null, body);
                reply(ex, 202, "{\"status\":\"OK\"}");
            } else if (path.equals("restore/next")) {
                timeline.add(Timeline.Kind.RESTORE_NEXT, null, body);
                reply(ex, 200, "");
            } else if (path.equals("restore/error")) {
                timeline.add(Timeline.Kind.RESTORE_ERROR, null, body);
                reply(ex, 202, "{\"status\":\"OK\"}");
            } else {
                unknown.incrementAndGet();
                reply(ex, 404, "{}");
            }
        }
    }

    private void next(HttpExchange ex) throws IOException {
        ScriptedInvocation inv = script.poll();
        if (inv == null) {
            reply(ex, 500, "{\"errorMessage\":\"script finished\"}");
            return;
        }
        long deadline = System.currentTimeMillis() + inv.timeout().toMillis();
        deadlines.put(inv.requestId(), deadline);
        timeline.add(Timeline.Kind.NEXT, inv.requestId(), inv.eventJson());
        ex.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", inv.requestId());
        ex.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms", Long.toString(deadline));
        ex.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn",
                "arn:aws:lambda:eu-west-1:000000000000:function:edgehog-e2e");
        ex.getResponseHeaders().add("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000;Sampled=0");
        reply(ex, 200, inv.eventJson());
    }

    private static String id(String path) {
        String rest = path.substring("invocation/".length());
        return rest.substring(0, rest.indexOf('/'));
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
