// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.snapshot;

import dev.edgehog.PostHogOptions;
import dev.edgehog.internal.LibraryInfo;
import dev.edgehog.spi.TransportRequest;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code GET /flags/definitions} request (protocol.md §6) and the check of its answer, for
 * the client's downloads and for {@link dev.edgehog.flags.FlagDefinitionsSnapshot} alike.
 */
public final class DefinitionsRequest {
    private DefinitionsRequest() {}

    /**
     * @param options the client options (host, project and personal API keys)
     * @param etag the ETag of the definitions held, sent as {@code If-None-Match}; null for none
     * @param timeout the request's timeout
     * @return the request
     */
    public static TransportRequest of(PostHogOptions options, String etag, Duration timeout) {
        URI uri = URI.create(options.host() + "/flags/definitions?token=" + options.projectApiKey() + "&send_cohorts");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("User-Agent", LibraryInfo.USER_AGENT);
        headers.put("Content-Type", "application/json");
        headers.put("Authorization", "Bearer " + options.personalApiKey());
        if (etag != null) {
            headers.put("If-None-Match", etag);
        }
        return new TransportRequest("GET", uri, headers, null, timeout);
    }

    /**
     * Reads a 200 answer's body: a definitions document, never an Edgehog snapshot.
     *
     * @param files the project's snapshot reader
     * @param body the response body
     * @return the parsed definitions (no ETag, no download time)
     * @throws SnapshotFiles.SnapshotException if the body is not a usable definitions document
     */
    public static Snapshot readAnswer(SnapshotFiles files, byte[] body) throws SnapshotFiles.SnapshotException {
        Snapshot parsed = files.read(body, "the /flags/definitions response");
        if (parsed.etag() != null || parsed.fetchedAtMillis() >= 0) {
            throw new SnapshotFiles.SnapshotException("the /flags/definitions response is a snapshot, not a "
                    + "definitions document", null);
        }
        return parsed;
    }
}
