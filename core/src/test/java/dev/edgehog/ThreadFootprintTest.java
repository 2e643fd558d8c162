// SPDX-License-Identifier: Apache-2.0
package dev.edgehog;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Edgehog starts no thread of its own: after heavy use in both send modes, with failures,
 * retries and timeouts, and after close, the only threads that exist and did not exist before
 * are the JDK's, as documented for each built-in transport:
 * <ul>
 *   <li>{@link HttpTransport#JDK_HTTP_CLIENT}: the HttpClient selector threads ({@code
 *       HttpClient-N-SelectorManager}), at most one per client built (three here). The JDK runs
 *       one per {@code HttpClient} (the transport gives it a same-thread executor, so there is
 *       no worker pool), and it ends when the HttpClient is garbage-collected.</li>
 *   <li>{@link HttpTransport#URL_CONNECTION}: at most the JVM-wide {@code Keep-Alive-Timer}
 *       daemon of the JDK's connection pool, which ends by itself 5 s after the pool empties
 *       (it may already exist, started by an earlier test, in which case nothing is new).</li>
 * </ul>
 *
 * <p>The server is the JDK's own {@code HttpServer}, not WireMock, so that nothing else needs
 * excluding: its dispatcher and timer threads start in {@code start()} and its two handler
 * threads are pre-started, all before the "before" snapshot, and it never adds threads later
 * (Jetty, inside WireMock, grows and shrinks its {@code qtp} pool on demand, which would force
 * a name-based exclusion that could also hide a thread of ours).
 */
@ParameterizedClass
@EnumSource(HttpTransport.class)
class ThreadFootprintTest {
    static final String KEY = "phc_thread_footprint_test";
    static final Pattern SELECTOR_THREAD = Pattern.compile("HttpClient-\\d+-SelectorManager");
    static final String KEEP_ALIVE_TIMER = "Keep-Alive-Timer";

    @Parameter
    HttpTransport httpTransport;

    enum Mode { OK, BUSY, DROP, STALL }

    private final AtomicReference<Mode> mode = new AtomicReference<>(Mode.OK);
    private final CountDownLatch unstall = new CountDownLatch(1);
    private ThreadPoolExecutor handlers;
    private HttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        // Without TCP_NODELAY each response waits ~40 ms for a delayed ACK (headers and body
        // are written separately), which makes hundreds of requests slow.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        handlers = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
        handlers.prestartAllCoreThreads();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(handlers);
        server.createContext("/batch/", this::handle);
        server.start();
    }

    @AfterEach
    void stopServer() throws InterruptedException {
        unstall.countDown();
        server.stop(0);
        handlers.shutdownNow();
        handlers.awaitTermination(10, TimeUnit.SECONDS);
    }

    @Test
    void heavyUseInBothModesStartsNoThreadButTheJdkOnesOfTheTransport() {
        Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());

        ClientStats buffered = useBuffered();
        ClientStats immediate = useImmediate();
        ClientStats timedOut = useWithTimeouts();
        Set<Thread> after = new HashSet<>(Thread.getAllStackTraces().keySet());

        after.removeAll(before);
        List<String> created = after.stream().map(Thread::getName).sorted().toList();
        switch (httpTransport) {
            case JDK_HTTP_CLIENT -> {
                assertThat(created).as("threads that exist now and did not before")
                        .allMatch(name -> SELECTOR_THREAD.matcher(name).matches());
                assertThat(created).as("selector threads, at most one per client").hasSizeLessThanOrEqualTo(3);
            }
            case URL_CONNECTION -> {
                assertThat(created).as("threads that exist now and did not before")
                        .allMatch(KEEP_ALIVE_TIMER::equals);
                assertThat(created).as("one keep-alive timer for the whole JVM").hasSizeLessThanOrEqualTo(1);
                assertThat(after).as("the keep-alive timer is a daemon").allMatch(Thread::isDaemon);
                assertThat(Thread.getAllStackTraces().keySet()).as("connections are pooled, so the timer runs")
                        .anyMatch(t -> t.getName().equals(KEEP_ALIVE_TIMER));
            }
        }
        assertThat(buffered.delivered()).as("buffered client delivered").isGreaterThan(5_000);
        assertThat(buffered.retries()).as("buffered client retried").isPositive();
        assertThat(immediate.delivered()).as("immediate client delivered").isGreaterThan(300);
        assertThat(immediate.retries()).as("immediate client retried").isPositive();
        assertThat(timedOut.delivered()).as("timed-out client delivered after the stall").isEqualTo(2);
        assertThat(timedOut.requests()).as("timed-out client requests").isGreaterThanOrEqualTo(3);
    }

    private ClientStats useBuffered() {
        PostHog posthog = client().sendMode(SendMode.BUFFERED).flushAt(50).build();
        capture(posthog, 5_000);
        mode.set(Mode.BUSY);
        capture(posthog, 200);
        mode.set(Mode.DROP);
        capture(posthog, 60);
        posthog.flush(Duration.ofSeconds(2));
        mode.set(Mode.OK);
        posthog.flush();
        for (int i = 0; i < 50; i++) {
            posthog.captureImmediate(event(i));
        }
        capture(posthog, 30);
        posthog.close();
        return posthog.stats();
    }

    private ClientStats useImmediate() {
        PostHog posthog = client().sendMode(SendMode.IMMEDIATE).build();
        capture(posthog, 300);
        mode.set(Mode.BUSY);
        capture(posthog, 20);
        mode.set(Mode.DROP);
        capture(posthog, 20);
        mode.set(Mode.OK);
        capture(posthog, 30);
        posthog.flush();
        posthog.close();
        return posthog.stats();
    }

    /** Requests that time out while the server stalls, then a recovery. */
    private ClientStats useWithTimeouts() {
        PostHog posthog = client().sendMode(SendMode.IMMEDIATE).maxRetries(1)
                .requestTimeout(Duration.ofMillis(100)).build();
        mode.set(Mode.STALL);
        posthog.capture(event(0));
        unstall.countDown();
        mode.set(Mode.OK);
        posthog.capture(event(1));
        posthog.close();
        return posthog.stats();
    }

    private void handle(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        switch (mode.get()) {
            case OK -> respond(exchange, 200, "{\"status\":\"Ok\"}");
            case BUSY -> respond(exchange, 503, "");
            case STALL -> {
                try {
                    unstall.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
            }
            default -> exchange.close(); // no response at all: the client sees a network error
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private PostHogOptions.Builder client() {
        return PostHog.builder(KEY).host("http://127.0.0.1:" + server.getAddress().getPort()).httpTransport(httpTransport)
                .maxRetries(2).retryDelay(Duration.ofMillis(1)).maxRetryDelay(Duration.ofMillis(5))
                .requestTimeout(Duration.ofSeconds(2)).flushTimeout(Duration.ofSeconds(10));
    }

    private static void capture(PostHog posthog, int count) {
        for (int i = 0; i < count; i++) {
            posthog.capture(event(i));
        }
    }

    private static Event event(int seq) {
        return Event.builder("thread test").distinctId("user-" + seq).property("seq", seq).build();
    }
}
