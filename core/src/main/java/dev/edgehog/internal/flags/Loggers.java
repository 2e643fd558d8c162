// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.flags;

/** Stable logger names of the flags subsystem. */
final class Loggers {
    private Loggers() {}

    /** Local flag evaluation and definitions parsing. */
    static final String FLAGS = "edgehog.flags";
}
