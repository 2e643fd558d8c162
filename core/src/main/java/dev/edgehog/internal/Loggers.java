// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal;

import java.lang.System.Logger;

/**
 * The few stable logger names Edgehog uses, so users can tune them without knowing class names.
 * Everything goes through {@link System.Logger}: no logging dependency, routed to
 * {@code java.util.logging} by default (and from there to Quarkus or SLF4J when they are set up).
 *
 * <p>Warnings and errors always reach the logger. Routine messages ({@code DEBUG}: the client's
 * options, each request and its status, definitions loaded, repeated warnings) are produced only
 * when debugging is switched on with the system property {@code edgehog.debug=true} or the
 * environment variable {@code POSTHOG_DEBUG=true}, as posthog-node's {@code debug()} does; then
 * they go to these loggers at {@code DEBUG}. Off, Edgehog does not touch the logging back end
 * until it has a warning to report (see {@link GatedLogger}).
 */
public final class Loggers {
    /** Whether routine {@code DEBUG}/{@code TRACE} messages are produced (read once, at start-up). */
    public static final boolean DEBUG = debugSwitch(System.getProperty("edgehog.debug"), System.getenv("POSTHOG_DEBUG"));

    /** Client lifecycle and configuration. */
    public static final Logger MAIN = new GatedLogger("edgehog", DEBUG);
    /** Event validation, hooks, queueing and delivery. */
    public static final Logger CAPTURE = new GatedLogger("edgehog.capture", DEBUG);
    /** HTTP requests and responses. */
    public static final Logger TRANSPORT = new GatedLogger("edgehog.transport", DEBUG);
    /** Feature flags: definitions loading, snapshots, local and remote evaluation. */
    public static final Logger FLAGS = new GatedLogger("edgehog.flags", DEBUG);

    private Loggers() {}

    /**
     * @param property the {@code edgehog.debug} system property, or null
     * @param environment the {@code POSTHOG_DEBUG} environment variable, or null
     * @return whether debugging is on: the property decides when set, else the variable
     */
    static boolean debugSwitch(String property, String environment) {
        String v = property != null ? property : environment;
        return v != null && (v.trim().equalsIgnoreCase("true") || v.trim().equals("1"));
    }
}
