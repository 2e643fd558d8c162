// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.nativetests;

import dev.edgehog.DeliveryResult;
import dev.edgehog.PostHog;
import dev.edgehog.SendMode;
import dev.edgehog.flags.DefinitionsRefresh;
import dev.edgehog.flags.FlagOptions;
import dev.edgehog.flags.FlagResult;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A sample that uses the client the way a serverless function does, against a {@link StandInServer}
 * it starts on {@code 127.0.0.1}: immediate captures, a buffered invocation ended by a flush, flags
 * evaluated locally from the definitions baked in as the resource
 * {@code META-INF/edgehog/flag-definitions.json}, one flag only PostHog can answer, and exception
 * capture. It prints a summary with no timings, ports or ids in it, so two runs (JVM, AppCDS, AOT
 * cache, native image) print the same text; its last line is {@code result: OK} and the exit
 * status 0 only when the stand-in received exactly what the scenario sent.
 */
public final class SampleApp {
    /** Events the scenario sends, by name, as the stand-in must count them. */
    static final Map<String, Integer> EXPECTED_EVENTS =
            Map.of("page viewed", 3, "job item", 25, "$exception", 2, "$feature_flag_called", 5);
    /** Batch requests: 4 immediate sends, 1 at shutdown (the flag events), 2 at flushAt and 1 flush. */
    static final int EXPECTED_BATCH_REQUESTS = 8;

    private SampleApp() {
    }

    /**
     * Runs the scenario.
     *
     * @param args none for the scenario; the start-up benchmark's modes are described in
     *     {@link BenchModes}
     * @throws IOException when the stand-in cannot bind a port
     */
    public static void main(String[] args) throws IOException {
        if (args.length > 0) {
            System.exit(BenchModes.run(args));
        }
        List<String> problems = new ArrayList<>();
        try (StandInServer standIn = StandInServer.start()) {
            run(standIn, System.out, problems);
        }
        System.out.println("result: " + (problems.isEmpty() ? "OK" : "FAILED " + problems));
        System.exit(problems.isEmpty() ? 0 : 1);
    }

    static void run(StandInServer standIn, PrintStream out, List<String> problems) {
        PostHog function = PostHog.builder("phc_native_sample")
                .host(standIn.uri())
                .personalApiKey("phx_native_sample")
                .flagDefinitionsRefresh(DefinitionsRefresh.MANUAL)
                .flagDefinitionsCacheEnabled(false)
                .retryDelay(Duration.ofMillis(5))
                .requestTimeout(Duration.ofSeconds(5))
                .build();

        // An invocation that sends each event before returning (the default, IMMEDIATE).
        DeliveryResult immediate = DeliveryResult.EMPTY;
        for (int i = 1; i <= 3; i++) {
            immediate = immediate.plus(function.captureImmediate("user-1", "page viewed", Map.of("page", i)));
        }
        immediate = immediate.plus(function.captureExceptionImmediate(
                new IllegalStateException("payment declined"), "user-1", Map.of("handler", "checkout")));
        out.println("immediate: delivered=" + immediate.delivered() + " failed=" + immediate.failed()
                + " pending=" + immediate.pending());

        // Flags: three answered from the baked snapshot, one that only PostHog knows.
        flag(out, "local-on", function.getFeatureFlagResult("local-on", "user-1"));
        flag(out, "local-variant", function.getFeatureFlagResult("local-variant", "user-1"));
        flag(out, "pro-only free", function.getFeatureFlagResult("pro-only", "user-1",
                FlagOptions.builder().personProperty("plan", "free").build()));
        flag(out, "pro-only pro", function.getFeatureFlagResult("pro-only", "user-2",
                FlagOptions.builder().personProperty("plan", "pro").build()));
        flag(out, "remote-only", function.getFeatureFlagResult("remote-only", "user-1"));
        DeliveryResult closing = function.shutdown(Duration.ofSeconds(5));
        out.println("shutdown: delivered=" + closing.delivered() + " pending=" + closing.pending());

        // A batch job: buffered captures, sent in full batches as they fill, the rest by flush().
        PostHog job = PostHog.builder("phc_native_sample")
                .host(standIn.uri())
                .sendMode(SendMode.BUFFERED)
                .flushAt(10)
                .retryDelay(Duration.ofMillis(5))
                .build();
        for (int i = 0; i < 25; i++) {
            job.capture("worker-7", "job item", Map.of("index", i));
        }
        job.captureException(new IllegalStateException("row 26 unreadable"), "worker-7");
        DeliveryResult flushed = job.flush(Duration.ofSeconds(5));
        out.println("buffered: accepted=" + job.stats().accepted() + " flushed=" + flushed.delivered()
                + " pending=" + flushed.pending());
        job.close();

        out.println("server: batch-requests=" + standIn.batchRequests() + " flags-requests=" + standIn.flagRequests()
                + " definitions-requests=" + standIn.definitionRequests() + " other-requests=" + standIn.otherRequests());
        out.println("server events: " + standIn.events());
        out.println("server exceptions: " + standIn.exceptionTypes());

        check(problems, "events", EXPECTED_EVENTS, standIn.events());
        check(problems, "batch requests", EXPECTED_BATCH_REQUESTS, standIn.batchRequests());
        check(problems, "flags requests", 1, standIn.flagRequests());
        check(problems, "definitions requests", 0, standIn.definitionRequests());
        check(problems, "other requests", 0, standIn.otherRequests());
        check(problems, "exception types", Map.of("IllegalStateException", 2), standIn.exceptionTypes());
    }

    private static void flag(PrintStream out, String label, FlagResult result) {
        out.println("flag " + label + ": " + result.value() + " (" + result.reason().code() + ")");
    }

    private static void check(List<String> problems, String what, Object expected, Object actual) {
        if (!expected.equals(actual)) {
            problems.add(what + ": expected " + expected + " but got " + actual);
        }
    }
}
