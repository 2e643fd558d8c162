// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.examples.demo;

import java.io.PrintStream;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Shows Edgehog's log lines inline with the demo's narration, one short line each.
 *
 * <p>Edgehog logs through {@link System.Logger}, which on a plain JVM ends in
 * {@code java.util.logging}; its default console format spreads every record over two lines
 * on stderr. An application decides how its logs look, so the demo, being one, routes the
 * {@code edgehog} loggers to its own output at INFO and above.
 */
final class ConsoleLogging {
    /** Held so the configured logger is not garbage-collected (JUL keeps loggers weakly). */
    private static Logger edgehog;

    private ConsoleLogging() {}

    /**
     * Sends {@code edgehog.*} records at INFO and above to {@code out} as
     * {@code "  ! WARNING edgehog.capture: message"}.
     *
     * @param out where to print
     */
    static synchronized void routeTo(PrintStream out) {
        Logger logger = Logger.getLogger("edgehog");
        for (Handler h : logger.getHandlers()) {
            logger.removeHandler(h);
        }
        logger.setUseParentHandlers(false);
        logger.setLevel(Level.INFO);
        SimpleFormatter formatter = new SimpleFormatter();
        logger.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (isLoggable(record)) {
                    out.println("      ! " + record.getLevel() + " " + record.getLoggerName() + ": "
                            + formatter.formatMessage(record));
                }
            }

            @Override
            public void flush() {
                out.flush();
            }

            @Override
            public void close() {
                flush();
            }
        });
        edgehog = logger;
    }
}
