// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.gcf;

import com.google.cloud.functions.CloudEventsFunction;
import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpResponse;
import dev.edgehog.PostHog;
import dev.edgehog.PostHogOptions;
import dev.edgehog.SendMode;
import dev.edgehog.gcf.internal.HeldOpenResponse;
import dev.edgehog.gcf.internal.InvocationRunner;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Entry points of the Cloud Functions adapter for code that does not extend {@link
 * FlushingHttpFunction} or {@link FlushingCloudEventsFunction}, and the client set-up that
 * suits Cloud Functions.
 *
 * <pre>{@code
 * public class OrderFunction extends SomeBaseClass implements HttpFunction {
 *     private static final PostHog POSTHOG = PostHogGcf.clientFromEnvironment(); // once per instance
 *
 *     private final HttpFunction flushing = PostHogGcf.wrap(POSTHOG, this::serve);
 *
 *     @Override
 *     public void service(HttpRequest request, HttpResponse response) throws Exception {
 *         flushing.service(request, response);
 *     }
 *
 *     private void serve(HttpRequest request, HttpResponse response) throws IOException {
 *         POSTHOG.capture("user-1", "order placed");
 *         response.getWriter().write("ok");
 *     }
 * }
 *
 * // or around any block of work:
 * String result = PostHogGcf.withFlush(POSTHOG, () -> compute(request));
 * PostHogGcf.runWithFlush(POSTHOG, () -> POSTHOG.capture("user-1", "job finished"));
 * }</pre>
 *
 * Every wrapper here keeps the contract described in {@link FlushingHttpFunction}: run,
 * capture an exception as {@code $exception} (when enabled), flush in {@code finally} within
 * the {@link FlushOptions} deadline before returning, rethrow the same exception instance.
 *
 * @since 0.1.0
 */
public final class PostHogGcf {
    /**
     * Flush timeout of a client built by {@link #optionsFromEnvironment(Map)} when {@code
     * POSTHOG_FLUSH_TIMEOUT_MS} is not set: 3 s. Cloud Functions has no remaining-time API and
     * the flush delays the response, so the adapter's default is shorter than the core's 10 s:
     * long enough for a couple of retries to a healthy PostHog, short enough that an outage
     * costs each invocation at most that much.
     */
    public static final Duration DEFAULT_FLUSH_TIMEOUT = Duration.ofSeconds(3);

    private PostHogGcf() {}

    /**
     * Work run by {@link #withFlush(PostHog, Invocation)}.
     *
     * @param <T> what it returns
     * @param <E> what it may throw
     */
    @FunctionalInterface
    public interface Invocation<T, E extends Exception> {
        /**
         * @return the result
         * @throws E the failure
         */
        T run() throws E;
    }

    /**
     * Work without a result, run by {@link #runWithFlush(PostHog, Action)}.
     *
     * @param <E> what it may throw
     */
    @FunctionalInterface
    public interface Action<E extends Exception> {
        /** @throws E the failure */
        void run() throws E;
    }

    /**
     * Client options for Cloud Functions, read from the environment (see {@link
     * PostHogOptions#fromEnvironment(Map)} for the variables). On top of what the environment
     * says:
     * <ul>
     *   <li>{@link SendMode#BUFFERED}, always (whatever {@code POSTHOG_SEND_MODE} says), so an
     *       invocation's events are queued and go out together in the flush that ends it;</li>
     *   <li>{@code flushAt} = {@link PostHogOptions#DEFAULT_MAX_BATCH_SIZE} (100) unless {@code
     *       POSTHOG_FLUSH_AT} is set, so up to 100 events make a single request;</li>
     *   <li>{@code flushTimeout} = {@link #DEFAULT_FLUSH_TIMEOUT} unless {@code
     *       POSTHOG_FLUSH_TIMEOUT_MS} is set.</li>
     * </ul>
     * With no API key the client is built disabled (it sends nothing and says so once in the
     * log), so a function deployed without {@code POSTHOG_API_KEY} still runs.
     *
     * @param env the environment ({@code System.getenv()}, or a map in tests)
     * @return a builder; set more options on it (a {@code transport}, hooks...), then build
     * @throws IllegalArgumentException when a variable cannot be parsed, naming it
     */
    public static PostHogOptions.Builder optionsFromEnvironment(Map<String, String> env) {
        Objects.requireNonNull(env, "env");
        PostHogOptions.Builder b = PostHogOptions.fromEnvironment(env).sendMode(SendMode.BUFFERED);
        if (isBlank(env.get("POSTHOG_FLUSH_AT"))) {
            b.flushAt(PostHogOptions.DEFAULT_MAX_BATCH_SIZE);
        }
        if (isBlank(env.get("POSTHOG_FLUSH_TIMEOUT_MS"))) {
            b.flushTimeout(DEFAULT_FLUSH_TIMEOUT);
        }
        return b;
    }

