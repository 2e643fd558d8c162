// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.snapshot;

import dev.edgehog.PostHogOptions;
import dev.edgehog.internal.Loggers;
import dev.edgehog.internal.flags.FlagDefinitions;
import dev.edgehog.internal.flags.FlagDefinitionsException;
import dev.edgehog.internal.json.Codecs;
import dev.edgehog.spi.SnapshotSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads and writes flag-definitions snapshots.
 *
 * <p>Format: either the raw {@code /flags/definitions} document ({@code {"flags": [...], ...}}),
 * or Edgehog's wrapper, which adds what a cold start needs to stay correct:
 *
 * <pre>{@code
 * {"edgehog_snapshot": 1, "project": "<hash of the project key>", "fetched_at": <epoch ms>,
 *  "etag": "<ETag or null>", "definitions": { ...raw document... }}
 * }</pre>
 *
 * A snapshot of another project ({@code project} differs), of an unknown format version, or
 * that is not JSON at all, is rejected with a message naming its source; the caller logs a
 * WARNING and moves on. Text given through the environment may also be the base64 of the
 * gzipped JSON.
 */
public final class SnapshotFiles {
    /** The wrapper's marker field and format version. */
    static final String MARKER = "edgehog_snapshot";
    private static final int FORMAT = 1;
    /** Largest snapshot read (after gunzip): far above any real definitions document. */
    static final int MAX_BYTES = 64 * 1024 * 1024;

    private final String projectTag;

    /** @param projectApiKey the client's project key; only a hash of it is ever written */
    public SnapshotFiles(String projectApiKey) {
        this.projectTag = projectTag(projectApiKey);
    }

    /** Thrown for an unusable snapshot; the message names the source and the problem. */
    public static final class SnapshotException extends Exception {
        private static final long serialVersionUID = 1L;

        SnapshotException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The snapshot sources of {@code options}, in precedence order, read and validated; every
     * unusable one is skipped with a WARNING naming it. The caller picks the freshest.
     *
     * @param options the client options
     * @return the usable snapshots, highest precedence first
     */
    public List<Snapshot> readStartupSources(PostHogOptions options) {
        List<Snapshot> found = new ArrayList<>();
        SnapshotSource custom = options.flagDefinitionsSnapshotSource();
        if (custom != null) {
            tryRead(found, "snapshot source " + custom.name(), () -> gunzipIfGzipped(custom.load()));
        }
        if (options.flagDefinitionsSnapshot() != null) {
            tryRead(found, "environment variable POSTHOG_FLAG_DEFINITIONS", () -> decodeText(options.flagDefinitionsSnapshot()));
        }
        if (options.flagDefinitionsSnapshotFile() != null) {
            Path p = options.flagDefinitionsSnapshotFile();
            tryRead(found, "snapshot file " + p + " (POSTHOG_FLAG_DEFINITIONS_FILE)", () -> readFile(p, true));
        }
        if (options.isFlagDefinitionsResourceEnabled()) {
            byte[] resource;
            try {
                resource = gunzipIfGzipped(readResource(PostHogOptions.FLAG_DEFINITIONS_RESOURCE));
            } catch (IOException e) {
                resource = null;
                Loggers.FLAGS.log(Level.WARNING, "flag definitions snapshot: classpath resource "
                        + PostHogOptions.FLAG_DEFINITIONS_RESOURCE + " could not be read (" + e + "); skipped");
            }
            if (resource != null) {
                byte[] r = resource;
                tryRead(found, "classpath resource " + PostHogOptions.FLAG_DEFINITIONS_RESOURCE, () -> r);
            }
        }
        if (options.flagDefinitionsCacheFile() != null) {
            Path p = options.flagDefinitionsCacheFile();
            tryRead(found, "cache file " + p, () -> readFile(p, false));
        }
        return found;
    }

