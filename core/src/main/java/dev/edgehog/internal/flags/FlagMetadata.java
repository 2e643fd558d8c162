// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.flags;

/**
 * What the flag client needs from the evaluator's package besides {@link
 * FlagDefinitions#info(String)}: whether any flag asks for experience continuity (for the
 * start-up warning), and the evaluator's {@code JSON.parse}, so remote payloads decode exactly
 * as local ones.
 */
public final class FlagMetadata {
    private FlagMetadata() {}

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
