// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.capture;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * Fresh 64-bit seeds from the operating system's entropy pool.
 *
 * <p>On Linux and macOS the seed is read straight from {@code /dev/urandom}, which is what the
 * JDK's default {@link SecureRandom} ({@code NativePRNG}) reads too, without the security
 * provider framework that {@code new SecureRandom()} initialises on first use (about 25 ms of a
 * cold JVM's start on a small serverless instance). Where that device is missing or unreadable
 * (Windows, sandboxes), {@link SecureRandom} supplies the seed.
 */
final class RandomSeed {
    private static final Path URANDOM = Path.of("/dev/urandom");

    private RandomSeed() {}

    /** @return 64 bits of operating-system randomness */
    static long next() {
        if (Files.isReadable(URANDOM)) {
            try (InputStream in = Files.newInputStream(URANDOM)) {
                byte[] b = in.readNBytes(Long.BYTES);
                if (b.length == Long.BYTES) {
                    return toLong(b);
                }
            } catch (IOException | SecurityException e) {
                // Fall through to the JDK's generator.
            }
        }
        return new SecureRandom().nextLong();
    }

    private static long toLong(byte[] b) {
        long v = 0;
        for (byte x : b) {
            v = (v << 8) | (x & 0xFF);
        }
        return v;
    }
}
