// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.lambda.e2e;

import com.amazonaws.services.lambda.runtime.Context;
import dev.edgehog.PostHog;
import dev.edgehog.lambda.FlushingRequestHandler;
import dev.edgehog.lambda.PostHogLambda;
import java.time.Duration;
import java.util.Map;

/**
 * A handler with SnapStart priming: its constructor (run during init, before the snapshot)
 * captures an event, which the adapter's CRaC hook must send before the checkpoint.
 */
public class SnapStartE2eHandler extends FlushingRequestHandler<Map<String, Object>, String> {
    private static final PostHog POSTHOG = PostHogLambda.optionsFromEnvironment(System.getenv())
            .retryDelay(Duration.ofMillis(5))
            .build();

    /** Called by the runtime during init, before the snapshot. */
    public SnapStartE2eHandler() {
        super(POSTHOG);
        posthog().capture("init", "e2e primed");
    }

    @Override
    protected String handle(Map<String, Object> event, Context context) {
        posthog().capture("user-snap", "e2e restored invocation", Map.of("invocation", context.getAwsRequestId()));
        return "ok";
    }
}
