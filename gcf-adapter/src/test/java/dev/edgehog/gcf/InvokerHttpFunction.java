// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.gcf;

import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import dev.edgehog.PostHog;
import java.io.BufferedWriter;
import java.util.Map;

/**
 * The HTTP function {@link FlushingHttpFunctionInvokerTest} runs under the real invoker, wired
 * the way the README tells users to: a static client from the environment, reused warm.
 * Query parameters steer it: {@code id} names the invocation, {@code events} is how many events
 * to capture, {@code close} makes it close the response writer itself, and {@code fail} makes
 * it throw after capturing one. The {@code X-Edgehog-Client} response header identifies the
 * client instance, so tests can see it is reused across warm invocations.
 */
public class InvokerHttpFunction extends FlushingHttpFunction {
    private static final PostHog POSTHOG = PostHogGcf.clientFromEnvironment();

    /** Called by the invoker, once per instance. */
    public InvokerHttpFunction() {
        super(POSTHOG);
    }

    @Override
    protected void handle(HttpRequest request, HttpResponse response) throws Exception {
        String id = request.getFirstQueryParameter("id").orElse("none");
        if (request.getFirstQueryParameter("fail").isPresent()) {
            posthog().capture("e2e-user", "about to fail", Map.of("invocation", id));
            throw new IllegalStateException("e2e failure " + id);
        }
        int events = Integer.parseInt(request.getFirstQueryParameter("events").orElse("0"));
        for (int i = 0; i < events; i++) {
            posthog().capture("e2e-user", "e2e event", Map.of("invocation", id, "index", i));
        }
        response.setContentType("text/plain");
        response.appendHeader("X-Edgehog-Client", Integer.toHexString(System.identityHashCode(posthog())));
        if (request.getFirstQueryParameter("close").isPresent()) {
            try (BufferedWriter writer = response.getWriter()) { // closing would send the response at once
                writer.write("ok " + id);
            }
        } else {
            response.getWriter().write("ok " + id);
        }
    }
}
