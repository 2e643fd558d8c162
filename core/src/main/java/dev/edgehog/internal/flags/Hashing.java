// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.flags;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * PostHog's bucketing hash: the first 60 bits of SHA-1({@code key.bucket + salt}) as a fraction
 * of 2^60 - 1, computed in doubles exactly like every PostHog SDK (see flags.md §4).
 *
 * <p>One {@link MessageDigest} per thread: no locks, no allocation beyond the input bytes.
 */
final class Hashing {
    private Hashing() {}

    private static final double LONG_SCALE = (double) 0xFFFFFFFFFFFFFFFL;

    // No lambda: its first use in a JVM spins a class (milliseconds), and this runs at a cold
    // function's first flag.
    private static final ThreadLocal<MessageDigest> SHA1 = new ThreadLocal<>() {
        @Override
        protected MessageDigest initialValue() {
            try {
                return MessageDigest.getInstance("SHA-1");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-1 is required by every Java platform", e);
            }
        }
    };

    static double hash(String key, String bucketingValue, String salt) {
        return hash(new StringBuilder(key.length() + 48).append(key).append('.').append(bucketingValue).append(salt)
                .toString());
    }

    /** Hash of the full input text. */
    static double hash(String input) {
        MessageDigest md = SHA1.get();
        byte[] d = md.digest(utf8(input));
        long n = 0;
        for (int i = 0; i < 8; i++) {
            n = (n << 8) | (d[i] & 0xFF);
        }
        n >>>= 4; // 64 bits read, keep the first 60 (15 hex digits)
        return n / LONG_SCALE;
    }

    /** UTF-8 as JavaScript's TextEncoder writes it: lone surrogates become U+FFFD. */
    static byte[] utf8(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                return replaceLoneSurrogates(s).getBytes(StandardCharsets.UTF_8);
            }
        }
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String replaceLoneSurrogates(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                sb.append(c).append(s.charAt(i + 1));
                i++;
            } else if (Character.isSurrogate(c)) {
                sb.append('\uFFFD');
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
