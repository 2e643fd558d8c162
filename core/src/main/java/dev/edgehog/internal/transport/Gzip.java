// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.transport;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.GZIPOutputStream;

/** gzip (RFC 1952) of request bodies, as posthog-node compresses batches. */
public final class Gzip {
    private Gzip() {}

    /**
     * @param data the bytes
     * @return the compressed bytes
     * @throws IOException if compression fails (the caller then sends the body uncompressed)
     */
    public static byte[] compress(byte[] data) throws IOException {
        return compress(data.length, out -> out.write(data));
    }

    /**
     * Compresses what a writer produces, without holding the uncompressed bytes in memory.
     *
     * @param sizeHint roughly how many bytes the writer will write
     * @param body writes the uncompressed bytes to the stream it is given
     * @return the compressed bytes
     * @throws IOException if compression fails (the caller then sends the body uncompressed)
     */
    public static byte[] compress(int sizeHint, Body body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, sizeHint / 4));
        // Buffered: the deflater is a native call per write, and a body arrives in small pieces.
        try (OutputStream in = new BufferedOutputStream(new GZIPOutputStream(out, 8192), 8192)) {
            body.writeTo(in);
        }
        return out.toByteArray();
    }

    /** Writes an uncompressed body. */
    @FunctionalInterface
    public interface Body {
        /**
         * @param out the stream to write to (do not close it)
         * @throws IOException if writing fails
         */
        void writeTo(OutputStream out) throws IOException;
    }
}
