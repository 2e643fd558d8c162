// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.cli;

import dev.edgehog.flags.FlagContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One request line of {@code flags eval}: a flag key (or none, for every flag) and the context.
 *
 * @param key the flag key, or null for all flags
 * @param context who the flags are evaluated for
 */
record Request(String key, FlagContext context) {
    private static final Set<String> FIELDS = Set.of("key", "distinctId", "groups", "personProperties", "groupProperties");

    /** A request line with the wrong shape; the message says which field and why. */
    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Reads a decoded request line. Unknown fields are rejected, so that a misspelt field (say
     * {@code person_properties}) is not silently ignored and evaluated without its properties.
     *
     * @param line the decoded JSON value
     * @return the request
     * @throws Invalid when it is not an object of the documented shape
     */
    static Request from(Object line) throws Invalid {
        if (!(line instanceof Map<?, ?> map)) {
            throw new Invalid("a request must be a JSON object, got " + describe(line));
        }
        for (Object field : map.keySet()) {
            if (!FIELDS.contains(field)) {
                throw new Invalid("unknown field \"" + field + "\" (expected key, distinctId, groups, personProperties, "
                        + "groupProperties)");
            }
        }
        Object key = map.get("key");
        if (key != null && !(key instanceof String)) {
            throw new Invalid("\"key\" must be a string, got " + describe(key));
        }
        Object distinctId = map.get("distinctId");
        if (!(distinctId instanceof String id) || id.isBlank()) {
            throw new Invalid(distinctId == null ? "\"distinctId\" is missing"
                    : "\"distinctId\" must be a non-blank string, got " + describe(distinctId));
        }
        FlagContext.Builder context = FlagContext.builder(id);
        Map<?, ?> groups = object(map, "groups");
        if (groups != null) {
            for (Map.Entry<?, ?> e : groups.entrySet()) {
                Object groupKey = e.getValue();
                if (groupKey instanceof String s) {
                    context.group(e.getKey().toString(), s);
                } else if (groupKey instanceof Long n) {
                    context.group(e.getKey().toString(), n.toString());
                } else {
                    throw new Invalid("\"groups\".\"" + e.getKey() + "\" must be a string (the group key), got "
                            + describe(groupKey));
                }
            }
        }
        Map<?, ?> personProperties = object(map, "personProperties");
        if (personProperties != null) {
            personProperties.forEach((k, v) -> context.personProperty(k.toString(), v));
        }
        Map<?, ?> groupProperties = object(map, "groupProperties");
        if (groupProperties != null) {
            for (Map.Entry<?, ?> e : groupProperties.entrySet()) {
                if (!(e.getValue() instanceof Map<?, ?> props)) {
                    throw new Invalid("\"groupProperties\".\"" + e.getKey() + "\" must be an object, got "
                            + describe(e.getValue()));
                }
                LinkedHashMap<String, Object> copy = new LinkedHashMap<>();
                props.forEach((k, v) -> copy.put(k.toString(), v));
                context.groupProperties(e.getKey().toString(), copy);
            }
        }
        return new Request((String) key, context.build());
    }

    private static Map<?, ?> object(Map<?, ?> map, String field) throws Invalid {
        Object v = map.get(field);
        if (v == null || v instanceof Map) {
            return (Map<?, ?>) v;
        }
        throw new Invalid("\"" + field + "\" must be an object, got " + describe(v));
    }

    static String describe(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Map) {
            return "an object";
        }
        if (v instanceof List) {
            return "an array";
        }
        if (v instanceof String) {
            return "a string";
        }
        if (v instanceof Boolean) {
            return "a boolean";
        }
        return v instanceof Number ? "a number" : v.getClass().getSimpleName();
    }
}
