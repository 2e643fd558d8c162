// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.flags;

import dev.edgehog.ErrorKind;
import dev.edgehog.PostHogException;
import dev.edgehog.PostHogOptions;
import dev.edgehog.internal.snapshot.DefinitionsRequest;
import dev.edgehog.internal.snapshot.Snapshot;
import dev.edgehog.internal.snapshot.SnapshotFiles;
import dev.edgehog.internal.transport.Transports;
import dev.edgehog.spi.Transport;
import dev.edgehog.spi.TransportResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.zip.GZIPOutputStream;

/**
 * Flag definitions downloaded from PostHog, in Edgehog's snapshot format: the {@code GET
 * /flags/definitions} document exactly as received, with a hash of the project key, the time of
 * the download and the response's ETag. A client that starts from this snapshot (classpath
 * resource, {@code POSTHOG_FLAG_DEFINITIONS}, {@code POSTHOG_FLAG_DEFINITIONS_FILE}) treats it
 * as fresh as of the download and sends its ETag with its first request, so an unchanged set
 * costs a 304. For build tooling that bakes a snapshot into a jar, a function package or an
 * image (the {@code edgehog flags snapshot} command uses it):
 *
 * <pre>{@code
 * PostHogOptions options = PostHogOptions.builder(projectApiKey).personalApiKey(personalApiKey).buildOptions();
 * FlagDefinitionsSnapshot.download(options)
 *         .write(Path.of("src/main/resources/META-INF/edgehog/flag-definitions.json"));
 * }</pre>
 *
 * <p>Instances are immutable. {@link #toString()} names no key.
 *
 * @since 0.1.0
 */
public final class FlagDefinitionsSnapshot {
    private final byte[] snapshot;
    private final int flagCount;
    private final String etag;
    private final long fetchedAtMillis;

    private FlagDefinitionsSnapshot(byte[] snapshot, int flagCount, String etag, long fetchedAtMillis) {
        this.snapshot = snapshot;
        this.flagCount = flagCount;
        this.etag = etag;
        this.fetchedAtMillis = fetchedAtMillis;
    }

    /**
     * Downloads the definitions once, as the client does (same request, same headers, no
     * {@code If-None-Match}, no retry), and checks that the answer is a usable definitions
     * document. Uses the options' host, project API key, personal API key, {@code
     * requestTimeout}, transport and clock (the download time recorded in the snapshot).
     *
     * @param options the options of the project to snapshot; a personal API key is required
     * @return the snapshot
     * @throws IllegalArgumentException when the options have no project or personal API key
     * @throws PostHogException of kind {@link ErrorKind#FLAG_DEFINITIONS_FAILED} when the
     *     download fails: its {@link PostHogException#statusCode()} is PostHog's status (401 or
     *     403: a key was refused; 402: quota or plan; 429: rate limited; anything else
     *     unexpected), 200 when the answer is not a usable definitions document, or 0 when no
     *     answer came (network failure or timeout; the cause is the {@link IOException})
     */
    public static FlagDefinitionsSnapshot download(PostHogOptions options) {
        Objects.requireNonNull(options, "options");
        String projectApiKey = options.projectApiKey();
        if (projectApiKey == null || projectApiKey.isBlank()) {
            throw new IllegalArgumentException("projectApiKey is required to download flag definitions");
        }
        String personalApiKey = options.personalApiKey();
        if (personalApiKey == null || personalApiKey.isBlank()) {
            throw new IllegalArgumentException("personalApiKey is required to download flag definitions");
        }
        Transport transport = Transports.forOptions(options);
        TransportResponse response;
        try {
            response = transport.send(DefinitionsRequest.of(options, null, options.requestTimeout()));
        } catch (IOException e) {
            throw new PostHogException(ErrorKind.FLAG_DEFINITIONS_FAILED, "flag definitions: no answer from "
                    + options.host() + " (" + e.getClass().getSimpleName() + ")", e, 0, 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PostHogException(ErrorKind.FLAG_DEFINITIONS_FAILED, "flag definitions: interrupted", e, 0, 0);
        }
        long now = options.clock().millis();
        int status = response.status();
        if (status != 200) {
            throw new PostHogException(ErrorKind.FLAG_DEFINITIONS_FAILED, "flag definitions: HTTP " + status + ": "
                    + meaning(status), null, status, 0);
        }
        SnapshotFiles files = new SnapshotFiles(projectApiKey);
        Snapshot parsed;
        try {
            parsed = DefinitionsRequest.readAnswer(files, response.body());
        } catch (SnapshotFiles.SnapshotException e) {
            throw new PostHogException(ErrorKind.FLAG_DEFINITIONS_FAILED, "flag definitions: invalid response: "
                    + e.getMessage(), e, 200, 0);
        }
        String etag = response.header("ETag");
        if (etag != null && etag.isEmpty()) {
            etag = null;
        }
        return new FlagDefinitionsSnapshot(files.wrap(response.body(), etag, now), parsed.definitions().size(), etag, now);
    }

    private static String meaning(int status) {
        return switch (status) {
            case 401 -> "the personal API key or the project API key is invalid";
            case 402 -> "the feature flags quota is exceeded or the plan does not include local evaluation";
            case 403 -> "the personal API key may not read this project's feature flag definitions";
            case 429 -> "rate limited";
            default -> "unexpected status";
        };
    }

    /** @return how many flags the definitions hold */
    public int flagCount() {
        return flagCount;
    }

    /** @return the ETag PostHog sent with the definitions, or null when it sent none */
    public String etag() {
        return etag;
    }

    /** @return when the definitions were downloaded (by the options' clock) */
    public Instant fetchedAt() {
        return Instant.ofEpochMilli(fetchedAtMillis);
    }

    /**
     * The snapshot as JSON: the content of a snapshot file or of the classpath resource {@code
     * META-INF/edgehog/flag-definitions.json}.
     *
     * @return a new copy of the bytes (UTF-8)
     */
    public byte[] toJson() {
        return snapshot.clone();
    }

    /**
     * The snapshot as base64 of its gzipped JSON, one line: a value for the environment variable
     * {@code POSTHOG_FLAG_DEFINITIONS}, where space is short.
     *
     * @return the text
     */
    public String toEnvironmentValue() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(snapshot.length / 4 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(snapshot);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory streams do not fail
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    /**
     * Writes {@link #toJson()} to a file atomically (a temporary file beside it, then a rename),
     * creating missing parent directories, so that no reader ever sees half a snapshot.
     *
     * @param file the snapshot file
     * @throws IOException when it cannot be written; the file is then left as it was
     */
    public void write(Path file) throws IOException {
        SnapshotFiles.writeAtomically(Objects.requireNonNull(file, "file"), snapshot);
    }

    @Override
    public String toString() {
        return "FlagDefinitionsSnapshot[flags=" + flagCount + ", etag=" + etag + ", fetchedAt=" + fetchedAt() + ", bytes="
                + snapshot.length + "]";
    }
}
