// SPDX-License-Identifier: Apache-2.0
package dev.edgehog;

/**
 * What went wrong, as reported to an {@link ErrorListener} and carried by {@link
 * PostHogException}. Each kind says what happened to the events involved.
 *
 * @since 0.1.0
 */
public enum ErrorKind {
    /** A call had a null or blank required argument (distinct id, event name); it was dropped. */
    INVALID_ARGUMENT,
    /** The client was closed or disabled when the call arrived; the event was dropped. */
    CLIENT_CLOSED,
    /** A {@link BeforeSend} hook threw; the event was dropped (fail closed). */
    BEFORE_SEND_FAILED,
    /** The encoded event exceeded the per-event size limit; it was dropped. */
    EVENT_TOO_LARGE,
    /** The queue was full; its oldest event was dropped to make room. */
    QUEUE_OVERFLOW,
    /** PostHog rejected a batch (an HTTP error after the allowed retries); its events were dropped. */
    DELIVERY_FAILED,
    /**
     * A batch could not be delivered yet (network error, or the flush deadline left no time for
     * another attempt); its events stay queued for the next flush.
     */
    DELIVERY_DEFERRED,
    /** An unexpected failure inside the SDK; the event was dropped. */
    INTERNAL,
    /**
     * Flag definitions could not be loaded: PostHog refused the personal API key (401/403),
     * rate-limited the client (429), sent an invalid document, or a snapshot was unusable. The
     * definitions held before stay in use; no event is involved.
     */
    FLAG_DEFINITIONS_FAILED,
    /**
     * A remote flag request ({@code /flags} or the remote-config endpoint) failed; the flag
     * call answered "unknown". No event is involved.
     */
    FLAG_REQUEST_FAILED
}
