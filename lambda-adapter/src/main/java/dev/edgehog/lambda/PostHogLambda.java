// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import dev.edgehog.DeliveryResult;
import dev.edgehog.PostHog;
import dev.edgehog.PostHogOptions;
import dev.edgehog.SendMode;
import dev.edgehog.lambda.internal.FlushBudget;
import dev.edgehog.lambda.internal.SnapStartResource;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.crac.Resource;

/**
 * Runs Lambda invocations so that the PostHog events they capture are sent before the
 * invocation ends: the per-invocation contract behind {@link FlushingRequestHandler} and
 * {@link FlushingStreamHandler}, usable directly by handlers that cannot extend a class.
 *
 * <p>Per invocation, {@link #invoke} (and the static {@link #withFlush(PostHog, Context,
 * Invocation) withFlush}):
 * <ol>
 *   <li>runs the handler body;</li>
 *   <li>if it throws, captures the exception as a {@code $exception} event (unless {@link
 *       Builder#captureExceptions(boolean) turned off}) and rethrows the very same instance;</li>
 *   <li>in {@code finally}, flushes the client with a deadline of the smaller of the {@link
 *       Builder#flushTimeout(Duration) flush timeout} and the invocation's remaining time minus
 *       the {@link Builder#safetyMargin(Duration) safety margin}, so the flush can never push
 *       the function past its timeout. When less than the margin is left, nothing is sent and
 *       the events stay queued for the next invocation.</li>
 * </ol>
 * Telemetry never fails the invocation: nothing here throws except the handler's own exception.
 * A flush that leaves events undelivered is logged as a WARNING (logger {@code edgehog}) and
 * reported to the {@link FlushListener}.
 *
 * <p>The client lives once per execution environment: create it during init (a static field)
 * and reuse it on every warm invocation. With {@link SendMode#BUFFERED}, which {@link
 * #clientFromEnvironment()} selects, events are buffered during the invocation and sent in one
 * batch at its end; an invocation that captured nothing makes no request.
 *
 * <pre>{@code
 * public class OrderHandler implements RequestHandler<Map<String, Object>, String> {
 *     private static final PostHogLambda POSTHOG = PostHogLambda.fromEnvironment();
 *
 *     public String handleRequest(Map<String, Object> order, Context context) {
 *         return POSTHOG.invoke(context, () -> {
 *             POSTHOG.posthog().capture("user-1", "order placed", order);
 *             return "ok";
 *         });
 *     }
 * }
 * }</pre>
 *
 * <h2>SnapStart</h2>
 * An instance built by {@link #builder(PostHog)} (or {@link #create(PostHog)}, {@link
 * #fromEnvironment()}) registers a CRaC resource with {@code org.crac.Core.getGlobalContext()}:
 * before the snapshot it flushes and drops connections, after a restore it calls {@link
 * PostHog#afterRestore()}. CRaC keeps only a weak reference, so the instance holds it: keep the
 * instance for the life of the environment (a static field, or a handler field). On a JVM
 * without CRaC the registration does nothing. The static {@link #withFlush(PostHog, Context,
 * Invocation)} registers nothing.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class PostHogLambda {
    /** The default time kept back from the invocation's remaining time: 200 ms. */
    public static final Duration DEFAULT_SAFETY_MARGIN = Duration.ofMillis(200);

    private static final Logger LOG = System.getLogger("edgehog");

    private final PostHog posthog;
    private final Duration flushTimeout;
    private final Duration safetyMargin;
    private final boolean captureExceptions;
    private final FlushListener flushListener;
    /** Strong reference: CRaC only holds registered resources weakly. */
    private final Resource snapStartResource;

    private PostHogLambda(Builder b, boolean registerSnapStart) {
        this.posthog = b.posthog;
        this.flushTimeout = b.flushTimeout != null ? b.flushTimeout : b.posthog.options().flushTimeout();
        this.safetyMargin = b.safetyMargin;
        this.captureExceptions = b.captureExceptions;
        this.flushListener = b.flushListener;
        if (registerSnapStart && b.snapStart) {
            SnapStartResource r = new SnapStartResource(posthog, flushTimeout);
            b.cracContext.register(r);
            this.snapStartResource = r;
        } else {
            this.snapStartResource = null;
        }
    }

    // ---------------------------------------------------------------- creation

    /**
     * Starts configuring the adapter for a client.
     *
     * @param posthog the client, created once per execution environment
     * @return a builder
     */
    public static Builder builder(PostHog posthog) {
        return new Builder(posthog);
    }

    /**
     * The adapter with default settings (200 ms safety margin, the client's flush timeout,
     * exceptions captured, SnapStart hooks registered).
     *
     * @param posthog the client, created once per execution environment
     * @return the adapter
     */
    public static PostHogLambda create(PostHog posthog) {
        return builder(posthog).build();
    }

    /**
     * The adapter with default settings around {@link #clientFromEnvironment()}.
     *
     * @return the adapter; its client is disabled (with a WARNING) when {@code POSTHOG_API_KEY}
     *     is not set
     */
    public static PostHogLambda fromEnvironment() {
        return create(clientFromEnvironment());
    }

    /**
     * A client configured from the process environment for Lambda; see {@link
     * #optionsFromEnvironment(Map)}.
     *
     * @return the client
     * @throws IllegalArgumentException when an environment variable holds an invalid value
     */
    public static PostHog clientFromEnvironment() {
        return optionsFromEnvironment(System.getenv()).build();
    }

    /**
     * Client options read by {@link PostHogOptions#fromEnvironment(Map)}, with Lambda defaults
     * where the environment says nothing: {@link SendMode#BUFFERED} (unless {@code
     * POSTHOG_SEND_MODE} is set) and {@code flushAt} equal to the batch size limit (unless
     * {@code POSTHOG_FLUSH_AT} is set), so an invocation's events stay queued until its end and
     * leave in one request (up to {@link PostHogOptions#DEFAULT_MAX_BATCH_SIZE} events per
     * request).
     *
     * @param env the environment, e.g. {@link System#getenv()}
     * @return a builder to adjust further and {@link PostHogOptions.Builder#build() build}
     * @throws IllegalArgumentException when an environment variable holds an invalid value
     */
    public static PostHogOptions.Builder optionsFromEnvironment(Map<String, String> env) {
        PostHogOptions.Builder b = PostHogOptions.fromEnvironment(env);
        if (isBlank(env.get("POSTHOG_SEND_MODE"))) {
            b.sendMode(SendMode.BUFFERED);
        }
        if (isBlank(env.get("POSTHOG_FLUSH_AT"))) {
            b.flushAt(PostHogOptions.DEFAULT_MAX_BATCH_SIZE);
        }
        return b;
    }

    // ---------------------------------------------------------------- invocations

    /**
     * Runs one invocation with the default adapter settings and flushes {@code posthog} before
     * returning. Registers no SnapStart hooks; for those, keep a {@link PostHogLambda} in a
     * static field and call {@link #invoke(Context, Invocation)}.
     *
     * @param posthog the client
     * @param context the invocation's context (null: only the flush timeout limits the flush)
     * @param body the handler's work
     * @param <T> the result type
     * @param <E> the checked exception the body may throw
     * @return what the body returned
     * @throws E the body's exception, unchanged, after it was captured and the flush ran
     */
    public static <T, E extends Exception> T withFlush(PostHog posthog, Context context, Invocation<T, E> body)
            throws E {
        return new Builder(posthog).buildWithoutSnapStart().invoke(context, body);
    }

    /**
     * Runs one invocation that returns nothing; see {@link #withFlush(PostHog, Context, Invocation)}.
     *
     * @param posthog the client
     * @param context the invocation's context (null: only the flush timeout limits the flush)
     * @param body the handler's work
     * @param <E> the checked exception the body may throw
     * @throws E the body's exception, unchanged, after it was captured and the flush ran
     */
    public static <E extends Exception> void withFlush(PostHog posthog, Context context, VoidInvocation<E> body)
            throws E {
        new Builder(posthog).buildWithoutSnapStart().run(context, body);
    }

    /**
     * Runs one invocation and flushes before returning, as described in the class comment.
     *
     * @param context the invocation's context (null: only the flush timeout limits the flush)
     * @param body the handler's work
     * @param <T> the result type
     * @param <E> the checked exception the body may throw
     * @return what the body returned
     * @throws E the body's exception, unchanged, after it was captured and the flush ran
     */
    public <T, E extends Exception> T invoke(Context context, Invocation<T, E> body) throws E {
        Objects.requireNonNull(body, "body");
        beforeInvocation(context);
        try {
            return body.call();
        } catch (Throwable t) {
            captureFailure(t, context);
            throw t;
        } finally {
            flush(context);
        }
    }

    /**
     * Runs one invocation that returns nothing; see {@link #invoke(Context, Invocation)}.
     *
     * @param context the invocation's context (null: only the flush timeout limits the flush)
     * @param body the handler's work
     * @param <E> the checked exception the body may throw
     * @throws E the body's exception, unchanged, after it was captured and the flush ran
     */
    public <E extends Exception> void run(Context context, VoidInvocation<E> body) throws E {
        Objects.requireNonNull(body, "body");
        beforeInvocation(context);
        try {
            body.run();
        } catch (Throwable t) {
            captureFailure(t, context);
            throw t;
        } finally {
            flush(context);
        }
    }

    /**
     * Flushes the client within the invocation's budget: the smaller of the flush timeout and
     * the remaining time minus the safety margin. With less than the margin left it sends
     * nothing and reports the queued events as {@link DeliveryResult#pending() pending}.
     * {@link #invoke} calls this in {@code finally}; call it yourself only when you run the
     * handler body some other way.
     *
     * @param context the invocation's context (null: only the flush timeout applies)
     * @return what the flush did; never throws
     */
    public DeliveryResult flush(Context context) {
        long remaining;
        Duration budget;
        DeliveryResult result;
        try {
            remaining = context == null ? -1 : context.getRemainingTimeInMillis();
            budget = FlushBudget.of(flushTimeout, remaining, safetyMargin);
            result = posthog.flush(budget);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "Lambda invocation " + requestId(context) + ": flushing the PostHog client failed ("
                    + e + "); the invocation goes on");
            return DeliveryResult.EMPTY;
        }
        if (result.pending() > 0 || result.failed() > 0) {
            LOG.log(Level.WARNING, "Lambda invocation " + requestId(context) + ": " + (result.pending() + result.failed())
                    + " PostHog event(s) not delivered by the end of the invocation (flush budget " + budget.toMillis()
                    + " ms of " + remaining + " ms remaining, safety margin " + safetyMargin.toMillis() + " ms); "
                    + result.pending() + " stay queued for the next invocation: " + result);
        }
        if (flushListener != null) {
            try {
                flushListener.onFlush(context, result);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Lambda invocation " + requestId(context) + ": the flush listener threw " + e
                        + "; ignored");
            }
        }
        return result;
    }

    // ---------------------------------------------------------------- accessors

    /** @return the client */
    public PostHog posthog() {
        return posthog;
    }

    /** @return the longest an invocation's flush may take */
    public Duration flushTimeout() {
        return flushTimeout;
    }

    /** @return the time kept back from the invocation's remaining time */
    public Duration safetyMargin() {
        return safetyMargin;
    }

    /** @return whether a handler exception is captured as {@code $exception} */
    public boolean isCaptureExceptions() {
        return captureExceptions;
    }

    /** @return the registered SnapStart resource, or null when none was registered */
    Resource snapStartResource() {
        return snapStartResource;
    }

    @Override
    public String toString() {
        return "PostHogLambda[" + posthog + ", flushTimeout " + flushTimeout.toMillis() + " ms, safetyMargin "
                + safetyMargin.toMillis() + " ms" + (captureExceptions ? ", captures exceptions" : "")
                + (snapStartResource != null ? ", SnapStart hooks registered" : "") + "]";
    }

    // ---------------------------------------------------------------- internals

    /**
     * Invocation start: refreshes flag definitions when they are stale, bounded by the client's
     * refresh timeout and by the invocation's remaining time less the safety margin (the same
     * budget rule as the flush); nothing when they are fresh or local evaluation is off. Never
     * throws: a failed refresh leaves the current definitions in use.
     */
    private void beforeInvocation(Context context) {
        try {
            long remaining = context == null ? -1 : context.getRemainingTimeInMillis();
            Duration budget = FlushBudget.of(posthog.options().flagDefinitionsRefreshTimeout(), remaining, safetyMargin);
            if (!budget.isZero()) {
                posthog.refreshFeatureFlagsIfStale(budget);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Lambda invocation " + requestId(context)
                    + ": refreshing PostHog flag definitions failed (" + e + "); the current ones stay in use");
        }
    }

    private void captureFailure(Throwable error, Context context) {
        if (!captureExceptions || error instanceof VirtualMachineError) {
            return;
        }
        try {
            Map<String, Object> props = new LinkedHashMap<>();
            if (context != null) {
                props.put("aws_request_id", context.getAwsRequestId());
                props.put("aws_function_name", context.getFunctionName());
            }
            posthog.captureException(error, null, props);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Lambda invocation " + requestId(context) + ": capturing the handler's exception failed ("
                    + e + "); the handler's exception is rethrown");
        }
    }

    private static String requestId(Context context) {
        return context == null ? "(no context)" : context.getAwsRequestId();
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    /** Configures a {@link PostHogLambda}. Not thread-safe. */
    public static final class Builder {
        private final PostHog posthog;
        private Duration flushTimeout;
        private Duration safetyMargin = DEFAULT_SAFETY_MARGIN;
        private boolean captureExceptions = true;
        private FlushListener flushListener;
        private boolean snapStart = true;
        private org.crac.Context<Resource> cracContext;

        private Builder(PostHog posthog) {
            this.posthog = Objects.requireNonNull(posthog, "posthog");
        }

        /**
         * @param flushTimeout the longest an invocation's flush may take, whatever time remains
         *     (default: the client's {@link PostHogOptions#flushTimeout()}); positive
         * @return this builder
         */
        public Builder flushTimeout(Duration flushTimeout) {
            this.flushTimeout = flushTimeout;
            return this;
        }

        /**
         * @param safetyMargin the time kept back from the invocation's remaining time for the
         *     runtime to post the response (default {@link #DEFAULT_SAFETY_MARGIN}); zero or more
         * @return this builder
         */
        public Builder safetyMargin(Duration safetyMargin) {
            this.safetyMargin = safetyMargin;
            return this;
        }

        /**
         * @param captureExceptions whether a handler exception is captured as {@code $exception}
         *     (with {@code aws_request_id} and {@code aws_function_name} properties) before it is
         *     rethrown (default true)
         * @return this builder
         */
        public Builder captureExceptions(boolean captureExceptions) {
            this.captureExceptions = captureExceptions;
            return this;
        }

        /**
         * @param flushListener told what each invocation's flush did (default none)
         * @return this builder
         */
        public Builder flushListener(FlushListener flushListener) {
            this.flushListener = flushListener;
            return this;
        }

        /**
         * @param snapStart whether {@link #build()} registers the SnapStart (CRaC) hooks
         *     (default true; without a CRaC runtime the registration does nothing)
         * @return this builder
         */
        public Builder snapStart(boolean snapStart) {
            this.snapStart = snapStart;
            return this;
        }

        /** Test seam: the CRaC context the SnapStart resource is registered with. */
        Builder cracContext(org.crac.Context<Resource> cracContext) {
            this.cracContext = cracContext;
            return this;
        }

        /**
         * Validates the settings and builds the adapter, registering the SnapStart hooks.
         *
         * @return the adapter
         * @throws IllegalArgumentException naming the option and value when a setting is invalid
         */
        public PostHogLambda build() {
            validate();
            if (snapStart && cracContext == null) {
                cracContext = org.crac.Core.getGlobalContext();
            }
            return new PostHogLambda(this, true);
        }

        private PostHogLambda buildWithoutSnapStart() {
            return new PostHogLambda(this, false);
        }

        private void validate() {
            if (flushTimeout != null && (flushTimeout.isNegative() || flushTimeout.isZero())) {
                throw new IllegalArgumentException("flushTimeout must be positive (was " + flushTimeout + ")");
            }
            if (safetyMargin == null || safetyMargin.isNegative()) {
                throw new IllegalArgumentException("safetyMargin must be zero or more (was " + safetyMargin + ")");
            }
        }
    }
}