    /**
     * Picks the freshest snapshot: the latest {@code fetched_at}; among equal (or unknown)
     * times, the one of highest precedence.
     *
     * @param snapshots usable snapshots, highest precedence first
     * @return the chosen one, or null when the list is empty
     */
    public static Snapshot freshest(List<Snapshot> snapshots) {
        Snapshot best = null;
        for (Snapshot s : snapshots) {
            if (best == null || s.fetchedAtMillis() > best.fetchedAtMillis()) {
                best = s;
            }
        }
        return best;
    }

    private interface BytesSupplier {
        /** @return the bytes, or null when the source does not exist (no warning) */
        byte[] get() throws IOException, SnapshotException;
    }

    private void tryRead(List<Snapshot> found, String source, BytesSupplier bytes) {
        try {
            byte[] b = bytes.get();
            if (b != null) {
                found.add(read(b, source));
            }
        } catch (SnapshotException e) {
            Loggers.FLAGS.log(Level.WARNING, "flag definitions snapshot skipped: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            Loggers.FLAGS.log(Level.WARNING, "flag definitions snapshot skipped: " + source + " could not be read ("
                    + e + ")");
        }
    }

    /**
     * Reads one snapshot.
     *
     * @param bytes the JSON bytes (wrapper or raw document)
     * @param source the source, for messages
     * @return the snapshot
     * @throws SnapshotException when it is corrupt, truncated, foreign or of another project
     */
    @SuppressWarnings("unchecked")
    public Snapshot read(byte[] bytes, String source) throws SnapshotException {
        Map<String, Object> root;
        try {
            root = Codecs.decodeObject(bytes);
        } catch (RuntimeException e) {
            throw new SnapshotException(source + " is not a JSON object (corrupt or truncated?): " + e.getMessage(), e);
        }
        if (root == null) {
            throw new SnapshotException(source + " is not a JSON object", null);
        }
        Object doc = root;
        String etag = null;
        long fetchedAt = -1;
        if (root.containsKey(MARKER)) {
            Object version = root.get(MARKER);
            if (!(version instanceof Number n) || n.intValue() != FORMAT) {
                throw new SnapshotException(source + " has snapshot format " + version + "; this version reads format "
                        + FORMAT, null);
            }
            Object project = root.get("project");
            if (project != null && !projectTag.equals(project)) {
                throw new SnapshotException(source + " belongs to another project (its project hash is " + project
                        + ", this client's is " + projectTag + ")", null);
            }
            doc = root.get("definitions");
            if (!(doc instanceof Map)) {
                throw new SnapshotException(source + " has no \"definitions\" object", null);
            }
            if (root.get("etag") instanceof String s && !s.isEmpty()) {
                etag = s;
            }
            if (root.get("fetched_at") instanceof Number at) {
                fetchedAt = at.longValue();
            }
        } else if (!root.containsKey("flags")) {
            throw new SnapshotException(source + " is neither an Edgehog snapshot nor a /flags/definitions document "
                    + "(no \"" + MARKER + "\" or \"flags\" field)", null);
        }
        try {
            return new Snapshot(FlagDefinitions.fromJson(doc), etag, fetchedAt, source);
        } catch (FlagDefinitionsException | RuntimeException e) {
            throw new SnapshotException(source + " holds unusable definitions: " + e.getMessage(), e);
        }
    }

    /**
     * Wraps a downloaded definitions document into the snapshot format, byte for byte (the
     * document is not re-encoded).
     *
     * @param definitionsJson the raw document as received
     * @param etag its ETag, or null
     * @param fetchedAtMillis when it was received
     * @return the snapshot bytes
     */
    public byte[] wrap(byte[] definitionsJson, String etag, long fetchedAtMillis) {
        StringBuilder head = new StringBuilder(160).append("{\"").append(MARKER).append("\":").append(FORMAT)
                .append(",\"project\":\"").append(projectTag).append("\",\"fetched_at\":").append(fetchedAtMillis)
                .append(",\"etag\":");
        if (etag == null) {
            head.append("null");
        } else {
            head.append('"');
            for (int i = 0; i < etag.length(); i++) {
                char c = etag.charAt(i);
                if (c == '"' || c == '\\') {
                    head.append('\\').append(c);
                } else if (c < 0x20) {
                    head.append(String.format("\\u%04x", (int) c));
                } else {
                    head.append(c);
                }
            }
            head.append('"');
        }
        head.append(",\"definitions\":");
        byte[] h = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[h.length + definitionsJson.length + 1];
        System.arraycopy(h, 0, out, 0, h.length);
        System.arraycopy(definitionsJson, 0, out, h.length, definitionsJson.length);
        out[out.length - 1] = '}';
        return out;
    }

    /**
     * Writes a file atomically: a temporary file beside it, then an atomic rename, so a reader
     * (another process, or the next cold start) never sees half a snapshot.
     *
     * @param file the target
     * @param bytes the content
     * @throws IOException when it cannot be written
     */
    public static void writeAtomically(Path file, byte[] bytes) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Turns snapshot text from the environment into JSON bytes: JSON as is, or base64 (standard
     * or URL-safe) of gzipped (or plain) JSON.
     *
     * @param text the text
     * @return the JSON bytes
     * @throws SnapshotException when it is neither
     */
    public static byte[] decodeText(String text) throws SnapshotException {
        String t = text.trim();
        if (t.startsWith("{")) {
            return t.getBytes(StandardCharsets.UTF_8);
        }
        byte[] raw;
        try {
            raw = Base64.getMimeDecoder().decode(t.replace('-', '+').replace('_', '/'));
        } catch (IllegalArgumentException e) {
            throw new SnapshotException("environment variable POSTHOG_FLAG_DEFINITIONS is neither JSON nor base64 ("
                    + e.getMessage() + ")", e);
        }
        try {
            return gunzipIfGzipped(raw);
        } catch (IOException e) {
            throw new SnapshotException("environment variable POSTHOG_FLAG_DEFINITIONS holds broken gzip data ("
                    + e.getMessage() + ")", e);
        }
    }

    /** @return {@code b} gunzipped when it starts with the gzip magic bytes, else {@code b} itself (null stays null) */
    private static byte[] gunzipIfGzipped(byte[] b) throws IOException {
        if (b == null || b.length < 2 || (b[0] & 0xff) != 0x1f || (b[1] & 0xff) != 0x8b) {
            return b;
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(b))) {
            return readBounded(in);
        }
    }

