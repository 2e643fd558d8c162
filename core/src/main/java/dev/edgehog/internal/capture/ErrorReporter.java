// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.capture;

import dev.edgehog.ErrorKind;
import dev.edgehog.ErrorListener;
import dev.edgehog.PostHogException;
import dev.edgehog.internal.Loggers;
import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logs a problem and hands it to the user's {@link ErrorListener}. Repetitive call-site
 * problems (the same invalid-argument cause) are logged at WARNING once and at DEBUG after
 * that; the listener sees every one.
 */
public final class ErrorReporter {
    private final ErrorListener listener;
    private final Set<String> warnedOnce = ConcurrentHashMap.newKeySet();

    /** @param listener the user's listener, or null */
    public ErrorReporter(ErrorListener listener) {
        this.listener = listener;
    }

    /**
     * Reports a problem, logging it at WARNING.
     *
     * @param error the problem
     */
    public void report(PostHogException error) {
        log(Level.WARNING, error);
        notifyListener(error);
    }

    /**
     * Reports a problem whose message is the same every time for the same cause: WARNING the
     * first time, DEBUG afterwards.
     *
     * @param cause a stable key for the cause
     * @param error the problem
     */
    public void reportOnce(String cause, PostHogException error) {
        log(warnedOnce.add(cause) ? Level.WARNING : Level.DEBUG, error);
        notifyListener(error);
    }

    private static void log(Level level, PostHogException error) {
        System.Logger logger = error.kind() == ErrorKind.FLAG_DEFINITIONS_FAILED || error.kind() == ErrorKind.FLAG_REQUEST_FAILED
                ? Loggers.FLAGS : Loggers.CAPTURE;
        if (error.getCause() != null) {
            logger.log(level, error.getMessage() + " (" + error.getCause() + ")");
            logger.log(Level.DEBUG, "cause of the above", error.getCause());
        } else {
            logger.log(level, error.getMessage());
        }
    }

    private void notifyListener(PostHogException error) {
        if (listener == null) {
            return;
        }
        try {
            listener.onError(error);
        } catch (RuntimeException e) {
            Loggers.CAPTURE.log(Level.WARNING, "the error listener threw " + e + "; ignored");
        }
    }

    /**
     * @param kind the kind
     * @param message the message
     * @return an exception about one event
     */
    static PostHogException problem(ErrorKind kind, String message) {
        return new PostHogException(kind, message, null);
    }
}
