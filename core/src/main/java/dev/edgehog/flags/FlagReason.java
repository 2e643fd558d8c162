// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.flags;

import java.util.Objects;

/**
 * Why a flag has the value it has: which condition matched, why nothing matched, or why it could
 * not be decided locally.
 *
 * @param code what happened
 * @param conditionIndex the zero-based index of the condition concerned, or {@code -1} when no
 *     single condition is concerned
 * @param description a short human-readable explanation, never null
 */
public record FlagReason(Code code, int conditionIndex, String description) {
    /** What decided (or failed to decide) a flag. */
    public enum Code {
        /** A condition matched; {@link #conditionIndex()} says which. */
        CONDITION_MATCH(true),
        /** The subject falls in the flag's holdout group; the value is the holdout variant. */
        HOLDOUT(true),
        /** A condition matched the properties but its rollout percentage excluded the subject. */
        OUT_OF_ROLLOUT(true),
        /** No condition matched. */
        NO_CONDITION_MATCH(true),
        /** A group flag was evaluated without a group of its type, so it is off. */
        NO_GROUP(true),
        /** The flag is inactive, so it is off. */
        FLAG_INACTIVE(true),
        /** No flag with this key is defined locally; a client would ask the server. */
        FLAG_NOT_FOUND(false),
        /** The flag has experience continuity enabled, which only the server can honour. */
        EXPERIENCE_CONTINUITY(false),
        /** The definition uses something local evaluation cannot decide (e.g. a static cohort). */
        UNSUPPORTED_DEFINITION(false),
        /** A flag this flag depends on could not be decided locally. */
        UNRESOLVED_DEPENDENCY(false),
        /** A property (or group, or {@code $device_id}) needed to decide was not provided. */
        MISSING_CONTEXT(false),
        /** The flag's definition does not have the expected shape. */
        MALFORMED_DEFINITION(false),
        /** An unexpected error inside the evaluator; it was logged. */
        ERROR(false),
        /**
         * PostHog decided the flag ({@code /flags}); {@link #description()} is the server's
         * reason and {@link #conditionIndex()} its condition index.
         */
        REMOTE(true),
        /** The value comes from {@code overrideFeatureFlags} (tests). */
        OVERRIDE(true),
        /** The {@code /flags} request failed (network, timeout, HTTP error); it was reported. */
        REMOTE_FAILED(false),
        /** PostHog answered that the project's feature-flag quota is exhausted. */
        QUOTA_LIMITED(false),
        /**
         * No definitions are available locally (not configured, not loaded yet, or cleared) and
         * the call may not ask PostHog ({@code onlyEvaluateLocally}).
         */
        DEFINITIONS_NOT_LOADED(false),
        /** The client is disabled or closed; nothing was evaluated. */
        CLIENT_DISABLED(false),
        /** The call was invalid (for example a blank distinct id); nothing was evaluated. */
        INVALID_ARGUMENT(false);

        private final boolean conclusive;

        Code(boolean conclusive) {
            this.conclusive = conclusive;
        }

        /** @return true when a flag with this reason has a definite value */
        public boolean isConclusive() {
            return conclusive;
        }
    }

    /**
     * Validates the components.
     *
     * @throws NullPointerException if {@code code} or {@code description} is null
     */
    public FlagReason {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(description, "description");
        if (conditionIndex < -1) {
            throw new IllegalArgumentException("conditionIndex must be >= -1, was " + conditionIndex);
        }
    }

    /**
     * A reason not tied to a condition.
     *
     * @param code the code
     * @param description the explanation
     * @return the reason
     */
    public static FlagReason of(Code code, String description) {
        return new FlagReason(code, -1, description);
    }

    /** @return true when the flag has a definite value locally */
    public boolean isConclusive() {
        return code.isConclusive();
    }

    @Override
    public String toString() {
        return conditionIndex >= 0 ? code + "[" + conditionIndex + "]: " + description : code + ": " + description;
    }
}
