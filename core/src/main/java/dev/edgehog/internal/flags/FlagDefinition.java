// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.flags;

import dev.edgehog.internal.Loggers;
import java.lang.System.Logger.Level;
import java.util.Map;

/**
 * One flag of the definitions document: the top-level fields read when the document is
 * loaded, and its {@linkplain #rules() rules} compiled at the first evaluation that needs them.
 *
 * <p>Field semantics follow posthog-node's reading of the raw JSON, including JavaScript
 * truthiness ({@code active}, {@code ensure_experience_continuity}, {@code early_exit}).
 *
 * <p>Thread-safe. Compiling is pure, so two threads that evaluate the flag for the first time
 * together may both compile it; they get equal rules, and one of them is kept (a volatile
 * field publishes it). Loading a document therefore costs no regex, date or payload work:
 * that is paid per flag, by the first call that reads the flag.
 */
final class FlagDefinition {
    final String key;
    final Object id;
    final boolean active;
    final boolean experienceContinuity;
    /** The flag's aggregation group type index (raw JSON value), or null for a person flag. */
    final Object aggregation;
    final boolean deviceBucketing;
    final boolean earlyExit;
    final Object hasExperiment;

    /** The decoded {@code filters} object (only read), kept until the rules are compiled. */
    private final Map<String, Object> filters;
    private final boolean v2;
    private volatile FlagRules rules;

    @SuppressWarnings("unchecked")
    private FlagDefinition(String key, Map<String, Object> raw, boolean v2) {
        this.key = key;
        this.id = raw.get("id");
        this.active = Js.truthy(raw.get("active"));
        this.experienceContinuity = Js.truthy(raw.get("ensure_experience_continuity"));
        this.deviceBucketing = "device_id".equals(raw.get("bucketing_identifier"));
        this.hasExperiment = raw.get("has_experiment");
        Object filtersRaw = raw.get("filters");
        this.filters = filtersRaw instanceof Map ? (Map<String, Object>) filtersRaw : Map.of();
        this.aggregation = filters.get("aggregation_group_type_index");
        this.earlyExit = Js.truthy(filters.get("early_exit"));
        this.v2 = v2;
    }

    /**
     * Reads a flag's top-level fields; its rules are compiled later, by {@link #rules()}.
     *
     * @param key the flag key
     * @param raw the decoded flag object (only read, now and at compile time)
     * @param v2 whether the document has {@code property_matching_version} 2
     */
    static FlagDefinition of(String key, Map<String, Object> raw, boolean v2) {
        return new FlagDefinition(key, raw, v2);
    }

    /**
     * The flag's compiled rules, compiled on the first call. A malformed flag is logged (WARNING,
     * logger {@code edgehog.flags}) when it is compiled; an unexpected failure of the compiler
     * makes the flag malformed rather than escaping to the caller.
     *
     * @return the rules
     */
    FlagRules rules() {
        FlagRules r = rules;
        if (r == null) {
            r = compile();
            rules = r;
        }
        return r;
    }

    /** @return whether {@link #rules()} has compiled the rules yet (for tests) */
    boolean isCompiled() {
        return rules != null;
    }

    private FlagRules compile() {
        FlagRules r;
        try {
            r = FlagRules.compile(filters, v2);
        } catch (RuntimeException e) {
            Loggers.FLAGS.log(Level.DEBUG, "flags: compiling \"" + key + "\" failed", e);
            r = FlagRules.malformed("the definition could not be compiled (" + e + ")");
        }
        if (r.malformed != null) {
            Loggers.FLAGS.log(Level.WARNING, "definitions: flag \"{0}\" is malformed ({1}); it will not be evaluated locally",
                    key, r.malformed);
        }
        return r;
    }
}
