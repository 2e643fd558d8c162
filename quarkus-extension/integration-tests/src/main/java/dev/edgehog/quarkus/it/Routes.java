// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.quarkus.it;

import dev.edgehog.Event;
import dev.edgehog.PostHog;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** A tiny HTTP application capturing events and evaluating a flag with the injected client. */
@ApplicationScoped
public class Routes {
    void routes(@Observes Router router, PostHog posthog) {
        router.get("/orders/:id").handler(ctx -> {
            posthog.capture(Event.builder("order viewed")
                    .distinctId("customer-" + ctx.pathParam("id"))
                    .property("order", ctx.pathParam("id"))
                    .build());
            ctx.end("viewed " + ctx.pathParam("id"));
        });
        router.get("/flags/:key").blockingHandler(ctx ->
                ctx.end(String.valueOf(posthog.getFeatureFlag(ctx.pathParam("key"), "user-1"))));
    }
}
