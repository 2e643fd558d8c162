// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.flags;

/**
 * Why a flag could not be decided locally, in posthog-node's vocabulary. When several causes
 * meet, the one listed first wins (posthog-node's precedence).
 */
enum Unresolved {
    EXPERIENCE_CONTINUITY,
    UNSUPPORTED_DEFINITION,
    UNRESOLVED_DEPENDENCY,
    MISSING_CONTEXT;

    static Unresolved pick(Unresolved current, Unresolved next) {
        if (current == null) {
            return next;
        }
        return next.ordinal() < current.ordinal() ? next : current;
    }
}
