// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.cli;

/**
 * One command-line argument split into an option name and its inline value: {@code
 * --name=value}, or {@code --name} alone (whose value, if it takes one, is the next argument).
 *
 * @param name the option name, or the whole argument when it is not {@code --name=value}
 * @param inlineValue the text after {@code =}, or null
 */
record OptionArg(String name, String inlineValue) {

    /**
     * @param arg one argument as given
     * @return its name and inline value
     */
    static OptionArg of(String arg) {
        int eq = arg.indexOf('=');
        return arg.startsWith("--") && eq > 0
                ? new OptionArg(arg.substring(0, eq), arg.substring(eq + 1))
                : new OptionArg(arg, null);
    }
}
