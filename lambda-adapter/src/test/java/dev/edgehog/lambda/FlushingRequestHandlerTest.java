// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.Context;
import dev.edgehog.PostHog;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlushingRequestHandlerTest {
    private final RecordingTransport transport = new RecordingTransport();
    private final PostHog posthog = TestClients.lambdaClient(transport);

    /** A handler as a user would write it. */
    static final class OrderHandler extends FlushingRequestHandler<Map<String, Object>, String> {
        int sentBeforeReturn = -1;
        private final RecordingTransport transport;

        OrderHandler(PostHogLambda lambda, RecordingTransport transport) {
            super(lambda);
            this.transport = transport;
        }

        @Override
        protected String handle(Map<String, Object> order, Context context) {
            posthog().capture(String.valueOf(order.get("user")), "order placed", order);
            if (order.containsKey("fail")) {
                throw new IllegalStateException("payment service down");
            }
            sentBeforeReturn = transport.requests.size();
            return "accepted " + order.get("id");
        }
    }

    private OrderHandler handler() {
        return new OrderHandler(PostHogLambda.builder(posthog).snapStart(false).build(), transport);
    }

    @Test
    void returnsTheHandlersResponseAfterSendingItsEventsInOneBatch() {
        OrderHandler handler = handler();

        String response = handler.handleRequest(Map.of("id", 7, "user", "user-1"), new FakeLambdaContext("req-1"));

        assertThat(response).isEqualTo("accepted 7");
        assertThat(handler.sentBeforeReturn).isZero();
        assertThat(transport.requests).hasSize(1);
        List<Map<String, Object>> events = Batches.events(transport.bodies().get(0));
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.get("event")).isEqualTo("order placed");
            assertThat(e.get("distinct_id")).isEqualTo("user-1");
        });
    }

    @Test
    void capturesTheExceptionRethrowsItAndStillSendsTheEventsCapturedBefore() {
        OrderHandler handler = handler();

        assertThatThrownBy(() -> handler.handleRequest(Map.of("id", 8, "user", "user-2", "fail", true),
                new FakeLambdaContext("req-2")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("payment service down");

        assertThat(transport.requests).hasSize(1);
        List<Map<String, Object>> events = Batches.events(transport.bodies().get(0));
        assertThat(events).extracting(e -> e.get("event")).containsExactly("order placed", "$exception");
        assertThat(Batches.properties(events.get(1))).containsEntry("aws_request_id", "req-2");
    }

    @Test
    void sendsEachInvocationsEventsInItsOwnBatch() {
        OrderHandler handler = handler();

        handler.handleRequest(Map.of("id", 1, "user", "a"), new FakeLambdaContext("req-a"));
        handler.handleRequest(Map.of("id", 2, "user", "b"), new FakeLambdaContext("req-b"));

        assertThat(transport.bodies()).extracting(b -> Batches.events(b).get(0).get("distinct_id"))
                .containsExactly("a", "b");
    }

    @Test
    void wrapsAClientWithDefaultSettingsWhenGivenOnlyTheClient() {
        FlushingRequestHandler<String, String> handler = new FlushingRequestHandler<>(posthog) {
            @Override
            protected String handle(String input, Context context) {
                posthog().capture("user-1", input);
                return lambda().safetyMargin().toString();
            }
        };

        String response = handler.handleRequest("hello", new FakeLambdaContext("req-1"));

        assertThat(response).isEqualTo("PT0.2S");
        assertThat(Batches.events(transport.bodies().get(0))).extracting(e -> e.get("event")).containsExactly("hello");
    }
}
