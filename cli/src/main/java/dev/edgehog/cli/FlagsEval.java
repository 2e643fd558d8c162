// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.cli;

import com.dslplatform.json.JsonWriter;
import dev.edgehog.flags.FlagResult;
import dev.edgehog.flags.FlagValue;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * {@code edgehog flags eval}: evaluates request lines against a definitions file, offline. One
 * output line per request line, in order; a bad line gets an error line and the others are
 * still answered. With {@code --explain}, each line gets a human-readable trace instead.
 */
final class FlagsEval {
    /** The Edgehog snapshot wrapper's marker field and the one format version read. */
    private static final String SNAPSHOT_MARKER = "edgehog_snapshot";
    private static final int SNAPSHOT_FORMAT = 1;

    /**
     * @param definitions the definitions file, or null when {@code definitionsText} is given
     * @param definitionsText the definitions from the environment variable {@code
     *     POSTHOG_FLAG_DEFINITIONS} (JSON, or base64 of gzipped JSON), or null
     * @param requests the requests file, or null for standard input
     * @param explain whether to print a human-readable trace instead of JSON results
     */
    record Options(Path definitions, String definitionsText, Path requests, boolean explain) {}

    /** A problem that stops the whole command; the message names the file. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message, null, false, false);
        }
    }

    private final Options options;
    private final Clock clock;
    private final PrintStream out;
    private final PrintStream err;

    FlagsEval(Options options, Clock clock, PrintStream out, PrintStream err) {
        this.options = options;
        this.clock = clock;
        this.out = out;
        this.err = err;
    }

    /**
     * Runs the command.
     *
     * @param stdin read when no requests file is given
     * @return the exit code: 0 when every line was answered, 1 otherwise
     */
    int run(InputStream stdin) {
        Evaluator evaluator;
        try {
            evaluator = options.definitions() != null ? loadDefinitions(options.definitions())
                    : compile(decodeEnvironmentText(options.definitionsText()), "environment variable POSTHOG_FLAG_DEFINITIONS");
        } catch (Failure f) {
            err.println("edgehog: " + f.getMessage());
            return 1;
        }
        String source = options.requests() == null ? "<stdin>" : options.requests().toString();
        boolean interactive = options.requests() == null;
        boolean failed = false;
        try (InputStream in = options.requests() == null ? stdin : Files.newInputStream(options.requests());
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            JsonWriter w = Json.newWriter();
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (number == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (line.isBlank()) {
                    continue;
                }
                String output;
                try {
                    output = answer(evaluator, line, number, w);
                } catch (BadLine e) {
                    failed = true;
                    err.println("edgehog: " + source + ":" + number + ": " + e.getMessage());
                    output = options.explain() ? "line " + number + ": error: " + e.getMessage() + "\n" : errorLine(e, number, w);
                }
                out.println(output);
                if (interactive) {
                    out.flush();
                }
            }
        } catch (NoSuchFileException e) {
            err.println("edgehog: cannot read requests file " + source + ": no such file");
            return 1;
        } catch (IOException e) {
            err.println("edgehog: cannot read requests from " + source + ": " + e.getMessage());
            return 1;
        } finally {
            out.flush();
        }
        return failed ? 1 : 0;
    }

    /** A request line that cannot be answered; the message says why. */
    private static final class BadLine extends Exception {
        private static final long serialVersionUID = 1L;

        BadLine(String message) {
            super(message, null, false, false);
        }
    }

    /** The output for one request line: a JSON line, or with --explain a text block. */
    private String answer(Evaluator evaluator, String line, int number, JsonWriter w) throws BadLine {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        Request request;
        try {
            request = Request.from(Json.parse(bytes));
        } catch (Json.SyntaxError e) {
            throw new BadLine("invalid JSON at column " + e.lineAndColumn(bytes)[1] + ": " + e.getMessage());
        } catch (Request.Invalid e) {
            throw new BadLine(e.getMessage());
        }
        if (options.explain()) {
            if (request.key() == null) {
                throw new BadLine("--explain traces one flag: the request needs a \"key\"");
            }
            return ExplainText.render(request, number, evaluator.explain(request.key(), request.context()));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        if (request.key() != null) {
            FlagResult r = evaluator.evaluate(request.key(), request.context());
            result.put("key", r.key());
            result.put("distinctId", request.context().distinctId());
            result.put("value", r.value().toJsonValue());
            result.put("payload", r.payload());
            result.put("reason", r.reason().toString());
        } else {
            Evaluator.AllFlags all = evaluator.evaluateAll(request.context());
            Map<String, Object> flags = new LinkedHashMap<>();
            for (Map.Entry<String, FlagValue> e : all.flags().entrySet()) {
                flags.put(e.getKey(), e.getValue().toJsonValue());
            }
            result.put("distinctId", request.context().distinctId());
            result.put("flags", flags);
            result.put("payloads", all.payloads());
        }
        w.reset();
        Json.write(w, result);
        return w.toString();
    }

    private static String errorLine(BadLine e, int number, JsonWriter w) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("error", e.getMessage());
        error.put("line", (long) number);
        w.reset();
        Json.write(w, error);
        return w.toString();
    }

    private static byte[] decodeEnvironmentText(String text) throws Failure {
        try {
            return Evaluator.decodeEnvironmentText(text);
        } catch (Evaluator.NotDefinitions e) {
            throw new Failure(e.getMessage());
        }
    }

    private Evaluator loadDefinitions(Path file) throws Failure {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
            if (bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
                try (InputStream gz = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                    bytes = gz.readAllBytes();
                }
            }
        } catch (NoSuchFileException e) {
            throw new Failure("cannot read definitions file " + file + ": no such file");
        } catch (IOException e) {
            throw new Failure("cannot read definitions file " + file + ": " + e.getMessage());
        }
        return compile(bytes, file.toString());
    }

    /** Decodes and compiles a definitions document or Edgehog snapshot; {@code source} names it in messages. */
    private Evaluator compile(byte[] bytes, String source) throws Failure {
        Object document;
        try {
            document = Json.parse(bytes);
        } catch (Json.SyntaxError e) {
            int[] at = e.lineAndColumn(bytes);
            throw new Failure(source + ":" + at[0] + ":" + at[1] + ": invalid JSON: " + e.getMessage());
        }
        if (document instanceof Map<?, ?> root && root.containsKey(SNAPSHOT_MARKER)) {
            Object format = root.get(SNAPSHOT_MARKER);
            if (!(format instanceof Number n) || n.doubleValue() != SNAPSHOT_FORMAT) {
                throw new Failure(source + ": Edgehog snapshot format " + Json.text(format) + " is not supported (this "
                        + "version reads format " + SNAPSHOT_FORMAT + ")");
            }
            document = root.get("definitions");
            if (!(document instanceof Map)) {
                throw new Failure(source + ": the Edgehog snapshot has no \"definitions\" object");
            }
        }
        try {
            return Evaluator.compile(document, clock);
        } catch (Evaluator.NotDefinitions e) {
            throw new Failure(source + ": not a flag definitions document (" + e.getMessage() + ")");
        }
    }
}
