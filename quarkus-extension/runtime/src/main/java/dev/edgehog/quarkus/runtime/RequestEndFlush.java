// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.quarkus.runtime;

import dev.edgehog.DeliveryResult;
import dev.edgehog.PostHog;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.concurrent.Callable;

/**
 * Flushes the client when each HTTP request ends. The deployment step registers this bean only
 * when the application has an HTTP layer (capability {@code io.quarkus.vertx.http}); the
 * extension itself never brings one.
 *
 * <p>The flush runs on a worker thread, never on the event loop, after the response has been
 * written: it adds no latency to the response. A request that left nothing queued schedules
 * nothing.
 *
 * @since 0.1.0
 */
@Singleton
public class RequestEndFlush {
    /** Runs before every other route, so it sees every request, including failed ones. */
    static final int ORDER = Integer.MIN_VALUE;

    /**
     * Installs the end-of-request hook on the application's router.
     *
     * @param router the main router
     * @param posthog the client
     * @param config the run-time configuration
     */
    void install(@Observes Router router, PostHog posthog, PostHogConfig config) {
        if (!config.http().flushOnRequestEnd() || posthog.isDisabled()) {
            return;
        }
        router.route().order(ORDER).handler(ctx -> {
            ctx.addEndHandler(ignored -> flushOffEventLoop(ctx, posthog));
            ctx.next();
        });
    }

    private static void flushOffEventLoop(RoutingContext ctx, PostHog posthog) {
        if (posthog.stats().queued() == 0) {
            return;
        }
        // Unordered: concurrent requests' flushes need not queue behind each other; core lets
        // one flush run at a time and the others find the queue already drained.
        Callable<DeliveryResult> flush = posthog::flush;
        ctx.vertx().executeBlocking(flush, false);
    }
}
