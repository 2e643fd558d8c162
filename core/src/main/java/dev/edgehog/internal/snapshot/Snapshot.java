// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.snapshot;

import dev.edgehog.internal.flags.FlagDefinitions;

/**
 * A usable set of definitions read from a snapshot source.
 *
 * @param definitions the compiled definitions
 * @param etag the ETag PostHog sent with them, or null when unknown
 * @param fetchedAtMillis when they were downloaded from PostHog (epoch ms), or -1 when unknown
 *     (a raw definitions document carries no such metadata)
 * @param source where they were read from, for messages
 */
public record Snapshot(FlagDefinitions definitions, String etag, long fetchedAtMillis, String source) {}
