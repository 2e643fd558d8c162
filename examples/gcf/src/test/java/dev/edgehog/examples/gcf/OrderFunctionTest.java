// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.examples.gcf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.edgehog.PostHog;
import dev.edgehog.SendMode;
import dev.edgehog.gcf.FakeHttpRequest;
import dev.edgehog.gcf.FakeHttpResponse;
import dev.edgehog.gcf.RecordingTransport;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OrderFunctionTest {
    private final RecordingTransport transport = new RecordingTransport();
    private final PostHog posthog = PostHog.builder("phc_example")
            .sendMode(SendMode.BUFFERED)
            .flushAt(100)
            .maxRetries(0)
            .transport(transport)
            .build();
    private final OrderFunction function = new OrderFunction(posthog);

    @AfterEach
    void closeClient() {
        posthog.shutdown(Duration.ofMillis(100));
    }

    @Test
    void placesTheOrderAndHasSentTheEventWhenTheResponseIsReady() throws Exception {
        FakeHttpRequest request = new FakeHttpRequest("POST", "/", "")
                .header("X-User-Id", "user-42").query("sku", "mug").query("quantity", "2");
        FakeHttpResponse response = new FakeHttpResponse();

        function.service(request, response);

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.bodyText()).isEqualTo("order placed: 2 x mug");
        RecordingTransport.Recorded batch = transport.onlyRequest();
        assertThat(batch.eventNames()).containsExactly("order placed");
        Map<?, ?> event = batch.events().get(0);
        assertThat(event.get("distinct_id")).isEqualTo("user-42");
        assertThat(((Map<?, ?>) event.get("properties")).get("sku")).isEqualTo("mug");
    }

    @Test
    void rejectsARequestWithoutAUserAndSendsNothing() throws Exception {
        FakeHttpResponse response = new FakeHttpResponse();

        function.service(new FakeHttpRequest("POST", "/", "").query("sku", "mug"), response);

        assertThat(response.status()).isEqualTo(400);
        assertThat(transport.requests()).isEmpty();
    }

    @Test
    void aBadQuantityFailsTheFunctionAndIsCapturedAsAnException() {
        FakeHttpRequest request = new FakeHttpRequest("POST", "/", "")
                .header("X-User-Id", "user-42").query("quantity", "two");

        Throwable thrown = catchThrowable(() -> function.service(request, new FakeHttpResponse()));

        assertThat(thrown).isInstanceOf(NumberFormatException.class);
        assertThat(transport.onlyRequest().eventNames()).containsExactly("$exception");
    }
}
