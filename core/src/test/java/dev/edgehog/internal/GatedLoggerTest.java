// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edgehog.testing.LogCapture;
import java.lang.System.Logger.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Routine messages only when debugging is on; warnings always. */
class GatedLoggerTest {
    @RegisterExtension
    final LogCapture logs = new LogCapture();

    @Test
    void withDebuggingOffRoutineMessagesAreDroppedAndWarningsPass() {
        GatedLogger logger = new GatedLogger("edgehog.gated", false);

        logger.log(Level.DEBUG, "routine");
        logger.log(Level.TRACE, () -> "detail");
        logger.log(Level.WARNING, "problem");
        logger.log(Level.INFO, "notice");

        assertThat(logger.isLoggable(Level.DEBUG)).isFalse();
        assertThat(logger.isLoggable(Level.WARNING)).isTrue();
        assertThat(logs.messages("edgehog.gated", java.util.logging.Level.FINE)).isEmpty();
        assertThat(logs.messages("edgehog.gated", java.util.logging.Level.FINER)).isEmpty();
        assertThat(logs.messages("edgehog.gated", java.util.logging.Level.WARNING)).containsExactly("problem");
        assertThat(logs.messages("edgehog.gated", java.util.logging.Level.INFO)).containsExactly("notice");
    }

    @Test
    void withDebuggingOnEveryLevelReachesTheLoggingBackEnd() {
        GatedLogger logger = new GatedLogger("edgehog.gated", true);

        logger.log(Level.DEBUG, "routine {0}", 1);
        logger.log(Level.WARNING, "problem");

        assertThat(logger.isLoggable(Level.DEBUG)).isTrue();
        assertThat(logs.messages("edgehog.gated", java.util.logging.Level.FINE)).containsExactly("routine 1");
        assertThat(logs.messages("edgehog.gated", java.util.logging.Level.WARNING)).containsExactly("problem");
    }

    @Test
    void debuggingIsSwitchedOnByThePropertyOrElseTheEnvironment() {
        assertThat(Loggers.debugSwitch(null, null)).isFalse();
        assertThat(Loggers.debugSwitch(null, "true")).isTrue();
        assertThat(Loggers.debugSwitch(null, "1")).isTrue();
        assertThat(Loggers.debugSwitch(null, "yes please")).isFalse();
        assertThat(Loggers.debugSwitch("false", "true")).isFalse();
        assertThat(Loggers.debugSwitch(" TRUE ", null)).isTrue();
    }
}
