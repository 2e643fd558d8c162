// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.examples.gcf;

import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import dev.edgehog.Event;
import dev.edgehog.PostHog;
import dev.edgehog.gcf.FlushingHttpFunction;
import dev.edgehog.gcf.PostHogGcf;
import java.io.IOException;

/**
 * A sample HTTP Cloud Function: {@code POST /?sku=...&quantity=...} with an {@code X-User-Id}
 * header places an order and captures {@code order placed}.
 *
 * <p>The client is a static field, so it is created once when the function instance starts and
 * reused by every (warm) invocation. {@link FlushingHttpFunction} sends the invocation's events
 * before the response goes out; a non-numeric {@code quantity} makes the function throw, which
 * the adapter captures as {@code $exception} and rethrows (the framework answers 500).
 */
public class OrderFunction extends FlushingHttpFunction {
    private static final PostHog POSTHOG = PostHogGcf.clientFromEnvironment();

    /** The constructor the Functions Framework calls. */
    public OrderFunction() {
        super(POSTHOG);
    }

    /**
     * For tests: a function with its own client.
     *
     * @param posthog the client
     */
    OrderFunction(PostHog posthog) {
        super(posthog);
    }

    @Override
    protected void handle(HttpRequest request, HttpResponse response) throws IOException {
        String user = request.getFirstHeader("X-User-Id").orElse(null);
        if (user == null || user.isBlank()) {
            response.setStatusCode(400);
            response.getWriter().write("missing X-User-Id header");
            return;
        }
        String sku = request.getFirstQueryParameter("sku").orElse("unknown");
        int quantity = Integer.parseInt(request.getFirstQueryParameter("quantity").orElse("1"));
        posthog().capture(Event.builder("order placed")
                .distinctId(user)
                .property("sku", sku)
                .property("quantity", quantity)
                .build());
        response.setStatusCode(201);
        response.setContentType("text/plain; charset=utf-8");
        response.getWriter().write("order placed: " + quantity + " x " + sku);
    }
}
