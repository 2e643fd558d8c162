// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal;

/** Renders API keys for logs and {@code toString()} without revealing them. */
public final class Secrets {
    private Secrets() {}

    /**
     * Keeps only the key's type prefix ({@code phc_}, {@code phx_}, {@code phs_}), which is not
     * secret and tells a reader which kind of key was configured.
     *
     * @param key the key, possibly null
     * @return e.g. {@code "phc_***"}, {@code "***"} or {@code "(none)"}
     */
    public static String redact(String key) {
        if (key == null || key.isEmpty()) {
            return "(none)";
        }
        int underscore = key.indexOf('_');
        if (underscore > 0 && underscore <= 4) {
            return key.substring(0, underscore + 1) + "***";
        }
        return "***";
    }
}
