// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.examples.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.edgehog.lambda.PostHogLambda;
import java.util.Map;

/**
 * The same contract for a handler that cannot extend a class (it already has a superclass, or
 * a framework creates it): keep a {@link PostHogLambda} in a static field, so the client and
 * its SnapStart hooks live as long as the execution environment, and run the body through
 * {@link PostHogLambda#invoke}.
 *
 * <p>Handler string: {@code dev.edgehog.examples.lambda.PingHandler::handleRequest}.
 */
public class PingHandler implements RequestHandler<Map<String, Object>, String> {
    private static final PostHogLambda POSTHOG = PostHogLambda.fromEnvironment();

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        return POSTHOG.invoke(context, () -> {
            POSTHOG.posthog().capture(String.valueOf(event.getOrDefault("from", "anonymous")), "pinged");
            return "pong";
        });
    }
}
