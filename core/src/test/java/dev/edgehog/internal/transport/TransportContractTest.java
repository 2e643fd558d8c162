// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.transport;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.edgehog.HttpTransport;
import dev.edgehog.spi.Transport;
import dev.edgehog.spi.TransportRequest;
import dev.edgehog.spi.TransportResponse;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The {@link Transport} contract, held by both built-in transports alike: what goes on the wire,
 * what comes back for every kind of status, and which exception each kind of failure throws.
 */
@ParameterizedClass
@EnumSource(HttpTransport.class)
class TransportContractTest {
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    @Parameter
    HttpTransport kind;

    private Transport transport(Duration connectTimeout) {
        return switch (kind) {
            case JDK_HTTP_CLIENT -> new HttpClientTransport(connectTimeout);
            case URL_CONNECTION -> new UrlConnectionTransport(connectTimeout);
        };
    }

    private TransportResponse send(String method, String path, Map<String, String> headers, byte[] body) throws Exception {
        return transport(TIMEOUT).send(new TransportRequest(method, URI.create(server.baseUrl() + path), headers, body, TIMEOUT));
    }

    private static LoggedRequest onlyRequest() {
        List<LoggedRequest> all = server.findAll(anyRequestedFor(anyUrl()));
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    @Test
    void postSendsItsHeadersAndBodyAsGiven() throws Exception {
        server.stubFor(post(urlEqualTo("/batch/")).willReturn(aResponse().withStatus(200).withBody("{\"status\":\"Ok\"}")));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "edgehog-test/1");
        headers.put("Authorization", "Bearer phx_secret");

        TransportResponse response = send("POST", "/batch/", headers, "{\"a\":1}".getBytes(StandardCharsets.UTF_8));

        assertThat(response.status()).isEqualTo(200);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"status\":\"Ok\"}");
        LoggedRequest r = onlyRequest();
        assertThat(r.getMethod().getName()).isEqualTo("POST");
        assertThat(r.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(r.getHeader("User-Agent")).isEqualTo("edgehog-test/1");
        assertThat(r.getHeader("Authorization")).isEqualTo("Bearer phx_secret");
        assertThat(r.getHeader("Content-Length")).isEqualTo("7");
        assertThat(r.getBodyAsString()).isEqualTo("{\"a\":1}");
    }

    @Test
    void gzippedBodyIsSentWithItsContentEncodingUntouched() throws Exception {
        server.stubFor(post(urlEqualTo("/batch/")).willReturn(aResponse().withStatus(200)));
        byte[] gzipped = Gzip.compress("{\"batch\":[]}".getBytes(StandardCharsets.UTF_8));

        send("POST", "/batch/", Map.of("Content-Type", "application/json", "Content-Encoding", "gzip"), gzipped);

        LoggedRequest r = onlyRequest();
        assertThat(r.getHeader("Content-Encoding")).isEqualTo("gzip");
        assertThat(r.getHeader("Content-Length")).isEqualTo(String.valueOf(gzipped.length));
        assertThat(r.getBodyAsString()).as("WireMock gunzips what it receives").isEqualTo("{\"batch\":[]}");
    }

    @Test
    void getSendsNoBodyAndReturnsHeadersReadableInAnyCase() throws Exception {
        server.stubFor(get(urlEqualTo("/flags/definitions?token=t")).willReturn(aResponse().withStatus(200)
                .withHeader("ETag", "\"v1\"").withBody("{}")));

        TransportResponse response = send("GET", "/flags/definitions?token=t", Map.of("If-None-Match", "\"v0\""), null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("etag")).isEqualTo("\"v1\"");
        assertThat(response.header("ETAG")).isEqualTo("\"v1\"");
        LoggedRequest r = onlyRequest();
        assertThat(r.getMethod().getName()).isEqualTo("GET");
        assertThat(r.getHeader("If-None-Match")).isEqualTo("\"v0\"");
        assertThat(r.getBody()).isEmpty();
    }

