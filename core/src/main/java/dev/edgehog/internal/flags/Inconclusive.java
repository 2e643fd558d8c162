// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.flags;

/**
 * "Cannot be decided locally", thrown inside the evaluator and never outside this package.
 *
 * <p>A <em>soft</em> one (posthog-node's {@code InconclusiveMatchError}) lets the other
 * conditions of the flag still decide it; a <em>hard</em> one ({@code RequiresServerEvaluation},
 * e.g. a static cohort) abandons the flag. A soft one may carry the regex flavour: the value or
 * pattern needs the server's regex engine, and a later matching condition is only trusted when
 * the uncertain condition would have produced the same value.
 */
final class Inconclusive extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final boolean hard;
    final Unresolved reason;
    final boolean regex;
    /**
     * Set when this is one of our documented deliberate differences from posthog-node (an input
     * Node decides but we leave to the server, see docs/flags-differences.md). Such a cause never
     * lets another condition decide the flag: it ends the flag undecided, so it can only turn a
     * Node answer into "ask the server", never into a different answer.
     */
    final String deviation;

    Inconclusive(boolean hard, Unresolved reason, boolean regex, String message) {
        this(hard, reason, regex, message, null);
    }

    Inconclusive(boolean hard, Unresolved reason, boolean regex, String message, String deviation) {
        super(message, null, false, false);
        this.hard = hard;
        this.reason = reason;
        this.regex = regex;
        this.deviation = deviation;
    }

    static Inconclusive deviation(Unresolved reason, String deviation, String message) {
        return new Inconclusive(false, reason, false, message, deviation);
    }

    static Inconclusive soft(Unresolved reason, String message) {
        return new Inconclusive(false, reason, false, message);
    }

    static Inconclusive hard(Unresolved reason, String message) {
        return new Inconclusive(true, reason, false, message);
    }

    static Inconclusive regex(String message) {
        return new Inconclusive(false, Unresolved.UNSUPPORTED_DEFINITION, true, message);
    }
}
