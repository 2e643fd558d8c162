// SPDX-License-Identifier: Apache-2.0
package dev.edgehog;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Immediate calls whose delivery fails: a network error leaves the event queued (reported as
 * pending) for the next flush; an HTTP error drops it (failed).
 */
@ParameterizedClass
@EnumSource(HttpTransport.class)
class ImmediateDeliveryTest {
    /** The built-in transport under test: every test runs against both. */
    @Parameter
    HttpTransport httpTransport;

    static final String KEY = "phc_immediate_delivery_test";

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    @Test
    void immediateCallThatHitsANetworkErrorReturnsItsEventAsPending() {
        resetConnections();
        PostHog posthog = client().build();

        DeliveryResult result = posthog.captureImmediate(event(0));

        assertThat(result).extracting(DeliveryResult::delivered, DeliveryResult::failed, DeliveryResult::dropped,
                DeliveryResult::pending, DeliveryResult::requests).containsExactly(0, 0, 0, 1, 2);
        assertThat(result.errors()).singleElement().extracting(PostHogException::kind)
                .isEqualTo(ErrorKind.DELIVERY_DEFERRED);
        assertThat(posthog.stats().queued()).isEqualTo(1);
    }

    @Test
    void eventOfAnImmediateCallThatHitANetworkErrorIsDeliveredByTheNextFlush() {
        resetConnections();
        PostHog posthog = client().build();
        posthog.captureImmediate(event(0));
        String attemptedUuid = Batches.uuids(Batches.events(Batches.received(server).get(0))).get(0);
        server.resetAll();
        accept();

        DeliveryResult result = posthog.flush();

        assertThat(result).isEqualTo(new DeliveryResult(1, 0, 0, 0, 1, false, List.of()));
        assertThat(Batches.uuids(Batches.events(Batches.received(server).get(0)))).containsExactly(attemptedUuid);
        assertThat(posthog.stats().queued()).isZero();
    }

    @Test
    void everyFailedImmediateCallReportsOnlyItsOwnEventAsPending() {
        resetConnections();
        PostHog posthog = client().build();
        posthog.captureImmediate(event(0));

        DeliveryResult second = posthog.captureImmediate(event(1));

        assertThat(second.pending()).isEqualTo(1);
        assertThat(posthog.stats().queued()).isEqualTo(2);
    }

    @Test
    void captureInImmediateModeThatHitsANetworkErrorIsDeliveredByTheNextFlush() {
        resetConnections();
        PostHog posthog = client().build();
        posthog.capture(event(0));
        posthog.capture(event(1));
        server.resetAll();
        accept();

        DeliveryResult result = posthog.flush();

        assertThat(result.delivered()).isEqualTo(2);
        assertThat(Batches.seqs(Batches.received(server))).containsExactly(0, 1);
    }

    @Test
    void everyImmediateVariantKeepsItsEventOnANetworkError() {
        resetConnections();
        PostHog posthog = client().build();

        List<DeliveryResult> results = List.of(
                posthog.identifyImmediate("user-1", Map.of("plan", "pro")),
                posthog.aliasImmediate("user-1", "anon-1"),
                posthog.groupIdentifyImmediate(GroupIdentify.builder("company", "acme").build()),
                posthog.captureExceptionImmediate(new IllegalStateException("boom"), "user-1", null));
        server.resetAll();
        accept();
        DeliveryResult flushed = posthog.flush();

        assertThat(results).allSatisfy(r -> assertThat(r.pending()).isEqualTo(1));
        assertThat(flushed.delivered()).isEqualTo(4);
        assertThat(Batches.events(Batches.received(server).get(0))).extracting(e -> e.get("event").asText())
                .containsExactly("$identify", "$create_alias", "$groupidentify", "$exception");
    }

    @Test
    void immediateCallThatGetsAnHttpErrorDropsItsEventAsFailed() {
        server.stubFor(post(urlEqualTo("/batch/")).willReturn(aResponse().withStatus(500)));
        PostHog posthog = client().build();

        DeliveryResult result = posthog.captureImmediate(event(0));

        assertThat(result).extracting(DeliveryResult::delivered, DeliveryResult::failed, DeliveryResult::pending,
                DeliveryResult::requests).containsExactly(0, 1, 0, 2);
        assertThat(result.errors()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.DELIVERY_FAILED);
            assertThat(e.statusCode()).isEqualTo(500);
        });
        assertThat(posthog.stats().queued()).isZero();
        assertThat(posthog.stats().failed()).isEqualTo(1);
    }

    private static void resetConnections() {
        server.stubFor(post(urlEqualTo("/batch/")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    }

    private static void accept() {
        server.stubFor(post(urlEqualTo("/batch/")).willReturn(aResponse().withStatus(200)));
    }

    private PostHogOptions.Builder client() {
        return PostHog.builder(KEY).host(server.baseUrl()).httpTransport(httpTransport).sendMode(SendMode.IMMEDIATE).maxRetries(1)
                .retryDelay(Duration.ofMillis(1)).maxRetryDelay(Duration.ofMillis(10))
                .requestTimeout(Duration.ofSeconds(5)).flushTimeout(Duration.ofSeconds(10));
    }

    private static Event event(int seq) {
        return Event.builder("immediate test").distinctId("user-" + seq).property("seq", seq).build();
    }
}
