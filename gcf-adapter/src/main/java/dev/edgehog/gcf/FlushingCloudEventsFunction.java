// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.gcf;

import com.google.cloud.functions.CloudEventsFunction;
import dev.edgehog.PostHog;
import dev.edgehog.gcf.internal.InvocationRunner;
import io.cloudevents.CloudEvent;
import java.util.Objects;

/**
 * A CloudEvents Cloud Function that sends the PostHog events of each invocation before the
 * event is acknowledged. Extend it, implement {@link #handle}, and pass the instance's client
 * to the constructor:
 *
 * <pre>{@code
 * public class UploadFunction extends FlushingCloudEventsFunction {
 *     private static final PostHog POSTHOG = PostHogGcf.clientFromEnvironment(); // once per instance
 *
 *     public UploadFunction() {
 *         super(POSTHOG);
 *     }
 *
 *     @Override
 *     protected void handle(CloudEvent event) {
 *         posthog().capture("system", "file uploaded", Map.of("source", event.getSource().toString()));
 *     }
 * }
 * }</pre>
 *
 * <p>Per invocation it does what {@link FlushingHttpFunction} does: run {@link #handle},
 * capture an {@link Exception} as {@code $exception} (when {@link
 * FlushOptions#isCaptureExceptions()}), flush in {@code finally} within the {@link
 * FlushOptions} deadline before {@link #accept} returns (the framework answers the event's
 * HTTP delivery only after that), and rethrow the exception unchanged, so the event is
 * reported as failed (and retried, when the trigger retries) exactly as without the wrapper.
 * An invocation that captured nothing makes no request. Thread-safe.
 *
 * @since 0.1.0
 */
public abstract class FlushingCloudEventsFunction implements CloudEventsFunction {
    private final PostHog posthog;
    private final FlushOptions options;

    /**
     * Wraps with the default {@link FlushOptions}.
     *
     * @param posthog the client, created once per function instance (a static field) and
     *     reused by every invocation
     */
    protected FlushingCloudEventsFunction(PostHog posthog) {
        this(posthog, FlushOptions.defaults());
    }

    /**
     * @param posthog the client, created once per function instance and reused
     * @param options how each invocation ends
     */
    protected FlushingCloudEventsFunction(PostHog posthog, FlushOptions options) {
        this.posthog = Objects.requireNonNull(posthog, "posthog");
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Handles one event: the function's own work.
     *
     * @param event the event
     * @throws Exception anything; it is captured and rethrown unchanged
     */
    protected abstract void handle(CloudEvent event) throws Exception;

    /**
     * Runs {@link #handle}, captures its exception, flushes, and rethrows.
     *
     * @param event the event
     * @throws Exception the exception {@link #handle} threw, the same instance
     */
    @Override
    public final void accept(CloudEvent event) throws Exception {
        InvocationRunner.run(posthog, options, () -> {
            handle(event);
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
