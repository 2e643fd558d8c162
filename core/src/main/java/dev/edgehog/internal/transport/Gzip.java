// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length / 4));
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 8192)) {
            gz.write(data);
        }
        return out.toByteArray();
    }
}
