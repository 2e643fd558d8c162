// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.examples.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import dev.edgehog.Event;
import dev.edgehog.PostHog;
import dev.edgehog.lambda.FlushingRequestHandler;
import dev.edgehog.lambda.PostHogLambda;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A sample Lambda handler: records an {@code order placed} event per order and answers with a
 * receipt. Extending {@link FlushingRequestHandler} is all the wiring there is: the event is
 * buffered while the handler runs and sent, in one batch, before Lambda gets the receipt;
 * a thrown exception is captured as {@code $exception} and rethrown.
 *
 * <p>Handler string: {@code dev.edgehog.examples.lambda.OrderHandler::handleRequest}.
 */
public class OrderHandler extends FlushingRequestHandler<Map<String, Object>, Map<String, Object>> {
    /**
     * One client per execution environment: built during init from POSTHOG_API_KEY,
     * POSTHOG_HOST, ... and reused by every warm invocation. Without POSTHOG_API_KEY it is a
     * disabled client and the handler still works.
     */
    private static final PostHog POSTHOG = PostHogLambda.clientFromEnvironment();

    /** Called by the Lambda runtime, once per execution environment. */
    public OrderHandler() {
        super(POSTHOG);
    }

    /**
     * For tests: a handler around a given client.
     *
     * @param posthog the client
     */
    OrderHandler(PostHog posthog) {
        super(PostHogLambda.builder(posthog).snapStart(false).build());
    }

    @Override
    protected Map<String, Object> handle(Map<String, Object> order, Context context) {
        Object customer = order.get("customer");
        if (customer == null) {
            throw new IllegalArgumentException("order without a customer");
        }
        posthog().capture(Event.builder("order placed")
                .distinctId(customer.toString())
                .property("order_id", order.get("id"))
                .property("amount", order.get("amount"))
                .property("aws_request_id", context.getAwsRequestId())
                .build());

        Map<String, Object> receipt = new LinkedHashMap<>();
        receipt.put("order", order.get("id"));
        receipt.put("status", "accepted");
        return receipt;
    }
}
