// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.lambda.e2e;

import com.amazonaws.services.lambda.runtime.Context;
import dev.edgehog.PostHog;
import dev.edgehog.lambda.FlushingRequestHandler;
import dev.edgehog.lambda.PostHogLambda;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The handler the end-to-end test runs under the real runtime interface client, written the way
 * a user would. The event says what to do: {@code events} (how many to capture), {@code
 * scenario} (copied into each event), {@code fail} (throw after capturing).
 */
public class E2eHandler extends FlushingRequestHandler<Map<String, Object>, Map<String, Object>> {
    /** Created once per execution environment, reused by every warm invocation. */
    private static final PostHog POSTHOG = PostHogLambda.optionsFromEnvironment(System.getenv())
            .retryDelay(Duration.ofMillis(5))
            .build();

    /**
     * Called by the runtime, once per execution environment. The safety margin is wider than
     * the 200 ms default so the near-deadline test keeps its point on a loaded build machine:
     * what is asserted is that the response beats the deadline, and the runtime needs a moment
     * after the flush to post it.
     */
    public E2eHandler() {
        super(PostHogLambda.builder(POSTHOG).safetyMargin(Duration.ofMillis(500)).build());
    }

    @Override
    protected Map<String, Object> handle(Map<String, Object> event, Context context) {
        int events = ((Number) event.getOrDefault("events", 0)).intValue();
        Object scenario = event.get("scenario");
        for (int i = 0; i < events; i++) {
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("scenario", scenario);
            props.put("invocation", context.getAwsRequestId());
            props.put("i", i);
            posthog().capture("user-" + scenario, "e2e step", props);
        }
        if (Boolean.TRUE.equals(event.get("fail"))) {
            throw new IllegalStateException("handler failed in " + context.getAwsRequestId());
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("captured", events);
        response.put("requestId", context.getAwsRequestId());
        return response;
    }
}
