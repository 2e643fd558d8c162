// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.examples.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import dev.edgehog.PostHog;
import dev.edgehog.SendMode;
import dev.edgehog.spi.TransportRequest;
import dev.edgehog.spi.TransportResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** How a user can test a handler: call it directly with a stub context and a recording transport. */
class OrderHandlerTest {
    private final List<TransportRequest> sent = new CopyOnWriteArrayList<>();
    private final PostHog posthog = PostHog.builder("phc_example")
            .sendMode(SendMode.BUFFERED)
            .transport(request -> {
                sent.add(request);
                return TransportResponse.of(200);
            })
            .build();
    private final OrderHandler handler = new OrderHandler(posthog);

    @Test
    void sendsTheOrderEventBeforeAnsweringWithTheReceipt() throws IOException {
        Map<String, Object> receipt = handler.handleRequest(Map.of("id", "o-1", "customer", "c-9", "amount", 12.5),
                context("req-1"));

        assertThat(receipt).containsEntry("order", "o-1").containsEntry("status", "accepted");
        assertThat(sent).hasSize(1);
        assertThat(gunzip(sent.get(0).body())).contains("\"order placed\"").contains("\"c-9\"").contains("\"req-1\"");
    }

    @Test
    void capturesARejectedOrderAndRethrows() throws IOException {
        assertThatThrownBy(() -> handler.handleRequest(Map.of("id", "o-2"), context("req-2")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("order without a customer");

        assertThat(sent).hasSize(1);
        assertThat(gunzip(sent.get(0).body())).contains("\"$exception\"").contains("order without a customer");
    }

    private static String gunzip(byte[] body) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Context context(String requestId) {
        return new Context() {
            @Override
            public String getAwsRequestId() {
                return requestId;
            }

            @Override
            public String getLogGroupName() {
                return "/aws/lambda/orders";
            }

            @Override
            public String getLogStreamName() {
                return "test";
            }

            @Override
            public String getFunctionName() {
                return "orders";
            }

            @Override
            public String getFunctionVersion() {
                return "$LATEST";
            }

            @Override
            public String getInvokedFunctionArn() {
                return "arn:aws:lambda:eu-west-1:000000000000:function:orders";
            }

            @Override
            public CognitoIdentity getIdentity() {
                return null;
            }

            @Override
            public ClientContext getClientContext() {
                return null;
            }

            @Override
            public int getRemainingTimeInMillis() {
                return 30_000;
            }

            @Override
            public int getMemoryLimitInMB() {
                return 512;
            }

            @Override
            public LambdaLogger getLogger() {
                return null;
            }
        };
    }
}
