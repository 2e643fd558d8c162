// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * The {@code edgehog} command: argument parsing, usage and dispatch. {@link #run} is the whole
 * program with its streams, clock and environment passed in (tests call it in-process); {@link #main} wires
 * the process's streams and exit code.
 */
public final class Cli {
    /** Exit code of a usage error (bad or missing arguments). */
    static final int USAGE = 2;

    static final String USAGE_TEXT = """
            Usage: edgehog flags eval [--definitions <file>] [--requests <file>] [--explain]
                   edgehog flags snapshot --out <file> [--personal-api-key <key>] [--project-api-key <key>]
                                          [--host <url>] [--format snapshot|env] [--timeout <seconds>]
                   edgehog --version
                   edgehog --help

            flags eval    Evaluate feature flags offline, as a PostHog client evaluates them
                          locally (posthog-node's onlyEvaluateLocally). Nothing is sent anywhere.

              --definitions <file>  the flag definitions: the body of GET /flags/definitions
                                    (send_cohorts), or an Edgehog snapshot file; may be gzipped.
                                    Default: the environment variable POSTHOG_FLAG_DEFINITIONS
                                    (JSON, or base64 of gzipped JSON), else the file named by
                                    POSTHOG_FLAG_DEFINITIONS_FILE, as the client reads them
              --requests <file>     JSON Lines, one request per line (default: standard input):
                                    {"key": "<flag>" (optional), "distinctId": "...", "groups": {...},
                                     "personProperties": {...}, "groupProperties": {"<type>": {...}}}
              --explain             print a human-readable trace of each evaluation (which condition,
                                    which property decided and why) instead of JSON; every request
                                    needs a "key"

            Output: one JSON line per request line, in order. With a key:
              {"key", "distinctId", "value": true|false|"<variant>"|null, "payload", "reason"}
            where a null value means "cannot be decided locally" (a client would ask PostHog).
            Without a key: {"distinctId", "flags": {...}, "payloads": {...}} holding the flags
            that can be decided locally. A bad request line gets {"error": "...", "line": N}.

            Exit status: 0 all lines answered; 1 a bad input file or request line; 2 bad usage.

            flags snapshot  Download the flag definitions (GET /flags/definitions, as the client
                          does) and write them as an Edgehog snapshot: dated and with PostHog's
                          ETag, so a client starting from it (classpath resource
                          META-INF/edgehog/flag-definitions.json, POSTHOG_FLAG_DEFINITIONS_FILE,
                          POSTHOG_FLAG_DEFINITIONS) treats it as fresh as of the download and
                          revalidates it with If-None-Match. Nothing is written unless PostHog's
                          answer is a valid definitions document; the file is replaced atomically.

              --out <file>               where to write; "-" for standard output
              --personal-api-key <key>   personal API key (phx_...) or project secret key (phs_...)
                                         with feature flag read access. Default: POSTHOG_PERSONAL_API_KEY
              --project-api-key <key>    project API key (phc_...). Default: POSTHOG_API_KEY, else
                                         POSTHOG_PROJECT_API_KEY
              --host <url>               PostHog host. Default: POSTHOG_HOST, else https://us.i.posthog.com
              --format snapshot|env      snapshot (default): the snapshot JSON; env: one line of base64
                                         of the gzipped snapshot, a value for POSTHOG_FLAG_DEFINITIONS
              --timeout <seconds>        the longest the download may take (default 10)

            Prefer the environment variables for keys: a command line is visible to other users
            of the machine. Keys are never printed. A one-line summary goes to standard error.

            Exit status: 0 written; 1 the output could not be written; 2 bad usage or missing key;
            3 PostHog refused a key (401/403); 4 quota exceeded or plan without local evaluation
            (402); 5 rate limited (429), try later; 6 network failure or timeout; 7 any other
            status, or an answer that is not a flag definitions document.
            """;

    private Cli() {}

    /**
     * Runs the program in this process.
     *
     * @param args the command-line arguments
     * @param stdin standard input (requests when no file is given)
     * @param stdout where results go
     * @param stderr where errors and usage mistakes go
     * @param clock the time source for relative date filters and snapshot dates
     * @param env the environment variables (keys and definitions may come from there)
     * @return the exit code
     */
    static int run(String[] args, InputStream stdin, PrintStream stdout, PrintStream stderr, Clock clock,
            Map<String, String> env) {
        if (args.length == 0) {
            return usageError(stderr, "no command given");
        }
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help"))) {
            stdout.print(USAGE_TEXT);
            stdout.flush();
            return 0;
        }
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            stdout.println("edgehog " + Evaluator.version());
            stdout.flush();
            return 0;
        }
        if (!args[0].equals("flags")) {
            return usageError(stderr, "unknown command \"" + args[0] + "\"");
        }
        if (args.length >= 2 && args[1].equals("snapshot")) {
            return FlagsSnapshot.run(args, 2, env, stdout, stderr, clock);
        }
        if (args.length < 2 || !args[1].equals("eval")) {
            return usageError(stderr, args.length < 2 ? "\"flags\" needs a subcommand: eval or snapshot"
                    : "unknown subcommand \"flags " + args[1] + "\" (known: eval, snapshot)");
        }
        Path definitions = null;
        Path requests = null;
        boolean explain = false;
        for (int i = 2; i < args.length; i++) {
            String arg = args[i];
            OptionArg option = OptionArg.of(arg);
            String name = option.name();
            String value = option.inlineValue();
            switch (name) {
                case "--help", "-h" -> {
                    stdout.print(USAGE_TEXT);
                    stdout.flush();
                    return 0;
                }
                case "--explain" -> {
                    if (value != null) {
                        return usageError(stderr, "--explain takes no value");
                    }
                    explain = true;
                }
                case "--definitions", "--requests" -> {
                    if (value == null) {
                        if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                            return usageError(stderr, name + " needs a file name");
                        }
                        value = args[++i];
                    }
                    if (value.isEmpty()) {
                        return usageError(stderr, name + " needs a file name");
                    }
                    if (name.equals("--definitions") ? definitions != null : requests != null) {
                        return usageError(stderr, name + " given twice");
                    }
                    Path path;
                    try {
                        path = Path.of(value);
                    } catch (InvalidPathException e) {
                        return usageError(stderr, name + ": not a file name: " + value);
                    }
                    if (name.equals("--definitions")) {
                        definitions = path;
                    } else {
                        requests = path;
                    }
                }
                default -> {
                    return usageError(stderr, arg.startsWith("-") ? "unknown option " + name
                            : "unexpected argument \"" + arg + "\"");
                }
            }
        }
        String definitionsText = null;
        if (definitions == null) {
            definitionsText = environment(env, "POSTHOG_FLAG_DEFINITIONS");
            String file = environment(env, "POSTHOG_FLAG_DEFINITIONS_FILE");
            if (definitionsText == null && file != null) {
                try {
                    definitions = Path.of(file.trim());
                } catch (InvalidPathException e) {
                    return usageError(stderr, "POSTHOG_FLAG_DEFINITIONS_FILE: not a file name: " + file);
                }
            }
            if (definitionsText == null && definitions == null) {
                return usageError(stderr, "flags eval needs --definitions <file> (or the environment variable "
                        + "POSTHOG_FLAG_DEFINITIONS or POSTHOG_FLAG_DEFINITIONS_FILE)");
            }
            stderr.println("edgehog: flag definitions from the environment variable "
                    + (definitionsText != null ? "POSTHOG_FLAG_DEFINITIONS" : "POSTHOG_FLAG_DEFINITIONS_FILE (" + definitions + ")"));
        }
        return new FlagsEval(new FlagsEval.Options(definitions, definitionsText, requests, explain), clock, stdout, stderr)
                .run(stdin);
    }

    /** @return the variable's value, or null when it is unset or blank */
    static String environment(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value;
    }

    static int usageError(PrintStream stderr, String message) {
        stderr.println("edgehog: " + message);
        stderr.println("Run 'edgehog --help' for usage.");
        stderr.flush();
        return USAGE;
    }

    /**
     * The process entry point.
     *
     * @param args the command-line arguments
     */
    public static void main(String[] args) {
        // Core logs through System.Logger (java.util.logging here): one short line per message
        // instead of JUL's two-line default, unless the user configured a format.
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "edgehog: %4$s: %5$s%6$s%n");
        }
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
                false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        int code = run(args, System.in, out, err, Clock.systemUTC(), System.getenv());
        out.flush();
        err.flush();
        System.exit(code);
    }
}
