// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.flagclient;

import dev.edgehog.flags.FlagValue;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * posthog-node 5.70.0's {@code $feature_flag_called} de-duplication: one event per distinct id,
 * flag, value and groups. Remembers at most {@code maxCacheSize} distinct ids, evicting the
 * least recently used one (every check counts as a use), exactly as Node's {@code Map}-based
 * LRU does. (flags.md §14.3 describes an older Node that cleared everything; 5.70.0 does not.)
 */
final class CalledEventDedup {
    private final int maxDistinctIds;
    private final LinkedHashMap<String, Set<String>> seen = new LinkedHashMap<>(16, 0.75f, true);

    CalledEventDedup(int maxDistinctIds) {
        this.maxDistinctIds = Math.max(1, maxDistinctIds);
    }

    /**
     * @return true when the event should be sent (and it is now recorded), false when it was sent before
     */
    synchronized boolean firstTime(String distinctId, String flagKey, FlagValue value, Map<String, String> groups) {
        Set<String> keys = seen.get(distinctId); // access order: this marks the distinct id as most recent
        if (keys == null) {
            keys = new HashSet<>();
            seen.put(distinctId, keys);
        }
        if (!keys.add(key(flagKey, value, groups))) {
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

    /**
     * {@code <flagKey>_<String(response)>}, plus {@code _} and the groups as JSON {@code [[type,
     * key], ...]} sorted by type when there are groups.
     */
    static String key(String flagKey, FlagValue value, Map<String, String> groups) {
        StringBuilder sb = new StringBuilder(flagKey).append('_');
        Object v = value.toJsonValue();
        sb.append(v == null ? "undefined" : v.toString());
        if (groups != null && !groups.isEmpty()) {
            sb.append("_[");
            boolean first = true;
            for (Map.Entry<String, String> g : new TreeMap<>(groups).entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                sb.append('[');
                json(sb, g.getKey());
                sb.append(',');
                json(sb, g.getValue());
                sb.append(']');
            }
            sb.append(']');
        }
        return sb.toString();
    }

    private static void json(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