    private static byte[] readBounded(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) > 0) {
            if (out.size() + n > MAX_BYTES) {
                throw new IOException("larger than " + MAX_BYTES + " bytes");
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    private static byte[] readFile(Path p, boolean mustExist) throws IOException, SnapshotException {
        try {
            if (Files.size(p) > MAX_BYTES) {
                throw new SnapshotException("snapshot file " + p + " is larger than " + MAX_BYTES + " bytes", null);
            }
            return gunzipIfGzipped(Files.readAllBytes(p));
        } catch (NoSuchFileException e) {
            if (mustExist) {
                throw new SnapshotException("snapshot file " + p + " does not exist", e);
            }
            return null;
        }
    }

    private static byte[] readResource(String name) throws IOException {
        ClassLoader tccl = Thread.currentThread().getContextClassLoader();
        InputStream in = tccl == null ? null : tccl.getResourceAsStream(name);
        if (in == null) {
            ClassLoader own = SnapshotFiles.class.getClassLoader();
            in = own == null ? null : own.getResourceAsStream(name);
        }
        if (in == null) {
            return null;
        }
        try (InputStream i = in) {
            return readBounded(i);
        }
    }

    /**
     * A short hash naming the project in snapshots without writing its key: 64-bit FNV-1a, as
     * 16 hex digits. Not a security measure (project keys are public); it only tells projects
     * apart, and costs nothing at cold start (a {@code MessageDigest} costs milliseconds there).
     */
    public static String projectTag(String projectApiKey) {
        long h = 0xcbf29ce484222325L;
        for (byte b : projectApiKey.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        String hex = Long.toHexString(h);
        return "0".repeat(16 - hex.length()) + hex;
    }
}
