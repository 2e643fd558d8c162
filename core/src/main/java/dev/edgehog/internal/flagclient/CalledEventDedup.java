// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.flagclient;

import dev.edgehog.flags.FlagValue;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * posthog-node 5.70.0's {@code $feature_flag_called} de-duplication: one event per distinct id,
 * flag, value and groups. Remembers at most {@code maxCacheSize} distinct ids, evicting the
 * least recently used one (every check counts as a use), exactly as Node's {@code Map}-based
 * LRU does. (flags.md §14.3 describes an older Node that cleared everything; 5.70.0 does not.)
 */
final class CalledEventDedup {
    private final int maxDistinctIds;
    private final LinkedHashMap<String, Set<Key>> seen = new LinkedHashMap<>(16, 0.75f, true);

    /**
     * Node's key {@code <flag>_<response>[_<sorted groups JSON>]}, as a value: equal exactly when
     * Node's strings are equal (map equality ignores order, as sorting the groups does), without
     * building a string on every flag call.
     */
    private record Key(String flag, FlagValue value, Map<String, String> groups) {}

    CalledEventDedup(int maxDistinctIds) {
        this.maxDistinctIds = Math.max(1, maxDistinctIds);
    }

    /**
     * @return true when the event should be sent (and it is now recorded), false when it was sent before
     */
    synchronized boolean firstTime(String distinctId, String flagKey, FlagValue value, Map<String, String> groups) {
        Set<Key> keys = seen.get(distinctId); // access order: this marks the distinct id as most recent
        if (keys == null) {
            keys = new HashSet<>();
            seen.put(distinctId, keys);
        }
        if (!keys.add(new Key(flagKey, value, groups == null || groups.isEmpty() ? Map.of() : groups))) {
            return false;
        }
        Iterator<String> eldest = seen.keySet().iterator();
        while (seen.size() > maxDistinctIds && eldest.hasNext()) {
            eldest.next();
            eldest.remove();
        }
        return true;
    }

    synchronized int size() {
        return seen.size();
    }

    synchronized void clear() {
        seen.clear();
    }
}
