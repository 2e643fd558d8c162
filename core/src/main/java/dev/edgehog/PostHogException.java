// SPDX-License-Identifier: Apache-2.0
package dev.edgehog;

import java.util.Objects;

/**
 * The single unchecked exception type of Edgehog. The client never throws it from telemetry
 * calls (it reports it to the {@link ErrorListener} instead); it is thrown only in strict mode
 * and by calls that explicitly ask for strictness.
 *
 * <p>Messages never contain API keys.
 *
 * @since 0.1.0
 */
public class PostHogException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorKind kind;
    private final int statusCode;
    private final int eventCount;

    /**
     * Creates an exception.
     *
     * @param kind what went wrong
     * @param message what failed, why, and what the SDK did about it
     * @param cause the underlying failure, or null
     * @param statusCode the HTTP status involved, or 0 when none
     * @param eventCount how many events were affected
     */
    public PostHogException(ErrorKind kind, String message, Throwable cause, int statusCode, int eventCount) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.statusCode = statusCode;
        this.eventCount = eventCount;
    }

    /**
     * Creates an exception about a single event, with no HTTP status.
     *
     * @param kind what went wrong
     * @param message what failed, why, and what the SDK did about it
     * @param cause the underlying failure, or null
     */
    public PostHogException(ErrorKind kind, String message, Throwable cause) {
        this(kind, message, cause, 0, 1);
    }

    /** @return what went wrong */
    public ErrorKind kind() {
        return kind;
    }

    /** @return the HTTP status code involved, or 0 when there was none (network errors, local drops) */
    public int statusCode() {
        return statusCode;
    }

    /** @return how many events this error affected */
    public int eventCount() {
        return eventCount;
    }
}
