// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.gcf.internal;

import dev.edgehog.DeliveryResult;
import dev.edgehog.PostHog;
import dev.edgehog.gcf.FlushOptions;
import dev.edgehog.gcf.PostHogGcf;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;

/**
 * The per-invocation contract every Cloud Function wrapper shares: run the function, capture
 * an exception it throws, flush in {@code finally}, rethrow the exception unchanged.
 *
 * <p>Implementation notes. The flush runs on the invocation's own thread before the wrapper
 * returns. That is what puts it before the response: the Functions Framework completes an HTTP
 * response (and acknowledges a CloudEvent) only after {@code service}/{@code accept} has
 * returned, and Cloud Functions may throttle the instance's CPU as soon as the response is
 * out, so work left for later could be frozen indefinitely. Nothing here may fail the
 * function: the capture and the flush are guarded, and a {@link RuntimeException} from either
 * is logged and swallowed so the function's own outcome (its return or its exception, the
 * same instance) is what the framework sees.
 */
public final class InvocationRunner {
    private static final Logger LOG = System.getLogger("edgehog");

    private InvocationRunner() {}

    /**
     * Runs one invocation.
     *
     * @param client the client (shared by every invocation of the instance)
     * @param options the flush options
     * @param body the function's work
     * @param <T> what the body returns
     * @param <E> what the body may throw
     * @return what the body returned
     * @throws E the body's exception, unchanged, after it was captured and the flush ran
     */
    public static <T, E extends Exception> T run(PostHog client, FlushOptions options,
            PostHogGcf.Invocation<T, E> body) throws E {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(body, "body");
        refreshFlags(client);
        try {
            return body.run();
        } catch (Exception e) {
            if (options.isCaptureExceptions()) {
                capture(client, e);
            }
            throw e;
        } finally {
            flush(client, options);
        }
    }

    /**
     * Invocation start: refreshes stale flag definitions, bounded by the client's refresh
     * timeout (GCF tells a function nothing about its remaining time); nothing when they are
     * fresh or local evaluation is off. Never throws.
     *
     * @param client the client
     */
    static void refreshFlags(PostHog client) {
        try {
            client.refreshFeatureFlagsIfStale(client.options().flagDefinitionsRefreshTimeout());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "refreshing PostHog flag definitions failed: " + e + "; the current ones stay in use");
        }
    }

    /**
     * Flushes the client within the options' deadline; never throws.
     *
     * @param client the client
     * @param options the flush options
     * @return what the flush did, or null when it failed unexpectedly
     */
    public static DeliveryResult flush(PostHog client, FlushOptions options) {
        Duration timeout = flushTimeout(client, options);
        try {
            DeliveryResult result = client.flush(timeout);
            LOG.log(Level.DEBUG, () -> "end of invocation flush (deadline " + timeout + "): " + result);
            return result;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "end of invocation flush failed: " + e + "; the function's result is unaffected");
            LOG.log(Level.DEBUG, "cause of the above", e);
            return null;
        }
    }

    /**
     * @param client the client
     * @param options the flush options
     * @return the options' flush timeout, or the client's when the options have none
     */
    public static Duration flushTimeout(PostHog client, FlushOptions options) {
        return options.flushTimeout() != null ? options.flushTimeout() : client.options().flushTimeout();
    }

    private static void capture(PostHog client, Exception error) {
        try {
            client.captureException(error);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "capturing the function's exception failed: " + e + "; it is rethrown unchanged");
            LOG.log(Level.DEBUG, "cause of the above", e);
        }
    }
}