    /**
     * Builds a client from the process environment with {@link #optionsFromEnvironment(Map)}.
     * Call it once per function instance, typically to initialise a static field.
     *
     * @return the client
     * @throws IllegalArgumentException when a variable cannot be parsed, naming it
     */
    public static PostHog clientFromEnvironment() {
        return optionsFromEnvironment(System.getenv()).build();
    }

    /**
     * Wraps an HTTP function with the default {@link FlushOptions}.
     *
     * @param posthog the client, created once per function instance
     * @param function the function
     * @return a function that runs {@code function} and flushes before returning
     */
    public static HttpFunction wrap(PostHog posthog, HttpFunction function) {
        return wrap(posthog, FlushOptions.defaults(), function);
    }

    /**
     * Wraps an HTTP function. As with {@link FlushingHttpFunction}, the function gets a response
     * whose writer and output stream ignore {@code close()}, so the framework completes the
     * response only after the flush.
     *
     * @param posthog the client, created once per function instance
     * @param options how each invocation ends
     * @param function the function
     * @return a function that runs {@code function} and flushes before returning
     */
    public static HttpFunction wrap(PostHog posthog, FlushOptions options, HttpFunction function) {
        requireAll(posthog, options, function);
        return (request, response) -> {
            HttpResponse heldOpen = new HeldOpenResponse(response);
            InvocationRunner.run(posthog, options, () -> {
                function.service(request, heldOpen);
                return null;
            });
        };
    }

    /**
     * Wraps a CloudEvents function with the default {@link FlushOptions}.
     *
     * @param posthog the client, created once per function instance
     * @param function the function
     * @return a function that runs {@code function} and flushes before returning
     */
    public static CloudEventsFunction wrapCloudEvents(PostHog posthog, CloudEventsFunction function) {
        return wrapCloudEvents(posthog, FlushOptions.defaults(), function);
    }

    /**
     * Wraps a CloudEvents function.
     *
     * @param posthog the client, created once per function instance
     * @param options how each invocation ends
     * @param function the function
     * @return a function that runs {@code function} and flushes before returning
     */
    public static CloudEventsFunction wrapCloudEvents(PostHog posthog, FlushOptions options,
            CloudEventsFunction function) {
        requireAll(posthog, options, function);
        return event -> InvocationRunner.run(posthog, options, () -> {
            function.accept(event);
            return null;
        });
    }

    /**
     * Runs work as one invocation with the default {@link FlushOptions}.
     *
     * @param posthog the client
     * @param work the work
     * @param <T> what it returns
     * @param <E> what it may throw
     * @return what {@code work} returned
     * @throws E what {@code work} threw, the same instance, after the flush
     */
    public static <T, E extends Exception> T withFlush(PostHog posthog, Invocation<T, E> work) throws E {
        return withFlush(posthog, FlushOptions.defaults(), work);
    }

    /**
     * Runs work as one invocation: run, capture an exception, flush, rethrow.
     *
     * @param posthog the client
     * @param options how the invocation ends
     * @param work the work
     * @param <T> what it returns
     * @param <E> what it may throw
     * @return what {@code work} returned
     * @throws E what {@code work} threw, the same instance, after the flush
     */
    public static <T, E extends Exception> T withFlush(PostHog posthog, FlushOptions options, Invocation<T, E> work)
            throws E {
        requireAll(posthog, options, work);
        return InvocationRunner.run(posthog, options, work);
    }

    /**
     * Runs work without a result as one invocation with the default {@link FlushOptions}.
     *
     * @param posthog the client
     * @param work the work
     * @param <E> what it may throw
     * @throws E what {@code work} threw, the same instance, after the flush
     */
    public static <E extends Exception> void runWithFlush(PostHog posthog, Action<E> work) throws E {
        runWithFlush(posthog, FlushOptions.defaults(), work);
    }

    /**
     * Runs work without a result as one invocation: run, capture an exception, flush, rethrow.
     *
     * @param posthog the client
     * @param options how the invocation ends
     * @param work the work
     * @param <E> what it may throw
     * @throws E what {@code work} threw, the same instance, after the flush
     */
    public static <E extends Exception> void runWithFlush(PostHog posthog, FlushOptions options, Action<E> work)
            throws E {
        requireAll(posthog, options, work);
        InvocationRunner.run(posthog, options, () -> {
            work.run();
            return null;
        });
    }

    private static void requireAll(PostHog posthog, FlushOptions options, Object work) {
        Objects.requireNonNull(posthog, "posthog");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(work, "work");
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
