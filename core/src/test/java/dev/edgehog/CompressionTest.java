// SPDX-License-Identifier: Apache-2.0
package dev.edgehog;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Batch bodies are gzipped by default ({@code Content-Encoding: gzip}) and plain JSON with {@code gzip(false)}. */
class CompressionTest {
    static final String KEY = "phc_compression_test";

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    @BeforeEach
    void acceptBatches() {
        server.stubFor(post(urlEqualTo("/batch/")).willReturn(aResponse().withStatus(200)));
    }

    @Test
    void gzipsTheBodyByDefault() {
        PostHog posthog = client().build();

        posthog.captureImmediate(event(1));

        LoggedRequest request = Batches.received(server).get(0);
        assertThat(request.getHeader("Content-Encoding")).isEqualTo("gzip");
        assertThat(Batches.seqsOf(Batches.events(request))).containsExactly(1);
    }

    @Test
    void gzippedBodyDecodesToTheBatchJson() {
        RecordingTransport transport = RecordingTransport.accepting();
        PostHog posthog = client().transport(transport).build();

        posthog.captureImmediate(event(2));

        byte[] body = transport.sent().get(0).request().body();
        assertThat(body[0] & 0xff).as("gzip magic").isEqualTo(0x1f);
        assertThat(body[1] & 0xff).as("gzip magic").isEqualTo(0x8b);
        JsonNode json = Batches.parse(Batches.gunzip(body));
        assertThat(json.get("api_key").asText()).isEqualTo(KEY);
        assertThat(Batches.seqsOf(Batches.events(json))).containsExactly(2);
    }

    @Test
    void sendsPlainJsonWithoutContentEncodingWhenGzipIsOff() {
        PostHog posthog = client().gzip(false).build();

        posthog.captureImmediate(event(3));

        LoggedRequest request = Batches.received(server).get(0);
        assertThat(request.containsHeader("Content-Encoding")).isFalse();
        assertThat(request.getHeader("Content-Type")).isEqualTo("application/json");
        JsonNode json = Batches.parse(request.getBody());
        assertThat(Batches.seqsOf(Batches.events(json))).containsExactly(3);
    }

    @Test
    void uncompressedBodyIsTheBatchJsonAsIs() {
        RecordingTransport transport = RecordingTransport.accepting();
        PostHog posthog = client().gzip(false).transport(transport).build();

        posthog.captureImmediate(event(4));

        byte[] body = transport.sent().get(0).request().body();
        assertThat(transport.sent().get(0).request().header("Content-Encoding")).isNull();
        assertThat(new String(body, StandardCharsets.UTF_8)).startsWith("{");
        assertThat(Batches.seqsOf(Batches.events(Batches.parse(body)))).containsExactly(4);
    }

    private static PostHogOptions.Builder client() {
        return PostHog.builder(KEY).host(server.baseUrl()).maxRetries(0)
                .requestTimeout(Duration.ofSeconds(5)).flushTimeout(Duration.ofSeconds(10));
    }

    private static Event event(int seq) {
        return Event.builder("compression test").distinctId("user-" + seq).property("seq", seq).build();
    }
}
