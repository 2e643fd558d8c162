// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.gcf;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import dev.edgehog.PostHog;
import dev.edgehog.gcf.internal.HeldOpenResponse;
import dev.edgehog.gcf.internal.InvocationRunner;
import java.util.Objects;

/**
 * An HTTP Cloud Function that sends the PostHog events of each invocation before the
 * response goes out. Extend it, implement {@link #handle}, and pass the instance's client to
 * the constructor:
 *
 * <pre>{@code
 * public class OrderFunction extends FlushingHttpFunction {
 *     private static final PostHog POSTHOG = PostHogGcf.clientFromEnvironment(); // once per instance
 *
 *     public OrderFunction() {
 *         super(POSTHOG);
 *     }
 *
 *     @Override
 *     protected void handle(HttpRequest request, HttpResponse response) throws Exception {
 *         posthog().capture("user-1", "order placed");
 *         response.getWriter().write("ok");
 *     }
 * }
 * }</pre>
 *
 * <h2>Per invocation</h2>
 * <ol>
 *   <li>{@link #handle} runs.</li>
 *   <li>If it throws an {@link Exception} (and {@link FlushOptions#isCaptureExceptions()}),
 *       the exception is captured as a personless {@code $exception} event.</li>
 *   <li>In {@code finally}, the client is flushed with the deadline described in {@link
 *       FlushOptions}, on this thread, before {@link #service} returns. The Functions Framework
 *       completes the response only after {@code service} returns, so the invocation's events
 *       have reached PostHog (or been given up on within the deadline) before the caller sees
 *       the response. An invocation that captured nothing makes no request.</li>
 *   <li>The exception, if any, is rethrown unchanged (the same instance), so the framework
 *       answers 500 as it would without the wrapper.</li>
 * </ol>
 * Telemetry never fails the function: delivery problems are reported through the client's
 * logging and {@link dev.edgehog.ErrorListener}, and undelivered events stay queued for the
 * next invocation's flush.
 *
 * <p>The Functions Framework would send the response as soon as the function closes its
 * writer or output stream (as a {@code try (Writer w = response.getWriter())} block does), so
 * the response {@code handle} receives holds such a close back: closing does nothing, and the
 * framework completes the response after the flush. Everything else passes straight through
 * to the framework's response; an explicit {@code flush()} of the writer still sends what was
 * written so far (the response is complete only when the framework ends it).
 *
 * <p>The Functions Framework creates one instance of the function class per function instance
 * and may call {@code service} concurrently (Cloud Functions 2nd gen concurrency); the wrapper
 * is thread-safe, and a flush then also sends events other invocations have queued.
 *
 * @since 0.1.0
 */
public abstract class FlushingHttpFunction implements HttpFunction {
    private final PostHog posthog;
    private final FlushOptions options;

    /**
     * Wraps with the default {@link FlushOptions}.
     *
     * @param posthog the client, created once per function instance (a static field) and
     *     reused by every invocation
     */
    protected FlushingHttpFunction(PostHog posthog) {
        this(posthog, FlushOptions.defaults());
    }

    /**
     * @param posthog the client, created once per function instance and reused
     * @param options how each invocation ends
     */
    protected FlushingHttpFunction(PostHog posthog, FlushOptions options) {
        this.posthog = Objects.requireNonNull(posthog, "posthog");
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Handles one request: the function's own work.
     *
     * @param request the request
     * @param response the response (closing its writer or stream is held back until the
     *     flush has run; see the class description)
     * @throws Exception anything; it is captured and rethrown unchanged
     */
    protected abstract void handle(HttpRequest request, HttpResponse response) throws Exception;

    /**
     * Runs {@link #handle}, captures its exception, flushes, and rethrows.
     *
     * @param request the request
     * @param response the response
     * @throws Exception the exception {@link #handle} threw, the same instance
     */
    @Override
    public final void service(HttpRequest request, HttpResponse response) throws Exception {
        HttpResponse heldOpen = new HeldOpenResponse(response);
        InvocationRunner.run(posthog, options, () -> {
            handle(request, heldOpen);
            return null;
        });
    }

    /** @return the client the invocations use */
    protected final PostHog posthog() {
        return posthog;
    }

    /** @return the options each invocation ends with */
    protected final FlushOptions flushOptions() {
        return options;
    }
}
