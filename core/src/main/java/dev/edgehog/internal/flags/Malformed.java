// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.flags;

/**
 * A part of the definitions that does not have the shape posthog-node expects was reached
 * during evaluation (where Node would hit a {@code TypeError}). It propagates like Node's
 * unexpected errors: the flag ends undecided, and a dependent flag sees an unresolved
 * dependency. Never escapes this package.
 */
final class Malformed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Malformed(String message) {
        super(message, null, false, false);
    }
}
