// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.flags;

import com.dslplatform.json.JsonReader;
import com.dslplatform.json.ObjectConverter;
import dev.edgehog.internal.Loggers;
import dev.edgehog.internal.json.Codecs;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed definitions document (the body of {@code GET /flags/definitions}):
 * flags by key, the group type mapping and the locally evaluable cohorts.
 *
 * <p>Thread-safe, and immutable as seen from outside. Decoding happens once, with DSL-JSON's
 * generic decoder (no reflection, no runtime analyzers) and the client's one DSL-JSON instance
 * ({@link Codecs#newReader(byte[])}). Loading reads only each flag's top-level fields: a flag's
 * rules (regexes, dates, versions, variant ranges, payloads) and a cohort's filters are
 * compiled at their first evaluation and kept, so a cold start that reads a few flags of a
 * large document pays for those few (see {@link FlagDefinition#rules()}).
 */
public final class FlagDefinitions {
    private final Map<String, FlagDefinition> flags;
    private final Map<String, Object> groupTypeMapping;
    private final Map<String, CohortDefinition> cohorts;
    private final boolean minimalFlagCalledEvents;

    private FlagDefinitions(Map<String, FlagDefinition> flags, Map<String, Object> groupTypeMapping,
            Map<String, CohortDefinition> cohorts, boolean minimalFlagCalledEvents) {
        this.flags = flags;
        this.groupTypeMapping = groupTypeMapping;
        this.cohorts = cohorts;
        this.minimalFlagCalledEvents = minimalFlagCalledEvents;
    }

    /** An empty document: no flags. */
    public static FlagDefinitions empty() {
        return new FlagDefinitions(Map.of(), Map.of(), Map.of(), false);
    }

    /**
     * Parses a definitions document.
     *
     * @param json the document text
     * @return the definitions
     * @throws FlagDefinitionsException if it is not a JSON object with a {@code flags} array
     */
    public static FlagDefinitions parse(String json) throws FlagDefinitionsException {
        return parse(json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Parses a definitions document.
     *
     * @param json the document as UTF-8 bytes
     * @return the definitions
     * @throws FlagDefinitionsException if it is not a JSON object with a {@code flags} array
     */
    public static FlagDefinitions parse(byte[] json) throws FlagDefinitionsException {
        Object doc;
        try {
            JsonReader<Object> reader = Codecs.newReader(json);
            reader.getNextToken();
            doc = ObjectConverter.deserializeObject(reader);
            for (int i = reader.getCurrentIndex(); i < json.length; i++) {
                byte c = json[i];
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    throw new FlagDefinitionsException("definitions: unexpected content after the JSON value at byte " + i, null);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new FlagDefinitionsException("definitions: not valid JSON: " + e.getMessage(), e);
        }
        return fromJson(doc);
    }

    /**
     * Reads an already decoded document (maps, lists, strings, numbers, booleans, nulls). The
     * document is kept and read again, possibly from several threads, when each flag is first
     * evaluated: hand over a document that nothing modifies afterwards (and whose maps do not
     * change when read, so no access-ordered {@code LinkedHashMap}).
     *
     * @param doc the decoded document
     * @return the definitions
     * @throws FlagDefinitionsException if it is not an object with a {@code flags} array
     */
    @SuppressWarnings("unchecked")
    public static FlagDefinitions fromJson(Object doc) throws FlagDefinitionsException {
        if (!(doc instanceof Map)) {
            throw new FlagDefinitionsException("definitions: expected a JSON object, got " + describe(doc), null);
        }
        Map<String, Object> root = (Map<String, Object>) doc;
        if (!root.containsKey("flags")) {
            throw new FlagDefinitionsException("definitions: the document has no \"flags\" field", null);
        }
        Object flagsRaw = root.get("flags");
        if (flagsRaw != null && !Js.isArray(flagsRaw)) {
            throw new FlagDefinitionsException("definitions: \"flags\" is not an array but " + describe(flagsRaw), null);
        }
        Object pmv = root.get("property_matching_version");
        boolean v2 = pmv instanceof Number n && n.doubleValue() == 2;

        // Plain loops, not forEach with lambdas: the first lambda of a JVM costs milliseconds.
        Map<String, Object> mapping = new LinkedHashMap<>();
        if (root.get("group_type_mapping") instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                mapping.put(String.valueOf(e.getKey()), e.getValue());
            }
        }
        Map<String, CohortDefinition> cohorts = new LinkedHashMap<>();
        if (root.get("cohorts") instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                cohorts.put(String.valueOf(e.getKey()), new CohortDefinition(e.getValue(), v2));
            }
        }
        Map<String, FlagDefinition> flags = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        int index = 0;
        for (Object f : flagsRaw == null ? List.of() : Js.list(flagsRaw)) {
            if (f instanceof Map<?, ?> fm && fm.get("key") instanceof String key) {
                // A later definition with the same key replaces the earlier one, as in Node.
                flags.remove(key);
                flags.put(key, FlagDefinition.of(key, (Map<String, Object>) fm, v2));
            } else {
                skipped.add("#" + index);
            }
            index++;
        }
        if (!skipped.isEmpty()) {
            Loggers.FLAGS.log(Level.WARNING, "definitions: ignored {0} flag entries without a string key: {1}",
                    skipped.size(), skipped);
        }
        return new FlagDefinitions(Collections.unmodifiableMap(flags), Collections.unmodifiableMap(mapping),
                Collections.unmodifiableMap(cohorts), Boolean.TRUE.equals(root.get("minimal_flag_called_events")));
    }

    private static String describe(Object v) {
        if (v == null) {
            return "null";
        }
        if (Js.isArray(v)) {
            return "an array";
        }
        return v instanceof Map ? "an object" : "a " + v.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }

    FlagDefinition flag(String key) {
        return flags.get(key);
    }

    Iterable<FlagDefinition> all() {
        return flags.values();
    }

    CohortNode cohort(String id) {
        return cohorts.get(id).node();
    }

    boolean hasCohort(String id) {
        return cohorts.containsKey(id);
    }

    /** The group type name for an aggregation index, or null when unmapped (or falsy). */
    String groupType(Object aggregationIndex) {
        Object name = groupTypeMapping.get(Js.str(aggregationIndex));
        return Js.truthy(name) ? Js.str(name) : null;
    }

    /**
     * What the client reports about a locally evaluated flag in {@code $feature_flag_called}.
     *
     * @param key the flag key
     * @param id the definition's {@code id} as decoded (usually a {@code Long}), or null
     * @param hasExperiment the definition's {@code has_experiment} as decoded, or null when absent
     * @param active whether the flag is active (JavaScript truthiness of {@code active})
     */
    public record FlagInfo(String key, Object id, Object hasExperiment, boolean active) {}

    /**
     * @param key a flag key
     * @return the flag's metadata, or empty when the document does not define it
     */
    public java.util.Optional<FlagInfo> info(String key) {
        FlagDefinition f = flags.get(key);
        return f == null ? java.util.Optional.empty()
                : java.util.Optional.of(new FlagInfo(f.key, f.id, f.hasExperiment, f.active));
    }

    /**
     * @param key a flag key
     * @return whether the document defines it
     */
    public boolean contains(String key) {
        return flags.containsKey(key);
    }

    /** @return the flag keys, in document order */
    public java.util.Set<String> keys() {
        return flags.keySet();
    }

    /** @return the number of flags */
    public int size() {
        return flags.size();
    }

    /** @return the document's {@code minimal_flag_called_events} gate (only literal true) */
    public boolean minimalFlagCalledEvents() {
        return minimalFlagCalledEvents;
    }
}
