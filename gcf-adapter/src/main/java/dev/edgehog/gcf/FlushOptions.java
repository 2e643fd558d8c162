// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.gcf;

import java.time.Duration;

/**
 * How a Cloud Function wrapper ends each invocation: how long its flush may take and whether
 * an exception thrown by the function is captured.
 *
 * <pre>{@code
 * FlushOptions options = FlushOptions.builder()
 *         .flushTimeout(Duration.ofSeconds(2))
 *         .captureExceptions(true)
 *         .build();
 * }</pre>
 *
 * <h2>Why a fixed flush timeout</h2>
 * Cloud Functions tells a function nothing about the time it has left (AWS Lambda's
 * {@code getRemainingTimeInMillis()} has no counterpart), so the adapter cannot fit the flush
 * into the invocation's remaining time. It uses a fixed deadline instead: {@link
 * #flushTimeout()} when set, otherwise the client's own {@link
 * dev.edgehog.PostHogOptions#flushTimeout()} ({@link PostHogGcf#DEFAULT_FLUSH_TIMEOUT} for a
 * client built by {@link PostHogGcf#clientFromEnvironment()}). The deadline covers the whole
 * flush, retries included; keep it well below the function's configured timeout.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class FlushOptions {
    private static final FlushOptions DEFAULTS = new Builder().build();

    private final Duration flushTimeout;
    private final boolean captureExceptions;

    private FlushOptions(Builder b) {
        this.flushTimeout = b.flushTimeout;
        this.captureExceptions = b.captureExceptions;
    }

    /**
     * The defaults: the client's flush timeout, exceptions captured.
     *
     * @return the default options
     */
    public static FlushOptions defaults() {
        return DEFAULTS;
    }

    /** @return a builder holding the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @return the deadline of the flush that ends an invocation, or null to use the client's
     *     {@link dev.edgehog.PostHogOptions#flushTimeout()}
     */
    public Duration flushTimeout() {
        return flushTimeout;
    }

    /**
     * @return whether an exception thrown by the function is captured as {@code $exception}
     *     before it is rethrown
     */
    public boolean isCaptureExceptions() {
        return captureExceptions;
    }

    @Override
    public String toString() {
        return "FlushOptions[flushTimeout=" + (flushTimeout == null ? "client's" : flushTimeout)
                + ", captureExceptions=" + captureExceptions + "]";
    }

    /** Builds {@link FlushOptions}. Not thread-safe. */
    public static final class Builder {
        private Duration flushTimeout;
        private boolean captureExceptions = true;

        private Builder() {}

        /**
         * @param flushTimeout the deadline of the flush that ends each invocation, retries
         *     included; null (the default) uses the client's flush timeout
         * @return this builder
         */
        public Builder flushTimeout(Duration flushTimeout) {
            this.flushTimeout = flushTimeout;
            return this;
        }

        /**
         * @param captureExceptions whether an {@link Exception} thrown by the function is
         *     captured as a personless {@code $exception} event before it is rethrown (default
         *     true); {@link Error}s are never captured, only rethrown
         * @return this builder
         */
        public Builder captureExceptions(boolean captureExceptions) {
            this.captureExceptions = captureExceptions;
            return this;
        }

        /**
         * Validates the options.
         *
         * @return the options
         * @throws IllegalArgumentException when the flush timeout is zero or negative
         */
        public FlushOptions build() {
            if (flushTimeout != null && (flushTimeout.isZero() || flushTimeout.isNegative())) {
                throw new IllegalArgumentException("flushTimeout must be a positive duration (was " + flushTimeout + ")");
            }
            return new FlushOptions(this);
        }
    }
}
