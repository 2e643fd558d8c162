// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.transport;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.edgehog.spi.TransportRequest;
import dev.edgehog.spi.TransportResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What is particular to the {@link UrlConnectionTransport}: the places where {@code
 * HttpURLConnection} would behave differently from the JDK HttpClient unless told otherwise,
 * and the one limit it keeps (401/407 to a streamed POST).
 */
class UrlConnectionTransportTest {
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private final UrlConnectionTransport transport = new UrlConnectionTransport(TIMEOUT);

    private TransportResponse send(String method, String path, Map<String, String> headers, byte[] body) throws Exception {
        return transport.send(new TransportRequest(method, URI.create(server.baseUrl() + path), headers, body, TIMEOUT));
    }

    @Test
    void unauthorizedPostComesBackAsItsStatusWithoutHeadersOrBody() throws Exception {
        server.stubFor(post(urlEqualTo("/batch/")).willReturn(aResponse().withStatus(401)
                .withHeader("WWW-Authenticate", "Basic realm=\"x\"").withBody("{\"type\":\"authentication_error\"}")));

        TransportResponse response = send("POST", "/batch/", Map.of("Content-Type", "application/json"), new byte[] {1});

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body()).isEmpty();
        assertThat(server.findAll(anyRequestedFor(anyUrl()))).as("sent once, not retried with credentials").hasSize(1);
    }

    @Test
    void unauthorizedGetComesBackWholeWithoutAnyAuthenticationAttempt() throws Exception {
        server.stubFor(get(urlEqualTo("/flags/definitions")).willReturn(aResponse().withStatus(401)
                .withHeader("WWW-Authenticate", "Basic realm=\"x\"").withBody("bad key")));

        TransportResponse response = send("GET", "/flags/definitions", Map.of("Authorization", "Bearer phx_wrong"), null);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("www-authenticate")).isEqualTo("Basic realm=\"x\"");
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("bad key");
        assertThat(server.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
    }

    @Test
    void sendsNoBrowserLikeOrCacheDefeatingHeadersOfItsOwn() throws Exception {
        server.stubFor(get(urlEqualTo("/a")).willReturn(aResponse().withStatus(200)));

        send("GET", "/a", Map.of(), null);
        send("GET", "/a", Map.of("Accept", "application/json"), null);

        List<LoggedRequest> all = server.findAll(anyRequestedFor(anyUrl()));
        assertThat(all).extracting(r -> r.getHeader("Accept")).containsExactly("*/*", "application/json");
        assertThat(all).noneMatch(r -> r.containsHeader("Pragma") || r.containsHeader("Cache-Control"));
    }

    @Test
    void headersTheJdkManagesItselfAreNotPassedOn() throws Exception {
        server.stubFor(post(urlEqualTo("/batch/")).willReturn(aResponse().withStatus(200)));

        TransportResponse response = send("POST", "/batch/", Map.of("Content-Length", "999", "Connection", "upgrade"),
                "abc".getBytes(StandardCharsets.UTF_8));

        assertThat(response.status()).isEqualTo(200);
        LoggedRequest r = server.findAll(anyRequestedFor(anyUrl())).get(0);
        assertThat(r.getHeader("Content-Length")).isEqualTo("3");
        assertThat(r.getBodyAsString()).isEqualTo("abc");
    }
}
