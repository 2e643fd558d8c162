// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.quarkus.it.lambda;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A quarkus-amazon-lambda application whose handler only captures: the events must have reached
 * PostHog by the time the invocation's response comes back.
 */
@QuarkusTest
@QuarkusTestResource(StandInPostHog.class)
class PostHogLambdaAppTest {
    @ConfigProperty(name = "quarkus.posthog.host")
    URI host;

    @Test
    void flushesTheInvocationsEventsBeforeTheInvocationReturns() {
        String response = given().body("{\"customer\": \"customer-7\"}").post().then().statusCode(200)
                .extract().asString();

        assertThat(response).contains("placed for customer-7");
        assertThat(batchBodies()).anySatisfy(b -> assertThat(b).contains("\"order placed\"").contains("\"customer-7\""));
    }

    @Test
    void capturesTheHandlersExceptionAndFlushesBeforeTheInvocationFails() {
        int status = given().body("{\"order\": 1}").post().then().extract().statusCode();

        assertThat(status).isNotEqualTo(200);
        assertThat(batchBodies()).anySatisfy(b -> assertThat(b).contains("\"$exception\"")
                .contains("order without customer"));
    }

    private List<String> batchBodies() {
        List<LoggedRequest> batches = new WireMock(host.getHost(), host.getPort())
                .find(postRequestedFor(urlEqualTo("/batch/")));
        return batches.stream().map(LoggedRequest::getBodyAsString).toList();
    }
}
