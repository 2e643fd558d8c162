// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.flags;

import java.util.Map;

/**
 * A property map seen through one default entry, without copying: person properties over
 * {@code distinct_id}, or group properties over {@code $group_key}. Caller entries win, as in
 * posthog-node's {@code {distinct_id: id, ...personProperties}}.
 */
final class Props {
    private final Map<String, ?> base;
    private final String defaultKey;
    private final Object defaultValue;

    Props(Map<String, ?> base, String defaultKey, Object defaultValue) {
        this.base = base;
        this.defaultKey = defaultKey;
        this.defaultValue = defaultValue;
    }

    boolean has(String key) {
        return base.containsKey(key) || key.equals(defaultKey);
    }

    Object get(String key) {
        if (base.containsKey(key)) {
            return base.get(key);
        }
        return key.equals(defaultKey) ? defaultValue : null;
    }
}
