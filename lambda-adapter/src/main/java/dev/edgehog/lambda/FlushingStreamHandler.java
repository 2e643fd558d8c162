// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.edgehog.PostHog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;

/**
 * A {@link RequestStreamHandler} that sends the PostHog events of each invocation before the
 * invocation ends: implement {@link #handle}, and {@link #handleRequest} runs it through
 * {@link PostHogLambda#run} (exception captured and rethrown, flush in {@code finally} within
 * the invocation's deadline). The runtime posts what was written to the output stream after
 * {@code handleRequest} returns, so the flush always precedes the response.
 *
 * <pre>{@code
 * public class EchoHandler extends FlushingStreamHandler {
 *     private static final PostHog POSTHOG = PostHogLambda.clientFromEnvironment();
 *
 *     public EchoHandler() {
 *         super(POSTHOG);
 *     }
 *
 *     protected void handle(InputStream in, OutputStream out, Context context) throws IOException {
 *         posthog().capture("user-1", "echoed");
 *         in.transferTo(out);
 *     }
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public abstract class FlushingStreamHandler implements RequestStreamHandler {
    private final PostHogLambda lambda;

    /**
     * Wraps a client with the default adapter settings ({@link PostHogLambda#create(PostHog)}).
     *
     * @param posthog the client, created once per execution environment
     */
    protected FlushingStreamHandler(PostHog posthog) {
        this(PostHogLambda.create(posthog));
    }

    /**
     * Uses a configured adapter.
     *
     * @param lambda the adapter
     */
    protected FlushingStreamHandler(PostHogLambda lambda) {
        this.lambda = Objects.requireNonNull(lambda, "lambda");
    }

    /**
     * The handler's work. Capture events with {@link #posthog()}; they are sent before the
     * invocation ends.
     *
     * @param input the raw event
     * @param output where the response goes
     * @param context the invocation's context
     * @throws IOException when reading or writing fails
     */
    protected abstract void handle(InputStream input, OutputStream output, Context context) throws IOException;

    /**
     * Runs {@link #handle} and flushes; see {@link PostHogLambda#run}. Final so the flush cannot
     * be bypassed by accident.
     *
     * @param input the raw event
     * @param output where the response goes
     * @param context the invocation's context
     * @throws IOException the handler's exception, unchanged
     */
    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        lambda.run(context, () -> handle(input, output, context));
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
