// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.quarkus.it.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.edgehog.Event;
import dev.edgehog.PostHog;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * A plain handler: it captures and never flushes; the extension flushes after each invocation.
 * An order without a customer fails the invocation.
 */
public class OrderHandler implements RequestHandler<Map<String, Object>, String> {
    @Inject
    PostHog posthog;

    @Override
    public String handleRequest(Map<String, Object> order, Context context) {
        Object customer = order.get("customer");
        if (customer == null) {
            throw new IllegalArgumentException("order without customer");
        }
        posthog.capture(Event.builder("order placed")
                .distinctId(customer.toString())
                .property("request", context.getAwsRequestId())
                .build());
        return "placed for " + customer;
    }
}
