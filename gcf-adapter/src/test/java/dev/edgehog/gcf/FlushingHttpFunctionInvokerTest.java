// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.gcf;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link FlushingHttpFunction} under the real Java Functions Framework invoker, in a child JVM,
 * with WireMock playing PostHog. The function's client comes from the environment, exactly as
 * in production. Every check reads WireMock's request log the moment the function's HTTP
 * response has arrived: whatever PostHog received by then was sent before the response. One
 * test goes further and holds PostHog's answer back, to show the response cannot arrive while
 * the flush is still waiting for PostHog.
 */
class FlushingHttpFunctionInvokerTest {
    private static final String API_KEY = "phc_gcf_e2e";

    private static final PostHogGate GATE = new PostHogGate();

    @RegisterExtension
    static WireMockExtension posthog = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").extensions(GATE)).build();

    private static FunctionInvoker invoker;
    private static HttpClient http;

    @BeforeAll
    static void startInvoker() throws Exception {
        invoker = FunctionInvoker.start(InvokerHttpFunction.class, Map.of(
                "POSTHOG_API_KEY", API_KEY,
                "POSTHOG_HOST", "http://127.0.0.1:" + posthog.getPort(),
                // longer than the adapter's 3 s default so that a loaded CI machine cannot turn the
                // gated test's held batch into a deadline miss
                "POSTHOG_FLUSH_TIMEOUT_MS", "20000"));
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stopInvoker() {
        GATE.open();
        if (invoker != null) {
            invoker.close();
        }
    }

    @BeforeEach
    void stubPostHog() {
        posthog.stubFor(post(urlEqualTo("/batch/")).willReturn(okJson("{\"status\":\"Ok\"}")));
    }

    @Test
    void eachWarmInvocationsEventsReachPostHogAsOneBatchBeforeItsResponseArrives() throws Exception {
        Set<String> clients = new HashSet<>();
        for (int invocation = 1; invocation <= 3; invocation++) {
            HttpResponse<String> response = call("/?events=2&id=" + invocation);

            List<LoggedRequest> batches = batchesSoFar();
            response.headers().firstValue("X-Edgehog-Client").ifPresent(clients::add);
            assertThat(response.statusCode()).as(invoker.output()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("ok " + invocation);
            assertThat(batches).as("batches when response %d arrived", invocation).hasSize(invocation);
            LoggedRequest latest = batches.get(invocation - 1);
            assertThat(latest.getHeader("Content-Encoding")).isEqualTo("gzip");
            assertThat(json(latest).get("api_key")).isEqualTo(API_KEY);
            assertThat(eventNames(latest)).containsExactly("e2e event", "e2e event");
            assertThat(invocations(latest)).containsOnly(Integer.toString(invocation));
        }
        assertThat(clients).as("client instances seen by the warm invocations").hasSize(1);
    }

    @Test
    void theResponseIsHeldUntilPostHogHasAnsweredEvenWhenTheFunctionClosesItsWriter() throws Exception {
        GATE.close();
        CompletableFuture<HttpResponse<String>> pending;
        Throwable whileHeld;
        boolean arrived;
        try {
            pending = http.sendAsync(request("/?events=1&id=held&close=1"), HttpResponse.BodyHandlers.ofString());
            arrived = GATE.awaitArrival(Duration.ofSeconds(20));
            whileHeld = catchThrowable(() -> pending.get(500, TimeUnit.MILLISECONDS));
        } finally {
            GATE.open();
        }
        HttpResponse<String> response = pending.get(20, TimeUnit.SECONDS);

        assertThat(arrived).as("the batch reached PostHog; invoker output:%n%s", invoker.output()).isTrue();
        assertThat(whileHeld).as("the response while PostHog had not answered").isInstanceOf(TimeoutException.class);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok held");
        assertThat(batchesSoFar()).hasSize(1);
    }

    @Test
    void anInvocationThatCapturesNothingSendsNothing() throws Exception {
        HttpResponse<String> quiet = call("/?events=0&id=quiet");
        List<LoggedRequest> afterQuiet = batchesSoFar();
        HttpResponse<String> next = call("/?events=1&id=next");

        List<LoggedRequest> afterNext = batchesSoFar();
        assertThat(quiet.statusCode()).as(invoker.output()).isEqualTo(200);
        assertThat(afterQuiet).isEmpty();
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(afterNext).hasSize(1);
        assertThat(invocations(afterNext.get(0))).containsExactly("next");
    }

    @Test
    void aFailingFunctionsExceptionReachesPostHogBeforeTheInvokerAnswers500() throws Exception {
        HttpResponse<String> response = call("/?fail=1&id=broken");

        List<LoggedRequest> batches = batchesSoFar();
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(batches).hasSize(1);
        assertThat(eventNames(batches.get(0))).containsExactly("about to fail", "$exception");
        Map<?, ?> exception = (Map<?, ?>) events(batches.get(0)).get(1).get("properties");
        Map<?, ?> first = (Map<?, ?>) ((List<?>) exception.get("$exception_list")).get(0);
        assertThat(first.get("type")).isEqualTo("IllegalStateException");
        assertThat(first.get("value")).isEqualTo("e2e failure broken");
        assertThat(invoker.awaitOutput("e2e failure broken", Duration.ofSeconds(10))).contains("e2e failure broken");
    }

    private static HttpResponse<String> call(String pathAndQuery) throws Exception {
        return http.send(request(pathAndQuery), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest request(String pathAndQuery) {
        return HttpRequest.newBuilder(invoker.uri(pathAndQuery)).timeout(Duration.ofSeconds(20)).GET().build();
    }

    private static List<LoggedRequest> batchesSoFar() {
        return posthog.findAll(postRequestedFor(urlEqualTo("/batch/")));
    }

    /**
     * Holds PostHog's answers while closed: a request that arrives is logged at once, but its
     * response waits until the test opens the gate (or 30 s pass). Open unless a test closes it.
     */
    static final class PostHogGate implements ResponseDefinitionTransformerV2 {
        private volatile CountDownLatch arrived = new CountDownLatch(1);
        private volatile CountDownLatch release = new CountDownLatch(0);

        void close() {
            arrived = new CountDownLatch(1);
            release = new CountDownLatch(1);
        }

        void open() {
            release.countDown();
        }

        boolean awaitArrival(Duration timeout) throws InterruptedException {
            return arrived.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public ResponseDefinition transform(ServeEvent serveEvent) {
            CountDownLatch gate = release;
            arrived.countDown();
            try {
                gate.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return serveEvent.getResponseDefinition();
        }

        @Override
        public String getName() {
            return "posthog-gate";
        }
    }

    static Map<String, Object> json(LoggedRequest request) {
        return RecordingTransport.parse(request.getBodyAsString().getBytes(StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> events(LoggedRequest request) {
        return (List<Map<String, Object>>) json(request).get("batch");
    }

    static List<String> eventNames(LoggedRequest request) {
        List<String> names = new ArrayList<>();
        for (Map<String, Object> e : events(request)) {
            names.add((String) e.get("event"));
        }
        return names;
    }

    private static List<String> invocations(LoggedRequest request) {
        List<String> ids = new ArrayList<>();
        for (Map<String, Object> e : events(request)) {
            ids.add((String) ((Map<?, ?>) e.get("properties")).get("invocation"));
        }
        return ids;
    }
}
