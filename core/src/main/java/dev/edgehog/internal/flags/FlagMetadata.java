// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.flags;

/**
 * What the flag client needs from the compiled definitions besides evaluation: the facts that
 * go into {@code $feature_flag_called}, and the evaluator's {@code JSON.parse} for remote
 * payloads, so local and remote payloads decode alike.
 */
public final class FlagMetadata {
    private FlagMetadata() {}

    /**
     * @param definitions the definitions
     * @param key a flag key
     * @return the flag's {@code id} as it appears in the document, or null
     */
    public static Object id(FlagDefinitions definitions, String key) {
        FlagDefinition f = definitions.flag(key);
        return f == null ? null : f.id;
    }

    /**
     * @param definitions the definitions
     * @param key a flag key
     * @return the flag's {@code has_experiment} as it appears in the document, or null when absent
     */
    public static Object hasExperiment(FlagDefinitions definitions, String key) {
        FlagDefinition f = definitions.flag(key);
        return f == null ? null : f.hasExperiment;
    }

    /**
     * @param definitions the definitions
     * @return whether some flag asks for experience continuity (which only the server honours)
     */
    public static boolean hasContinuityFlags(FlagDefinitions definitions) {
        for (FlagDefinition f : definitions.all()) {
            if (f.experienceContinuity) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code JSON.parse}.
     *
     * @param text JSON text
     * @return the decoded value (unmodifiable collections)
     * @throws IllegalArgumentException when the text is not valid JSON
     */
    public static Object parseJson(String text) {
        try {
            return JsonText.parse(text);
        } catch (JsonText.Invalid e) {
            throw new IllegalArgumentException("not valid JSON");
        }
    }

    /**
     * Decodes a payload the way posthog-node does: {@code JSON.parse}, or the text itself when
     * it is not valid JSON.
     *
     * @param text the payload text, or null
     * @return the decoded value (unmodifiable collections), the raw text, or null
     */
    public static Object parsePayload(String text) {
        if (text == null) {
            return null;
        }
        try {
            return JsonText.parse(text);
        } catch (JsonText.Invalid e) {
            return text;
        }
    }
}
