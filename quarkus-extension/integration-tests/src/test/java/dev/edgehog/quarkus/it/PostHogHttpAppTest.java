// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.quarkus.it;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.edgehog.PostHog;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** An HTTP application with the extension, against WireMock playing PostHog. */
@QuarkusTest
@QuarkusTestResource(StandInPostHog.class)
class PostHogHttpAppTest {
    /** Generous for a loaded two-core machine; a passing run waits milliseconds. */
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @ConfigProperty(name = "quarkus.posthog.host")
    URI host;

    @Inject
    PostHog posthog;

    @Test
    void flushesTheRequestsEventsWhenTheRequestEnds() {
        long before = posthog.stats().delivered();

        given().get("/orders/4711").then().statusCode(200);

        awaitDelivered(before + 1);
        List<LoggedRequest> batches = admin().find(postRequestedFor(urlEqualTo("/batch/")));
        assertThat(batches).anySatisfy(r -> assertThat(r.getBodyAsString())
                .contains("\"order viewed\"").contains("\"customer-4711\""));
        assertThat(posthog.stats().queued()).isZero();
    }

    @Test
    void evaluatesFromTheBakedSnapshotWithoutAskingPostHog() {
        String value = given().get("/flags/baked-flag").then().statusCode(200).extract().asString();

        assertThat(value).isEqualTo("true");
        assertThat(admin().find(anyRequestedFor(urlPathMatching("/flags.*")))).isEmpty();
        assertThat(admin().find(anyRequestedFor(urlPathMatching("/api/.*")))).isEmpty();
    }

    private WireMock admin() {
        return new WireMock(host.getHost(), host.getPort());
    }

    /** Waits, up to the deadline, for the end-of-request flush that runs on a worker thread. */
    private void awaitDelivered(long delivered) {
        Instant deadline = Instant.now().plus(DEADLINE);
        while (posthog.stats().delivered() < delivered && Instant.now().isBefore(deadline)) {
            Thread.yield();
        }
        assertThat(posthog.stats().delivered()).as("events delivered by the request-end flush").isGreaterThanOrEqualTo(delivered);
    }
}
