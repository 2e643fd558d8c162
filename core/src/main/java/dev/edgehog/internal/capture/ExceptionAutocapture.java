// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.capture;

import dev.edgehog.internal.Loggers;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * The default uncaught-exception handler installed by {@code enableExceptionAutocapture}. It
 * captures the exception, then hands it to the handler that was installed before (or, when
 * there was none, logs it as the JVM would have printed it). It is a handler, not a thread.
 *
 * <p>Like posthog-node it rate-limits per exception type with a token bucket (10 tokens,
 * one more every 10 s), so a crash loop cannot flood PostHog.
 */
public final class ExceptionAutocapture implements Thread.UncaughtExceptionHandler {
    static final int BUCKET_SIZE = 10;
    static final long REFILL_NANOS = 10_000_000_000L;

    private final BiConsumer<Thread, Throwable> capture;
    private final Thread.UncaughtExceptionHandler previous;
    private final Map<String, long[]> buckets = new ConcurrentHashMap<>();

    private ExceptionAutocapture(BiConsumer<Thread, Throwable> capture, Thread.UncaughtExceptionHandler previous) {
        this.capture = capture;
        this.previous = previous;
    }

    /**
     * Installs a handler in front of the current default one.
     *
     * @param capture sends the exception (must not throw)
     * @return the installed handler, for {@link #uninstall()}
     */
    public static ExceptionAutocapture install(BiConsumer<Thread, Throwable> capture) {
        ExceptionAutocapture handler = new ExceptionAutocapture(capture, Thread.getDefaultUncaughtExceptionHandler());
        Thread.setDefaultUncaughtExceptionHandler(handler);
        return handler;
    }

    /** Restores the previous default handler, if this one is still the current one. */
    public void uninstall() {
        if (Thread.getDefaultUncaughtExceptionHandler() == this) {
            Thread.setDefaultUncaughtExceptionHandler(previous);
        }
    }

    @Override
    public void uncaughtException(Thread thread, Throwable error) {
        try {
            if (allow(error.getClass().getName())) {
                capture.accept(thread, error);
            }
        } catch (RuntimeException e) {
            Loggers.CAPTURE.log(Level.WARNING, "capturing an uncaught exception failed: " + e);
        }
        if (previous != null) {
            previous.uncaughtException(thread, error);
        } else {
            Loggers.MAIN.log(Level.ERROR, "Exception in thread \"" + thread.getName() + "\"", error);
        }
    }

    boolean allow(String type) {
        long now = System.nanoTime();
        long[] bucket = buckets.computeIfAbsent(type, t -> new long[] {BUCKET_SIZE, now});
        synchronized (bucket) {
            long refills = (now - bucket[1]) / REFILL_NANOS;
            if (refills > 0) {
                bucket[0] = Math.min(BUCKET_SIZE, bucket[0] + refills);
                bucket[1] += refills * REFILL_NANOS;
            }
            if (bucket[0] <= 0) {
                return false;
            }
            bucket[0]--;
            return true;
        }
    }
}
