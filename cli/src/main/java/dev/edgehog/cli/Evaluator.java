// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.cli;

import dev.edgehog.flags.FlagContext;
import dev.edgehog.flags.FlagResult;
import dev.edgehog.flags.FlagValue;
import dev.edgehog.internal.LibraryInfo;
import dev.edgehog.internal.flags.FlagDefinitions;
import dev.edgehog.internal.flags.Explanation;
import dev.edgehog.internal.flags.FlagDefinitionsException;
import dev.edgehog.internal.flags.LocalEvaluator;
import dev.edgehog.internal.snapshot.SnapshotFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The CLI's only door into core internals (core has no module descriptor, so they are plain
 * public classes): {@code FlagDefinitions.fromJson}, {@code LocalEvaluator} ({@code evaluate},
 * {@code evaluateAll}, {@code explain} and its {@code Explanation}), {@code LibraryInfo.VERSION}
 * and {@code SnapshotFiles} ({@code decodeText}, {@code writeAtomically}). Everything else in
 * this package uses the public {@code dev.edgehog} types only, so an internal change in core
 * breaks this class alone.
 */
final class Evaluator {
    private final FlagDefinitions definitions;
    private final LocalEvaluator evaluator;

    private Evaluator(FlagDefinitions definitions, Clock clock) {
        this.definitions = definitions;
        this.evaluator = new LocalEvaluator(definitions, clock);
    }

    /** Thrown when a decoded document is not a usable definitions document. */
    static final class NotDefinitions extends Exception {
        private static final long serialVersionUID = 1L;

        NotDefinitions(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Decodes {@code POSTHOG_FLAG_DEFINITIONS} text exactly as the client does: JSON as is, or
     * base64 (standard or URL-safe) of gzipped or plain JSON.
     *
     * @param text the variable's value
     * @return the JSON bytes
     * @throws NotDefinitions when it is neither JSON nor base64, or holds broken gzip data
     */
    static byte[] decodeEnvironmentText(String text) throws NotDefinitions {
        try {
            return SnapshotFiles.decodeText(text);
        } catch (SnapshotFiles.SnapshotException e) {
            throw new NotDefinitions(e.getMessage());
        }
    }

    /**
     * Writes a file as the client writes its cache file: a temporary file beside it, then an
     * atomic rename, so a reader never sees half of it and a failure leaves the old file.
     *
     * @param file the target
     * @param bytes the content
     * @throws IOException when it cannot be written
     */
    static void writeAtomically(Path file, byte[] bytes) throws IOException {
        SnapshotFiles.writeAtomically(file, bytes);
    }

    /** @return the version of the bundled core library (the CLI is built with it) */
    static String version() {
        return LibraryInfo.VERSION;
    }

    /**
     * Compiles a decoded {@code /flags/definitions} document, exactly as a client would.
     *
     * @param document the decoded document
     * @param clock the time source for relative date filters
     * @return the evaluator
     * @throws NotDefinitions when it is not an object with a {@code flags} array
     */
    static Evaluator compile(Object document, Clock clock) throws NotDefinitions {
        try {
            return new Evaluator(FlagDefinitions.fromJson(document), clock);
        } catch (FlagDefinitionsException e) {
            throw new NotDefinitions(e.getMessage());
        }
    }

    /** @return the number of flags defined */
    int size() {
        return definitions.size();
    }

    /**
     * One flag, as a client's single-flag call evaluates it locally.
     *
     * @param key the flag key
     * @param context who for
     * @return the result; unknown value when it cannot be decided locally
     */
    FlagResult evaluate(String key, FlagContext context) {
        return evaluator.evaluate(key, context);
    }

    /**
     * Every flag, as posthog-node's {@code getAllFlagsAndPayloads} with {@code onlyEvaluateLocally}.
     *
     * @param flags the flags decided locally, by key, in document order
     * @param payloads the payloads of those flags that have one, by key
     */
    record AllFlags(Map<String, FlagValue> flags, Map<String, Object> payloads) {}

    /**
     * @param context who for
     * @return the flags that can be decided locally and their payloads
     */
    AllFlags evaluateAll(FlagContext context) {
        LocalEvaluator.AllFlags all = evaluator.evaluateAll(context);
        return new AllFlags(all.flags(), all.payloads());
    }

    /**
     * One step of an evaluation trace.
     *
     * @param condition the condition index, or -1 for the flag as a whole
     * @param outcome PASSED, FAILED, UNDECIDED or NOTE
     * @param subject what was checked
     * @param detail why (may be empty)
     */
    record TraceStep(int condition, String outcome, String subject, String detail) {}

    /**
     * @param result the result, as {@link #evaluate} gives it
     * @param steps how it was reached
     */
    record Traced(FlagResult result, List<TraceStep> steps) {}

    /**
     * One flag with the evaluator's step-by-step trace.
     *
     * @param key the flag key
     * @param context who for
     * @return the result and its steps
     */
    Traced explain(String key, FlagContext context) {
        Explanation e = evaluator.explain(key, context);
        List<TraceStep> steps = new ArrayList<>(e.steps().size());
        for (Explanation.Step s : e.steps()) {
            steps.add(new TraceStep(s.condition(), s.outcome().name(), s.subject(), s.detail()));
        }
        return new Traced(e.result(), steps);
    }
}
