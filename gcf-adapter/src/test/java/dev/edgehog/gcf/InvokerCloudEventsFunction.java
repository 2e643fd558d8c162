// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.gcf;

import dev.edgehog.PostHog;
import io.cloudevents.CloudEvent;
import java.util.Map;

/**
 * The CloudEvents function {@link FlushingCloudEventsFunctionInvokerTest} runs under the real
 * invoker. It captures one event per CloudEvent, carrying the CloudEvent's id, and throws when
 * the CloudEvent's type ends in {@code .fail}.
 */
public class InvokerCloudEventsFunction extends FlushingCloudEventsFunction {
    private static final PostHog POSTHOG = PostHogGcf.clientFromEnvironment();

    /** Called by the invoker, once per instance. */
    public InvokerCloudEventsFunction() {
        super(POSTHOG);
    }

    @Override
    protected void handle(CloudEvent event) {
        posthog().capture("e2e-system", "cloud event handled", Map.of("ce_id", event.getId(), "ce_type", event.getType()));
        if (event.getType().endsWith(".fail")) {
            throw new IllegalStateException("e2e failure " + event.getId());
        }
    }
}
