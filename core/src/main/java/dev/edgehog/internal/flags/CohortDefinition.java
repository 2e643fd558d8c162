// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.flags;

/**
 * One cohort of the definitions document, compiled into a {@link CohortNode} the first time a
 * flag filter reaches it rather than when the document is loaded (its filters may hold
 * regexes and dates). Thread-safe in the same way as {@link FlagDefinition#rules()}: compiling
 * is pure, so a race compiles twice at worst and either result is kept.
 */
final class CohortDefinition {
    /** The decoded property group (only read). */
    private final Object raw;
    private final boolean v2;
    private volatile CohortNode node;

    /**
     * @param raw the decoded property group
     * @param v2 whether the document has {@code property_matching_version} 2
     */
    CohortDefinition(Object raw, boolean v2) {
        this.raw = raw;
        this.v2 = v2;
    }

    /** @return the compiled property group, compiled on the first call */
    CohortNode node() {
        CohortNode n = node;
        if (n == null) {
            n = CohortNode.compile(raw, v2);
            node = n;
        }
        return n;
    }
}
