// SPDX-License-Identifier: Apache-2.0
package dev.edgehog;

/**
 * A hook that sees every event just before it is queued or sent, and may change or drop it.
 * The counterpart of posthog-node's {@code before_send}.
 *
 * <p>It runs for every event type ({@code $identify}, {@code $exception} and the rest), in both
 * send modes, on the calling thread. The event it receives carries the final properties except
 * the library's own ({@code $lib}, {@code $lib_version}, {@code $is_server}, {@code
 * $geoip_disable}, {@code $groups}), which are added afterwards. Use {@link Event#toBuilder()}
 * to return a changed copy.
 *
 * <p>Returning null drops the event (logged at DEBUG). Throwing drops the event too ("fail
 * closed", since a hook often exists to strip personal data) and reports {@link
 * ErrorKind#BEFORE_SEND_FAILED}.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface BeforeSend {
    /**
     * Inspects one event.
     *
     * @param event the event about to be sent; never null
     * @return the event to send (the same one, or a changed copy), or null to drop it
     */
    Event apply(Event event);
}
