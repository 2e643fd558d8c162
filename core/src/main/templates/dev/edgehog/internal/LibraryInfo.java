// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal;

/** Identity of this library on the wire: {@code $lib}, {@code $lib_version} and the User-Agent. */
public final class LibraryInfo {
    /** The {@code $lib} property value. */
    public static final String NAME = "edgehog-java";
    /** The {@code $lib_version} property value: the Maven project version. */
    public static final String VERSION = "${project.version}";
    /** The User-Agent header sent on every request. */
    public static final String USER_AGENT = NAME + "/" + VERSION;

    private LibraryInfo() {}
}
