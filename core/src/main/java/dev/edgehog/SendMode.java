// SPDX-License-Identifier: Apache-2.0
package dev.edgehog;

/**
 * When events leave the process.
 *
 * @since 0.1.0
 */
public enum SendMode {
    /**
     * Every call sends at once: {@code capture} behaves like {@code captureImmediate}, one
     * synchronous request on the caller's thread. The default, because a serverless function
     * may be frozen the moment it returns.
     */
    IMMEDIATE,

    /**
     * Calls append to an in-memory queue. A batch is sent on the caller's thread when the queue
     * reaches {@code flushAt}, on {@link PostHog#flush()} and on {@link PostHog#close()}, and at
     * no other time: there is no timer. Use it where a boundary flushes for you (the function
     * adapters do) or when you flush yourself.
     */
    BUFFERED
}
