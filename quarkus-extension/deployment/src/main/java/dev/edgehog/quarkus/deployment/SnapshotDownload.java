// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.quarkus.deployment;

import dev.edgehog.PostHog;
import dev.edgehog.PostHogException;
import dev.edgehog.flags.DefinitionsRefresh;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Downloads the flag definitions at build time with core's own client: core writes an Edgehog
 * snapshot (project hash, {@code fetched_at}, ETag) to its cache file after a download, and that
 * file is what gets baked.
 */
final class SnapshotDownload {
    private SnapshotDownload() {
    }

    /**
     * @param apiKey the project API key
     * @param personalApiKey the personal API key
     * @param host the PostHog host
     * @param errors where a failure is added
     * @return the snapshot, or null when the download failed (see {@code errors})
     */
    static byte[] download(String apiKey, String personalApiKey, String host, List<String> errors) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("edgehog-build-flags");
            Path cache = dir.resolve("flag-definitions.json");
            List<PostHogException> failures = new CopyOnWriteArrayList<>();
            try (PostHog client = PostHog.builder(apiKey)
                    .host(host)
                    .personalApiKey(personalApiKey)
                    .flagDefinitionsResourceEnabled(false)
                    .flagDefinitionsCacheFile(cache)
                    .flagDefinitionsRefresh(DefinitionsRefresh.MANUAL)
                    .sendFeatureFlagEvent(false)
                    .errorListener(failures::add)
                    .build()) {
                client.reloadFeatureFlags();
            }
            if (!Files.exists(cache)) {
                errors.add("quarkus.posthog.build.download-flag-definitions: downloading the flag definitions from "
                        + host + " failed" + (failures.isEmpty() ? "" : " (" + failures.get(0).getMessage() + ")"));
                return null;
            }
            return Files.readAllBytes(cache);
        } catch (IOException | IllegalArgumentException e) {
            errors.add("quarkus.posthog.build.download-flag-definitions: " + e.getMessage());
            return null;
        } finally {
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // A temporary directory left behind is harmless.
        }
    }
}
