// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.quarkus.runtime;

import dev.edgehog.HttpTransport;
import dev.edgehog.SendMode;
import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The run-time configuration of the PostHog client, under {@code quarkus.posthog}. Each value is
 * handed to {@link dev.edgehog.PostHogOptions.Builder}; the extension never reads environment
 * variables itself (Quarkus maps {@code QUARKUS_POSTHOG_API_KEY} and friends onto these keys).
 *
 * @since 0.1.0
 */
@ConfigMapping(prefix = "quarkus.posthog")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface PostHogConfig {
    /**
     * Whether the client sends anything. When false, or when no API key is set, the injected
     * client is a disabled no-op and the log says so once at start-up.
     *
     * @return whether the client is enabled
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * The project API key ({@code phc_...}).
     *
     * @return the key, if set
     */
    Optional<String> apiKey();

    /**
     * The PostHog host, e.g. {@code https://eu.i.posthog.com} or your own instance.
     *
     * @return the host URL
     */
    @WithDefault("https://us.i.posthog.com")
    String host();

    /**
     * A personal ({@code phx_...}) or project secret ({@code phs_...}) key: enables local flag
     * evaluation from downloaded or baked definitions.
     *
     * @return the key, if set
     */
    Optional<String> personalApiKey();

    /**
     * {@code buffered}: captures are queued and sent when a request or invocation ends, when a
     * batch reaches {@code flush-at}, and at shutdown. {@code immediate}: every capture is sent
     * before it returns.
     *
     * @return the send mode
     */
    @WithDefault("buffered")
    SendMode sendMode();

    /**
     * The built-in HTTP transport: {@code jdk-http-client} (core's default) or {@code
     * url-connection}, which starts in a few milliseconds instead of about 250 ms on a cold JVM
     * (see the core README); core's default when unset.
     *
     * @return the transport, if set
     */
    Optional<HttpTransport> httpTransport();

    /**
     * Queued events that trigger a send on the capturing thread (buffered mode); the core
     * default (20) when unset.
     *
     * @return the threshold, if set
     */
    OptionalInt flushAt();

    /**
     * Deadline of one flush (request end, shutdown), retries included. On Lambda the
     * invocation's remaining time can shorten it.
     *
     * @return the flush deadline
     */
    @WithDefault("10s")
    Duration flushTimeout();

    /**
     * Whether an uncaught exception on any thread is captured as a {@code $exception} event
     * (core's {@code enableExceptionAutocapture}).
     *
     * @return whether uncaught exceptions are captured
     */
    @WithDefault("false")
    boolean exceptionAutocapture();

    /**
     * Feature flag settings.
     *
     * @return the flag settings
     */
    Flags flags();

    /**
     * Flushing at the end of each HTTP request.
     *
     * @return the HTTP settings
     */
    Http http();

    /**
     * Flushing after each {@code quarkus-amazon-lambda} invocation.
     *
     * @return the Lambda settings
     */
    Lambda lambda();

    /** Feature flag settings, under {@code quarkus.posthog.flags}. */
    interface Flags {
        /**
         * Maximum age of the flag definitions; an older set is refreshed by the next flag call
         * (there is no poller thread). At least 100 ms.
         *
         * @return the polling interval
         */
        @WithDefault("30s")
        Duration pollingInterval();

        /**
         * A snapshot file read at start-up (the raw definitions document or an Edgehog snapshot).
         *
         * @return the file, if set
         */
        Optional<Path> snapshotFile();

        /**
         * Whether the classpath resource {@code META-INF/edgehog/flag-definitions.json} is read at
         * start-up; the extension puts the snapshot named by {@code
         * quarkus.posthog.build.flag-definitions-file} there.
         *
         * @return whether the resource is read
         */
        @WithDefault("true")
        boolean resourceEnabled();

        /**
         * The cache file rewritten after every download and read at start-up; core's default
         * (one file per project under {@code java.io.tmpdir}) when unset.
         *
         * @return the file, if set
         */
        Optional<Path> cacheFile();

        /**
         * Whether the cache file is read and written.
         *
         * @return whether the cache is used
         */
        @WithDefault("true")
        boolean cacheEnabled();
    }

    /** Request-end flushing, under {@code quarkus.posthog.http}. */
    interface Http {
        /**
         * Whether queued events are flushed (off the event loop) when each HTTP request ends.
         * Only applies when the application has an HTTP layer.
         *
         * @return whether to flush at request end
         */
        @WithDefault("true")
        boolean flushOnRequestEnd();
    }

    /** Per-invocation flushing on {@code quarkus-amazon-lambda}, under {@code quarkus.posthog.lambda}. */
    interface Lambda {
        /**
         * Whether an exception thrown by the handler is captured as a {@code $exception} event
         * (and then rethrown unchanged).
         *
         * @return whether handler exceptions are captured
         */
        @WithDefault("true")
        boolean captureExceptions();

        /**
         * Time kept back from the invocation's remaining time, so the flush never pushes the
         * function past its timeout.
         *
         * @return the safety margin
         */
        @WithDefault("200ms")
        Duration safetyMargin();
    }
}
