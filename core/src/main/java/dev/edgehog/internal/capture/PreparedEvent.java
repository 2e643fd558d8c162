// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.capture;

/**
 * An event ready for the wire: validated, enriched, passed through the hooks and encoded.
 *
 * @param uuid the event uuid (kept across retries, so PostHog can de-duplicate)
 * @param name the event name, for logs
 * @param json the encoded event object
 */
public record PreparedEvent(String uuid, String name, byte[] json) {}
