// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal;

import java.lang.System.Logger;

/**
 * The few stable logger names Edgehog uses, so users can tune them without knowing class names.
 * Everything goes through {@link System.Logger}: no logging dependency, routed to
 * {@code java.util.logging} by default (and from there to Quarkus or SLF4J when they are set up).
 */
public final class Loggers {
    /** Client lifecycle and configuration. */
    public static final Logger MAIN = System.getLogger("edgehog");
    /** Event validation, hooks, queueing and delivery. */
    public static final Logger CAPTURE = System.getLogger("edgehog.capture");
    /** HTTP requests and responses. */
    public static final Logger TRANSPORT = System.getLogger("edgehog.transport");
    /** Feature flags: definitions loading, snapshots, local and remote evaluation. */
    public static final Logger FLAGS = System.getLogger("edgehog.flags");

    private Loggers() {}
}
