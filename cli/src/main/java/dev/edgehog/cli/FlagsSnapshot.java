// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.cli;

import dev.edgehog.PostHogException;
import dev.edgehog.PostHogOptions;
import dev.edgehog.flags.FlagDefinitionsSnapshot;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code edgehog flags snapshot}: downloads the flag definitions once and writes them as an
 * Edgehog snapshot (or its {@code POSTHOG_FLAG_DEFINITIONS} form), through core's public {@link
 * FlagDefinitionsSnapshot}. Keys come from options or the environment and are never printed.
 */
final class FlagsSnapshot {
    /** The output could not be written. */
    static final int WRITE_FAILED = 1;
    /** PostHog refused a key (401, 403). */
    static final int KEY_REFUSED = 3;
    /** Quota exceeded or plan without local evaluation (402). */
    static final int QUOTA = 4;
    /** Rate limited (429). */
    static final int RATE_LIMITED = 5;
    /** No answer: network failure or timeout. */
    static final int NETWORK = 6;
    /** Any other status, or an answer that is not a definitions document. */
    static final int BAD_ANSWER = 7;

    private static final Duration DEFAULT_TIMEOUT = PostHogOptions.DEFAULT_REQUEST_TIMEOUT;
    private static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);

    /** What is written: the snapshot JSON, or base64 of its gzip for {@code POSTHOG_FLAG_DEFINITIONS}. */
    enum Format {
        SNAPSHOT, ENV
    }

    private FlagsSnapshot() {}

    /**
     * Parses the options after {@code flags snapshot} and runs the command.
     *
     * @param args the whole command line
     * @param from the index of the first option
     * @param env the environment variables
     * @param stdout where {@code --out -} writes
     * @param stderr where the summary and errors go
     * @param clock the download time recorded in the snapshot
     * @return the exit code
     */
    static int run(String[] args, int from, Map<String, String> env, PrintStream stdout, PrintStream stderr, Clock clock) {
        Map<String, String> given = new HashMap<>();
        for (int i = from; i < args.length; i++) {
            String arg = args[i];
            OptionArg option = OptionArg.of(arg);
            String name = option.name();
            String value = option.inlineValue();
            switch (name) {
                case "--help", "-h" -> {
                    stdout.print(Cli.USAGE_TEXT);
                    stdout.flush();
                    return 0;
                }
                case "--out", "--personal-api-key", "--project-api-key", "--host", "--format", "--timeout" -> {
                    if (value == null) {
                        // "-" alone is a value (standard output); other words starting with "-" are options.
                        if (i + 1 >= args.length || (args[i + 1].startsWith("-") && !args[i + 1].equals("-"))) {
                            return Cli.usageError(stderr, name + " needs a value");
                        }
                        value = args[++i];
                    }
                    if (value.isBlank()) {
                        return Cli.usageError(stderr, name + " needs a value");
                    }
                    if (given.put(name, value) != null) {
                        return Cli.usageError(stderr, name + " given twice");
                    }
                }
                default -> {
                    return Cli.usageError(stderr, arg.startsWith("-") ? "unknown option " + name
                            : "unexpected argument \"" + arg + "\"");
                }
            }
        }
        String out = given.get("--out");
        if (out == null) {
            return Cli.usageError(stderr, "flags snapshot needs --out <file> (\"-\" for standard output)");
        }
        Path outFile = null;
        if (!out.equals("-")) {
            try {
                outFile = Path.of(out);
            } catch (InvalidPathException e) {
                return Cli.usageError(stderr, "--out: not a file name: " + out);
            }
            if (Files.isDirectory(outFile)) {
                return Cli.usageError(stderr, "--out: " + out + " is a directory; name the snapshot file");
            }
        }
        Format format;
        String f = given.getOrDefault("--format", "snapshot");
        switch (f) {
            case "snapshot" -> format = Format.SNAPSHOT;
            case "env" -> format = Format.ENV;
            default -> {
                return Cli.usageError(stderr, "--format must be snapshot or env (was \"" + f + "\")");
            }
        }
        Duration timeout = DEFAULT_TIMEOUT;
        if (given.containsKey("--timeout")) {
            timeout = parseTimeout(given.get("--timeout"));
            if (timeout == null) {
                return Cli.usageError(stderr, "--timeout must be a number of seconds above 0 and at most "
                        + MAX_TIMEOUT.toSeconds() + " (was \"" + given.get("--timeout") + "\")");
            }
        }
        String personal = given.getOrDefault("--personal-api-key", Cli.environment(env, "POSTHOG_PERSONAL_API_KEY"));
        if (personal == null) {
            return Cli.usageError(stderr, "flags snapshot needs a personal API key: set POSTHOG_PERSONAL_API_KEY "
                    + "or give --personal-api-key <key>");
        }
        String project = given.get("--project-api-key");
        if (project == null) {
            project = Cli.environment(env, "POSTHOG_API_KEY");
        }
        if (project == null) {
            project = Cli.environment(env, "POSTHOG_PROJECT_API_KEY");
        }
        if (project == null) {
            return Cli.usageError(stderr, "flags snapshot needs the project API key: set POSTHOG_API_KEY (or "
                    + "POSTHOG_PROJECT_API_KEY) or give --project-api-key <key>");
        }
        personal = personal.trim();
        project = project.trim();
        if (project.startsWith("phx_") || project.startsWith("phs_")) {
            return Cli.usageError(stderr, "the project API key looks like a personal API key or secret key "
                    + "(it starts with " + project.substring(0, 4) + "): the project API key starts with phc_");
        }
        String host = given.getOrDefault("--host", Cli.environment(env, "POSTHOG_HOST"));
        return execute(new Request(personal, project, host, outFile, format, timeout), clock, stdout, stderr);
    }

    /**
     * A parsed command line.
     *
     * @param personalApiKey the personal API key
     * @param projectApiKey the project API key
     * @param host the host, or null for the default
     * @param out the output file, or null for standard output
     * @param format what to write
     * @param timeout the download's time limit
     */
    record Request(String personalApiKey, String projectApiKey, String host, Path out, Format format, Duration timeout) {
        @Override
        public String toString() {
            return "Request[host=" + host + ", out=" + out + ", format=" + format + ", timeout=" + timeout + "]";
        }
    }

    private static int execute(Request request, Clock clock, PrintStream stdout, PrintStream stderr) {
        String personal = request.personalApiKey();
        String project = request.projectApiKey();
        String host = request.host();
        Duration timeout = request.timeout();
        Format format = request.format();
        Path outFile = request.out();
        PostHogOptions options;
        try {
            PostHogOptions.Builder b = PostHogOptions.builder(project).personalApiKey(personal).requestTimeout(timeout)
                    .clock(clock);
            if (host != null) {
                b.host(host);
            }
            options = b.buildOptions();
        } catch (IllegalArgumentException e) {
            return Cli.usageError(stderr, redact(e.getMessage(), personal, project));
        }

        FlagDefinitionsSnapshot snapshot;
        try {
            snapshot = FlagDefinitionsSnapshot.download(options);
        } catch (PostHogException e) {
            return fail(stderr, exitCode(e.statusCode()), redact(describeFailure(e, options, timeout), personal, project));
        }

        byte[] bytes = format == Format.SNAPSHOT ? snapshot.toJson()
                : (snapshot.toEnvironmentValue() + "\n").getBytes(StandardCharsets.US_ASCII);
        if (outFile == null) {
            stdout.write(bytes, 0, bytes.length);
            stdout.flush();
            if (stdout.checkError()) {
                return fail(stderr, WRITE_FAILED, "could not write the snapshot to standard output");
            }
        } else {
            try {
                Evaluator.writeAtomically(outFile, bytes);
            } catch (IOException | RuntimeException e) {
                return fail(stderr, WRITE_FAILED, "could not write the snapshot to " + outFile + " (" + describe(e)
                        + "); nothing was written");
            }
        }
        stderr.println("edgehog: wrote " + snapshot.flagCount() + (snapshot.flagCount() == 1 ? " flag" : " flags")
                + " (" + (snapshot.etag() == null ? "no ETag" : "ETag " + snapshot.etag()) + ", " + bytes.length + " bytes, "
                + (format == Format.SNAPSHOT ? "snapshot" : "POSTHOG_FLAG_DEFINITIONS value") + ") to "
                + (outFile == null ? "standard output" : outFile.toString()));
        stderr.flush();
        return 0;
    }

    private static int exitCode(int status) {
        return switch (status) {
            case 0 -> NETWORK;
            case 401, 403 -> KEY_REFUSED;
            case 402 -> QUOTA;
            case 429 -> RATE_LIMITED;
            default -> BAD_ANSWER;
        };
    }

    private static String describeFailure(PostHogException e, PostHogOptions options, Duration timeout) {
        String host = options.host().toString();
        int status = e.statusCode();
        return switch (status) {
            case 0 -> e.getCause() instanceof HttpTimeoutException
                    ? "no answer from " + host + " within " + seconds(timeout) + " s (raise it with --timeout)"
                    : e.getCause() instanceof ConnectException
                            ? "could not connect to " + host + " (check --host / POSTHOG_HOST and the network)"
                            : "network failure talking to " + host + " (" + describe(e.getCause()) + ")";
            case 401 -> "PostHog refused the personal API key (HTTP 401): it is invalid, "
                    + "revoked or of another PostHog instance (check --host), or the project API key names no project";
            case 403 -> "PostHog refused the personal API key for this project (HTTP 403): "
                    + "it needs the feature_flag:read scope and access to the project of the project API key "
                    + "(check the project API key too)";
            case 402 -> "PostHog refused the download (HTTP 402): the project's feature flag "
                    + "quota is exceeded, or its plan does not include local evaluation";
            case 429 -> "PostHog is rate limiting these requests (HTTP 429); try again "
                    + "in a minute";
            case 200 -> "PostHog's answer is not a flag definitions document, so nothing was "
                    + "written: " + e.getMessage().replaceFirst("^flag definitions: invalid response: ", "");
            default -> "PostHog answered HTTP " + status + " instead of the flag definitions"
                    + (status >= 500 ? " (a server error; try again later)"
                            : status == 404 ? " (is " + host + " a PostHog host?)" : "");
        };
    }

    private static Duration parseTimeout(String text) {
        BigDecimal seconds;
        try {
            seconds = new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
        if (seconds.signum() <= 0 || seconds.compareTo(BigDecimal.valueOf(MAX_TIMEOUT.toSeconds())) > 0) {
            return null;
        }
        long millis = seconds.movePointRight(3).setScale(0, RoundingMode.CEILING).longValueExact();
        return Duration.ofMillis(millis);
    }

    private static String seconds(Duration d) {
        return BigDecimal.valueOf(d.toMillis()).movePointLeft(3).stripTrailingZeros().toPlainString();
    }

    private static String describe(Throwable t) {
        if (t == null) {
            return "unknown cause";
        }
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }

    /** Masks the keys in a message built from other code's text (a key pasted into the wrong option, ...). */
    private static String redact(String message, String... keys) {
        String m = message == null ? "" : message;
        for (String key : keys) {
            if (key != null && !key.isEmpty()) {
                m = m.replace(key, "<key>");
            }
        }
        return m;
    }

    private static int fail(PrintStream stderr, int code, String message) {
        stderr.println("edgehog: " + message);
        stderr.flush();
        return code;
    }
}
