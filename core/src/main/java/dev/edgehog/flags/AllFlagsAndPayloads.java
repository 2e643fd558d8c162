// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.flags;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answer of {@code PostHog.getAllFlagsAndPayloads}: posthog-node's {@code {featureFlags,
 * featureFlagPayloads}}.
 *
 * @param featureFlags every flag decided, by key, off ones included (never {@link
 *     FlagValue#UNKNOWN})
 * @param featureFlagPayloads the payloads of enabled flags that have one, by key
 * @since 0.1.0
 */
public record AllFlagsAndPayloads(Map<String, FlagValue> featureFlags, Map<String, Object> featureFlagPayloads) {
    /** An answer with no flags. */
    public static final AllFlagsAndPayloads EMPTY = new AllFlagsAndPayloads(Map.of(), Map.of());

    /** Copies the maps into unmodifiable ones (payload values may be null). */
    public AllFlagsAndPayloads {
        featureFlags = Collections.unmodifiableMap(new LinkedHashMap<>(featureFlags));
        featureFlagPayloads = Collections.unmodifiableMap(new LinkedHashMap<>(featureFlagPayloads));
    }
}
