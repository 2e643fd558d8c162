// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.flags;

import java.util.Collection;
import java.util.Set;

/**
 * The flags of one subject, evaluated once by {@code PostHog.evaluateFlags} (posthog-node's
 * {@code FeatureFlagEvaluations}): branch on it as often as needed without further requests.
 *
 * <p>The first {@link #isEnabled}/{@link #getFlag} of each key sends {@code
 * $feature_flag_called} (de-duplicated like the single-flag calls); {@link #getFlagPayload}
 * sends nothing. Thread-safe.
 *
 * @since 0.1.0
 */
public interface FlagEvaluations {
    /**
     * @param key a flag key
     * @return whether the flag is on; false when off or unknown (records an access)
     */
    default boolean isEnabled(String key) {
        return isEnabled(key, false);
    }

    /**
     * @param key a flag key
     * @param defaultValue the answer when the flag is unknown
     * @return whether the flag is on (records an access)
     */
    boolean isEnabled(String key, boolean defaultValue);

    /**
     * @param key a flag key
     * @return the flag's value, {@link FlagValue#UNKNOWN} when it is not in the snapshot
     *     (records an access)
     */
    FlagValue getFlag(String key);

    /**
     * @param key a flag key
     * @return the flag's payload, or null (no access recorded, no event)
     */
    Object getFlagPayload(String key);

    /**
     * @param key a flag key
     * @return the full result with its reason, {@link FlagValue#UNKNOWN} when absent (no access
     *     recorded, no event)
     */
    FlagResult getResult(String key);

    /** @return the keys of the flags in this snapshot */
    Set<String> keys();

    /**
     * @param keys the keys to keep
     * @return a copy holding only those flags (unknown keys are logged and ignored)
     */
    FlagEvaluations only(Collection<String> keys);

    /** @return a copy holding only the flags accessed so far */
    FlagEvaluations onlyAccessed();
}
