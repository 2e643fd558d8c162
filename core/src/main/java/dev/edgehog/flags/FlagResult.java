// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.flags;

import java.util.Objects;

/**
 * The outcome of evaluating one flag for one subject.
 *
 * @param key the flag key
 * @param value the value; {@link FlagValue#UNKNOWN} when it could not be decided
 * @param payload the flag's payload for this value: the decoded JSON value ({@code Map}, {@code
 *     List}, {@code String}, {@code Long}/{@code Double}, {@code Boolean}), the raw text when
 *     the stored payload is not valid JSON, or {@code null} when there is none. Collections are
 *     unmodifiable.
 * @param reason why the flag has this value
 */
public record FlagResult(String key, FlagValue value, Object payload, FlagReason reason) {
    /**
     * Validates the components.
     *
     * @throws NullPointerException if {@code key}, {@code value} or {@code reason} is null
     */
    public FlagResult {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(reason, "reason");
    }

    /** @return true when the value is known (decided locally) */
    public boolean isDecided() {
        return value.isKnown();
    }
}
