// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.edgehog.PostHog;
import java.util.Objects;

/**
 * A {@link RequestHandler} that sends the PostHog events of each invocation before the
 * invocation ends: implement {@link #handle}, and {@link #handleRequest} runs it through
 * {@link PostHogLambda#invoke} (exception captured and rethrown, flush in {@code finally} within
 * the invocation's deadline).
 *
 * <pre>{@code
 * public class OrderHandler extends FlushingRequestHandler<Map<String, Object>, String> {
 *     private static final PostHog POSTHOG = PostHogLambda.clientFromEnvironment(); // once per environment
 *
 *     public OrderHandler() {
 *         super(POSTHOG);
 *     }
 *
 *     protected String handle(Map<String, Object> order, Context context) {
 *         posthog().capture(String.valueOf(order.get("user")), "order placed", order);
 *         return "ok";
 *     }
 * }
 * }</pre>
 *
 * <p>Lambda creates the handler once per execution environment, so the adapter (and its
 * SnapStart hooks) live as long as the environment.
 *
 * @param <I> the input type
 * @param <O> the output type
 * @since 0.1.0
 */
public abstract class FlushingRequestHandler<I, O> implements RequestHandler<I, O> {
    private final PostHogLambda lambda;

    /**
     * Wraps a client with the default adapter settings ({@link PostHogLambda#create(PostHog)}).
     *
     * @param posthog the client, created once per execution environment
     */
    protected FlushingRequestHandler(PostHog posthog) {
        this(PostHogLambda.create(posthog));
    }

    /**
     * Uses a configured adapter.
     *
     * @param lambda the adapter
     */
    protected FlushingRequestHandler(PostHogLambda lambda) {
        this.lambda = Objects.requireNonNull(lambda, "lambda");
    }

    /**
     * The handler's work. Capture events with {@link #posthog()}; they are sent before the
     * invocation ends.
     *
     * @param input the deserialized event
     * @param context the invocation's context
     * @return the response
     */
    protected abstract O handle(I input, Context context);

    /**
     * Runs {@link #handle} and flushes; see {@link PostHogLambda#invoke}. Final so the flush
     * cannot be bypassed by accident.
     *
     * @param input the deserialized event
     * @param context the invocation's context
     * @return what {@link #handle} returned
     */
    @Override
    public final O handleRequest(I input, Context context) {
        return lambda.invoke(context, () -> handle(input, context));
    }

    /** @return the client */
    protected final PostHog posthog() {
        return lambda.posthog();
    }

    /** @return the adapter */
    protected final PostHogLambda lambda() {
        return lambda;
    }
}
