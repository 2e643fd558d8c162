// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Captures every {@code java.util.logging} record of the {@code edgehog} logger tree (which is
 * where {@link System.Logger} sends them by default) at ALL levels during one test. Register
 * it as an instance field with {@code @RegisterExtension}.
 */
public final class LogCapture implements BeforeEachCallback, AfterEachCallback {
    private static final SimpleFormatter FORMATTER = new SimpleFormatter();

    // Held strongly: JUL loggers are weakly referenced, and a collected logger forgets its level.
    private final Logger root = Logger.getLogger("edgehog");
    private final List<LogRecord> records = new ArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (records) {
                records.add(record);
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private Level previousLevel;

    @Override
    public void beforeEach(ExtensionContext context) {
        previousLevel = root.getLevel();
        handler.setLevel(Level.ALL);
        root.setLevel(Level.ALL);
        root.addHandler(handler);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        root.removeHandler(handler);
        root.setLevel(previousLevel);
    }

    /** @return every record so far */
    public List<LogRecord> records() {
        synchronized (records) {
            return List.copyOf(records);
        }
    }

    /**
     * @param logger a logger name, e.g. {@code edgehog.capture}
     * @param level the exact level
     * @return the formatted messages of that logger at that level
     */
    public List<String> messages(String logger, Level level) {
        List<String> out = new ArrayList<>();
        for (LogRecord r : records()) {
            if (r.getLoggerName().equals(logger) && r.getLevel().equals(level)) {
                out.add(FORMATTER.formatMessage(r));
            }
        }
        return out;
    }

    /**
     * @return every record rendered in full: logger, level, formatted message and the whole
     *     thrown chain (class, message and stack of each)
     */
    public List<String> renderedRecords() {
        List<String> out = new ArrayList<>();
        for (LogRecord r : records()) {
            out.add(r.getLoggerName() + " " + r.getLevel() + " " + FORMATTER.format(r));
        }
        return out;
    }
}
