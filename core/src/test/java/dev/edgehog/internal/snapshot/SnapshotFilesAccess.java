// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.snapshot;

/** Lets tests in other packages name a project in a hand-written snapshot. */
public final class SnapshotFilesAccess {
    private SnapshotFilesAccess() {}

    /**
     * @param projectApiKey a project key
     * @return the project hash snapshots record
     */
    public static String tag(String projectApiKey) {
        return SnapshotFiles.projectTag(projectApiKey);
    }
}
