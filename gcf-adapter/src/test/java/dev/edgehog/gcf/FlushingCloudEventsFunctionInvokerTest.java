// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.gcf;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link FlushingCloudEventsFunction} under the real Java Functions Framework invoker, in a
 * child JVM, with WireMock playing PostHog. CloudEvents arrive as HTTP POSTs (binary and
 * structured content modes); the invoker answers only after {@code accept} returns, so
 * WireMock's log at that moment shows what was sent before the acknowledgement.
 */
class FlushingCloudEventsFunctionInvokerTest {

    @RegisterExtension
    static WireMockExtension posthog = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private static FunctionInvoker invoker;
    private static HttpClient http;

    @BeforeAll
    static void startInvoker() throws Exception {
        invoker = FunctionInvoker.start(InvokerCloudEventsFunction.class, Map.of(
                "POSTHOG_API_KEY", "phc_gcf_e2e",
                "POSTHOG_HOST", "http://127.0.0.1:" + posthog.getPort()));
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stopInvoker() {
        if (invoker != null) {
            invoker.close();
        }
    }

    @BeforeEach
    void stubPostHog() {
        posthog.stubFor(post(urlEqualTo("/batch/")).willReturn(okJson("{\"status\":\"Ok\"}")));
    }

    @Test
    void aBinaryModeEventsCaptureReachesPostHogBeforeTheEventIsAcknowledged() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(invoker.uri("/"))
                .timeout(Duration.ofSeconds(20))
                .header("ce-specversion", "1.0")
                .header("ce-id", "evt-binary-1")
                .header("ce-type", "dev.edgehog.test.upload")
                .header("ce-source", "//edgehog.test/bucket")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"photo.jpg\"}"))
                .build();

        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());

        List<LoggedRequest> batches = posthog.findAll(postRequestedFor(urlEqualTo("/batch/")));
        assertThat(response.statusCode()).as(invoker.output()).isEqualTo(200);
        assertThat(batches).hasSize(1);
        List<Map<String, Object>> events = FlushingHttpFunctionInvokerTest.events(batches.get(0));
        assertThat(events).extracting(e -> e.get("event")).containsExactly("cloud event handled");
        Map<?, ?> properties = (Map<?, ?>) events.get(0).get("properties");
        assertThat(properties.get("ce_id")).isEqualTo("evt-binary-1");
        assertThat(properties.get("ce_type")).isEqualTo("dev.edgehog.test.upload");
    }

    @Test
    void aFailingStructuredModeEventsExceptionReachesPostHogBeforeTheInvokerAnswers500() throws Exception {
        String event = "{\"specversion\":\"1.0\",\"id\":\"evt-structured-2\",\"type\":\"dev.edgehog.test.fail\","
                + "\"source\":\"//edgehog.test/queue\",\"datacontenttype\":\"application/json\",\"data\":{\"n\":2}}";
        HttpRequest request = HttpRequest.newBuilder(invoker.uri("/"))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/cloudevents+json")
                .POST(HttpRequest.BodyPublishers.ofString(event))
                .build();

        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());

        List<LoggedRequest> batches = posthog.findAll(postRequestedFor(urlEqualTo("/batch/")));
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(batches).hasSize(1);
        assertThat(FlushingHttpFunctionInvokerTest.eventNames(batches.get(0)))
                .containsExactly("cloud event handled", "$exception");
    }
}
