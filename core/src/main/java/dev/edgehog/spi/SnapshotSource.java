// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.spi;

import java.io.IOException;

/**
 * A place flag-definitions snapshots come from at start-up besides the built-in ones
 * (environment, file, classpath resource, cache file): for example a parameter store or an
 * object in a bucket that a deployment step fills. Configure it with {@code
 * PostHogOptions.Builder.flagDefinitionsSnapshotSource}.
 *
 * <p>Called once, on the thread that builds the client. What it returns is read like any
 * snapshot (Edgehog's snapshot JSON or the raw {@code /flags/definitions} document, optionally
 * gzipped); the freshest of all sources wins. An exception or an unusable snapshot is logged as
 * a WARNING naming {@link #name()} and the source is skipped; it never breaks the client.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface SnapshotSource {
    /**
     * Reads the snapshot.
     *
     * @return the snapshot bytes, or null when there is none
     * @throws IOException when it cannot be read
     */
    byte[] load() throws IOException;

    /** @return a name for log messages (default: the class name) */
    default String name() {
        return getClass().getName();
    }
}
