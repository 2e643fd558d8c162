// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.examples.demo;

import dev.edgehog.PostHog;
import dev.edgehog.PostHogOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;

/**
 * The Edgehog demo. Run it from the repository root:
 *
 * <pre>
 * mvn -B -q -ntp -pl examples/demo -am -DskipTests package exec:java
 * </pre>
 *
 * <p>By default it starts a {@link PostHogStandIn} on 127.0.0.1, drives the real client through
 * the {@link Walkthrough} against it, and prints a {@link Report} of what arrived. When
 * {@code POSTHOG_HOST} is set it starts no stand-in and sends to that host instead, with the
 * project key from {@code POSTHOG_API_KEY}, printing each call and its delivery result; the
 * feature-flag part then evaluates the flag named by {@code POSTHOG_DEMO_FLAG} (remotely, and
 * locally too when {@code POSTHOG_PERSONAL_API_KEY} is set), or is skipped.
 *
 * <p>Exit status: 0 when every event was delivered, 1 when some were not, 2 when the
 * environment is misconfigured. A flag that turns out unknown never changes it.
 */
public final class Demo {
    /** The project key the client sends to the stand-in; the stand-in accepts any key. */
    static final String STAND_IN_KEY = "phc_edgehog_demo_project";

    private Demo() {}

    /**
     * Runs the demo with the process environment and exits with its status when it is not 0.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        int status = run(System.getenv(), System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Runs the demo.
     *
     * @param env the environment ({@code POSTHOG_HOST}, {@code POSTHOG_API_KEY}, {@code POSTHOG_DEMO_FLAG}, ...)
     * @param out where the narration and the report go
     * @param err where configuration errors go
     * @return the exit status: 0 all delivered, 1 not all delivered, 2 misconfigured
     */
    static int run(Map<String, String> env, PrintStream out, PrintStream err) {
        String host = blankToNull(env.get("POSTHOG_HOST"));
        if (host == null) {
            try (PostHogStandIn standIn = PostHogStandIn.start()) {
                return runWithStandIn(standIn, out);
            } catch (IOException e) {
                err.println("Could not start the PostHog stand-in on 127.0.0.1: " + e);
                return 2;
            }
        }
        return runAgainstHost(host, env, out, err);
    }

    /**
     * Runs the walkthroughs (events, then feature flags) against a running stand-in and prints
     * what it received.
     *
     * @param standIn the stand-in
     * @param out where to print
     * @return the exit status
     */
    static int runWithStandIn(PostHogStandIn standIn, PrintStream out) {
        ConsoleLogging.routeTo(out);
        out.println("Edgehog demo: the real client against an in-process PostHog stand-in at " + standIn.uri());
        PostHogOptions options = PostHog.builder(STAND_IN_KEY).host(standIn.uri()).buildOptions();
        Walkthrough.Outcome outcome = new Walkthrough(options, out, standIn::phase).run();
        FlagsWalkthrough.Outcome flags = outcome.stoppedEarly() ? FlagsWalkthrough.Outcome.NONE
                : new FlagsWalkthrough(options, out, standIn::phase, standIn::requests).runAgainstStandIn();
        Report.print(standIn.requests(), out);
        return outcome.isSuccess() && flags.isSuccess() ? 0 : 1;
    }

    private static int runAgainstHost(String host, Map<String, String> env, PrintStream out, PrintStream err) {
        if (blankToNull(env.get("POSTHOG_API_KEY")) == null && blankToNull(env.get("POSTHOG_PROJECT_API_KEY")) == null) {
            err.println("POSTHOG_HOST is set (" + host + ") but POSTHOG_API_KEY is not.");
            err.println("Set POSTHOG_API_KEY to your project API key (phc_...), or unset POSTHOG_HOST to run the demo "
                    + "against its built-in stand-in.");
            return 2;
        }
        PostHogOptions options;
        try {
            // Short timeouts and a single retry, so a wrong host or key shows up in seconds. The
            // bundled flag snapshot belongs to the stand-in's project, and the demo leaves no
            // cache file behind.
            options = PostHogOptions.fromEnvironment(env)
                    .flagDefinitionsResourceEnabled(false)
                    .flagDefinitionsCacheEnabled(false)
                    .requestTimeout(Duration.ofSeconds(5))
                    .flushTimeout(Duration.ofSeconds(10))
                    .maxRetries(1)
                    .retryDelay(Duration.ofMillis(200))
                    .buildOptions();
        } catch (IllegalArgumentException e) {
            err.println("Invalid PostHog configuration: " + e.getMessage());
            return 2;
        }
        ConsoleLogging.routeTo(out);
        out.println("Edgehog demo: sending to " + options.host() + " (no stand-in; what arrives is in your project)");
        Walkthrough.Outcome outcome = new Walkthrough(options, out, phase -> { }).run();
        FlagsWalkthrough.Outcome flags = outcome.stoppedEarly() ? FlagsWalkthrough.Outcome.NONE
                : new FlagsWalkthrough(options, out, phase -> { }, null).runAgainstHost(blankToNull(env.get("POSTHOG_DEMO_FLAG")));
        out.println();
        out.printf("Delivered %d of %d events to %s; failed %d, undelivered %d.%n", outcome.delivered(),
                Walkthrough.EXPECTED_DELIVERED, options.host(), outcome.failed(), outcome.pending());
        if (flags != FlagsWalkthrough.Outcome.NONE) {
            out.printf("Feature flags: %d $feature_flag_called events delivered; failed %d, undelivered %d.%n",
                    flags.delivered(), flags.failed(), flags.pending());
        }
        return outcome.isSuccess() && flags.isSuccess() ? 0 : 1;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
