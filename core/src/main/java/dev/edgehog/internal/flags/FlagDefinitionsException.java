// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.flags;

/**
 * The definitions document could not be used at all: not JSON, not an object, or without a
 * {@code flags} array. (A single bad flag is not an error: it is kept as undecidable.)
 */
public final class FlagDefinitionsException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong with the document
     * @param cause the underlying parse failure, or null
     */
    public FlagDefinitionsException(String message, Throwable cause) {
        super(message, cause);
    }
}
