// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal;

import java.util.ResourceBundle;

/**
 * A {@link System.Logger} that asks the JDK for its real logger only when it has something to
 * say: messages at {@code INFO} and above always, routine {@code DEBUG} and {@code TRACE}
 * messages only when debugging is switched on ({@link Loggers#DEBUG}).
 *
 * <p>Looking a logger up starts the application's logging back end ({@code
 * java.util.logging} by default: about 20 ms of a fresh JVM's start), and a serverless function
 * that sends its events without trouble would otherwise pay that on every cold start for
 * messages nobody reads.
 */
final class GatedLogger implements System.Logger {
    private final String name;
    private final boolean debug;
    private volatile System.Logger delegate;

    /**
     * @param name the logger name
     * @param debug whether {@code DEBUG} and {@code TRACE} messages pass
     */
    GatedLogger(String name, boolean debug) {
        this.name = name;
        this.debug = debug;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public boolean isLoggable(Level level) {
        return passes(level) && delegate().isLoggable(level);
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
        if (passes(level)) {
            delegate().log(level, bundle, msg, thrown);
        }
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        if (passes(level)) {
            delegate().log(level, bundle, format, params);
        }
    }

    private boolean passes(Level level) {
        return debug || level.getSeverity() >= Level.INFO.getSeverity();
    }

    private System.Logger delegate() {
        System.Logger d = delegate;
        if (d == null) {
            d = System.getLogger(name);
            delegate = d;
        }
        return d;
    }
}
