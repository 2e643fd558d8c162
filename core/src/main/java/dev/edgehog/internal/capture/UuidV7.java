// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.capture;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Generates UUIDv7 event ids (48-bit Unix milliseconds, then random bits), as posthog-node
 * does. Lock-free: random bits come from a SplittableRandom-style counter mixed with a secret
 * seed, so concurrent captures never contend.
 *
 * <p>The seed comes from the operating system's entropy pool ({@link RandomSeed}) and can be
 * replaced with {@link #reseed()}: a
 * process restored from a snapshot (AWS Lambda SnapStart, CRaC) would otherwise generate the
 * same ids in every restored copy.
 */
public final class UuidV7 {
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private final LongSupplier seeds;
    private volatile long seed;
    private final AtomicLong counter = new AtomicLong();

    /** Creates a generator seeded from the operating system's entropy pool. */
    public UuidV7() {
        this(RandomSeed::next);
    }

    /** @param seeds where the seed and every {@linkplain #reseed() re-seed} come from */
    UuidV7(LongSupplier seeds) {
        this.seeds = seeds;
        reseed();
    }

    /** Replaces the seed with a fresh one. */
    public void reseed() {
        seed = seeds.getAsLong();
    }

    /**
     * @param epochMillis the timestamp to embed
     * @return a new version-7 UUID
     */
    public UUID next(long epochMillis) {
        long c = counter.getAndAdd(2);
        long r1 = mix(seed + c * GOLDEN_GAMMA);
        long r2 = mix(seed + (c + 1) * GOLDEN_GAMMA);
        long msb = (epochMillis << 16) | 0x7000L | (r1 & 0x0FFFL);
        long lsb = (r2 & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    /**
     * @param text candidate UUID text
     * @return whether posthog-node would accept it as an event uuid
     */
    public static boolean isValid(String text) {
        // 8-4-4-4-12 hex digits, either case; checked by hand because it runs for every event.
        if (text == null || text.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = text.charAt(i);
            boolean ok = i == 8 || i == 13 || i == 18 || i == 23 ? c == '-'
                    : c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