    @Test
    void errorStatusComesBackWithItsHeadersAndBody() throws Exception {
        server.stubFor(post(urlEqualTo("/batch/")).willReturn(aResponse().withStatus(503)
                .withHeaders(new HttpHeaders(new HttpHeader("X-Multi", "one", "two"), new HttpHeader("Retry-After", "7")))
                .withBody("busy")));

        TransportResponse response = send("POST", "/batch/", Map.of(), new byte[] {1});

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.header("retry-after")).isEqualTo("7");
        assertThat(response.headers().get("x-multi")).containsExactlyInAnyOrder("one", "two");
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("busy");
    }

    @Test
    void clientErrorComesBackWithItsBody() throws Exception {
        server.stubFor(get(urlEqualTo("/x")).willReturn(aResponse().withStatus(404).withBody("no such thing")));

        TransportResponse response = send("GET", "/x", Map.of(), null);

        assertThat(response.status()).isEqualTo(404);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("no such thing");
    }

    @Test
    void notModifiedAndErrorsWithoutABodyComeBackWithAnEmptyBody() throws Exception {
        server.stubFor(get(urlEqualTo("/defs")).willReturn(aResponse().withStatus(304).withHeader("ETag", "\"v1\"")));
        server.stubFor(post(urlEqualTo("/batch/")).willReturn(aResponse().withStatus(500)));

        TransportResponse notModified = send("GET", "/defs", Map.of(), null);
        TransportResponse failed = send("POST", "/batch/", Map.of(), new byte[] {1});

        assertThat(notModified.status()).isEqualTo(304);
        assertThat(notModified.header("ETag")).isEqualTo("\"v1\"");
        assertThat(notModified.body()).isEmpty();
        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.body()).isEmpty();
    }

    @Test
    void slowResponseThrowsHttpTimeoutException() {
        server.stubFor(post(urlEqualTo("/batch/")).willReturn(aResponse().withStatus(200).withFixedDelay(2_000)));
        Duration timeout = Duration.ofMillis(150);

        assertThatThrownBy(() -> transport(TIMEOUT).send(new TransportRequest("POST",
                URI.create(server.baseUrl() + "/batch/"), Map.of(), new byte[] {1}, timeout)))
                .isInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void refusedConnectionThrowsConnectException() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        TransportRequest request = new TransportRequest("POST", URI.create("http://127.0.0.1:" + closedPort + "/batch/"),
                Map.of(), new byte[] {1}, TIMEOUT);

        assertThatThrownBy(() -> transport(TIMEOUT).send(request)).isInstanceOf(ConnectException.class);
    }

    @Test
    void connectionResetThrowsIOException() {
        server.stubFor(post(urlEqualTo("/batch/")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThatThrownBy(() -> send("POST", "/batch/", Map.of(), new byte[] {1})).isInstanceOf(IOException.class)
                .isNotInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void postRedirectedWith302IsFollowedAsAGetWithoutBody() throws Exception {
        server.stubFor(post(urlEqualTo("/old")).willReturn(aResponse().withStatus(302).withHeader("Location", "/new")));
        server.stubFor(get(urlEqualTo("/new")).willReturn(aResponse().withStatus(200).withBody("moved")));

        TransportResponse response = send("POST", "/old", Map.of("Content-Type", "application/json"), new byte[] {1, 2});

        assertThat(response.status()).isEqualTo(200);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("moved");
        List<LoggedRequest> all = server.findAll(anyRequestedFor(anyUrl()));
        assertThat(all).extracting(r -> r.getMethod().getName() + " " + r.getUrl()).containsExactly("POST /old", "GET /new");
        assertThat(all.get(1).getBody()).isEmpty();
    }

    @Test
    void postRedirectedWith307And308IsRepeatedWithItsBody() throws Exception {
        server.stubFor(post(urlEqualTo("/a")).willReturn(aResponse().withStatus(307).withHeader("Location", "/b")));
        server.stubFor(post(urlEqualTo("/b")).willReturn(aResponse().withStatus(308)
                .withHeader("Location", server.baseUrl() + "/c")));
        server.stubFor(post(urlEqualTo("/c")).willReturn(aResponse().withStatus(200)));

        TransportResponse response = send("POST", "/a", Map.of("Authorization", "Bearer k"), "body".getBytes(StandardCharsets.UTF_8));

        assertThat(response.status()).isEqualTo(200);
        List<LoggedRequest> all = server.findAll(anyRequestedFor(anyUrl()));
        assertThat(all).extracting(r -> r.getMethod().getName() + " " + r.getUrl() + " " + r.getBodyAsString()
                + " " + r.getHeader("Authorization"))
                .containsExactly("POST /a body Bearer k", "POST /b body Bearer k", "POST /c body Bearer k");
    }

    @Test
    void redirectChainLongerThanFourHopsReturnsTheFifthRedirect() throws Exception {
        for (int i = 0; i < 6; i++) {
            server.stubFor(get(urlEqualTo("/r" + i)).willReturn(aResponse().withStatus(301).withHeader("Location", "/r" + (i + 1))));
        }

        TransportResponse response = send("GET", "/r0", Map.of(), null);

        assertThat(response.status()).isEqualTo(301);
        assertThat(response.header("Location")).isEqualTo("/r5");
        assertThat(server.findAll(anyRequestedFor(anyUrl()))).hasSize(5);
    }

    @Test
    void redirectWithoutLocationIsReturnedAsTheResponse() throws Exception {
        server.stubFor(get(urlEqualTo("/nowhere")).willReturn(aResponse().withStatus(302).withBody("lost")));

        TransportResponse response = send("GET", "/nowhere", Map.of(), null);

        assertThat(response.status()).isEqualTo(302);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("lost");
    }

    @Test
    void redirectToAnotherOriginDropsTheAuthorizationHeaderButKeepsTheOthers() throws Exception {
        int port = server.getPort();
        server.stubFor(get(urlEqualTo("/here")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://localhost:" + port + "/there")));
        server.stubFor(get(urlEqualTo("/there")).willReturn(aResponse().withStatus(200)));

        TransportResponse response = transport(TIMEOUT).send(new TransportRequest("GET",
                URI.create("http://127.0.0.1:" + port + "/here"),
                Map.of("Authorization", "Bearer phx_secret", "X-Kept", "yes"), null, TIMEOUT));

        assertThat(response.status()).isEqualTo(200);
        List<LoggedRequest> all = server.findAll(anyRequestedFor(anyUrl()));
        assertThat(all).hasSize(2);
        assertThat(all.get(0).getHeader("Authorization")).isEqualTo("Bearer phx_secret");
        assertThat(all.get(1).containsHeader("Authorization")).isFalse();
        assertThat(all.get(1).getHeader("X-Kept")).isEqualTo("yes");
    }

    @Test
    void interruptedCallerGetsInterruptedExceptionAndNoRequestIsMade() {
        server.stubFor(post(urlEqualTo("/batch/")).willReturn(aResponse().withStatus(200)));
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> send("POST", "/batch/", Map.of(), new byte[] {1}))
                    .isInstanceOf(InterruptedException.class);
        } finally {
            Thread.interrupted();
        }
        assertThat(server.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }
}
