// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.examples.demo;

import dev.edgehog.ClientStats;
import dev.edgehog.DeliveryResult;
import dev.edgehog.PostHog;
import dev.edgehog.PostHogException;
import dev.edgehog.PostHogOptions;
import dev.edgehog.flags.DefinitionsRefresh;
import dev.edgehog.flags.FlagOptions;
import dev.edgehog.flags.FlagResult;
import dev.edgehog.flags.FlagValue;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The demo's feature-flag scenario, narrated: which answers were decided locally and which by
 * PostHog, and what that cost in requests.
 *
 * <ol type="a">
 *   <li>A client with a personal API key whose definitions come from the snapshot bundled on the
 *       classpath ({@value PostHogOptions#FLAG_DEFINITIONS_RESOURCE}): flag calls answer at
 *       once, with no request; {@code reloadFeatureFlags()} then costs a 304.</li>
 *   <li>The fallback: a flag the definitions cannot decide (a static cohort) goes to {@code
 *       /flags}, and {@code getAllFlags} lays PostHog's answers over the local ones.</li>
 *   <li>A client without a personal API key: every flag call is one {@code /flags} request.</li>
 *   <li>The {@code $feature_flag_called} events those calls queued, sent by {@code flush()}.</li>
 * </ol>
 *
 * Against a real PostHog it runs what the environment allows: local evaluation with {@code
 * POSTHOG_PERSONAL_API_KEY}, the flag named by {@code POSTHOG_DEMO_FLAG}, or nothing.
 */
final class FlagsWalkthrough {
    /** The second person of the flag calls (the first is {@link Walkthrough#USER}). */
    static final String OTHER_USER = "visitor-14";
    /** The personal API key the local client shows the stand-in (which accepts any). */
    static final String STAND_IN_PERSONAL_KEY = "phx_edgehog_demo_personal_key";

    private static final FlagOptions PRO = FlagOptions.builder().personProperty("plan", "pro").build();
    private static final FlagOptions FREE = FlagOptions.builder().personProperty("plan", "free").build();

    /**
     * What the scenario's {@code $feature_flag_called} events became.
     *
     * @param delivered events PostHog accepted
     * @param failed events PostHog refused
     * @param pending events neither delivered nor refused when the clients closed
     */
    record Outcome(long delivered, long failed, long pending) {
        /** Nothing was sent: the flag part was skipped. */
        static final Outcome NONE = new Outcome(0, 0, 0);

        /** @return whether every event was delivered (unknown flags never count against it) */
        boolean isSuccess() {
            return failed == 0 && pending == 0;
        }

        Outcome plus(Outcome o) {
            return new Outcome(delivered + o.delivered, failed + o.failed, pending + o.pending);
        }
    }

    private final PostHogOptions base;
    private final PrintStream out;
    private final Consumer<String> phases;
    private final Supplier<List<RecordedRequest>> standIn;
    /** How many of the stand-in's requests have been narrated. */
    private int narrated;

    /**
     * @param base the connection options (host, project key, timeouts; a personal key when the
     *     host is a real PostHog)
     * @param out where the narration goes
     * @param phases told "local", "fallback", "remote" and "flush" as the scenario moves on
     * @param standIn the stand-in's requests so far, so the narration can show what each call
     *     cost; null against a real PostHog
     */
    FlagsWalkthrough(PostHogOptions base, PrintStream out, Consumer<String> phases,
            Supplier<List<RecordedRequest>> standIn) {
        this.base = base;
        this.out = out;
        this.phases = phases;
        this.standIn = standIn;
    }

    /** @return the fate of the flag events; the whole tour, against the stand-in */
    Outcome runAgainstStandIn() {
        out.println();
        out.println("3. FEATURE FLAGS: decided locally when the definitions can, by PostHog (POST /flags) when not");
        narrated = standIn.get().size();
        phases.accept("local");
        PostHog local = base.toBuilder().personalApiKey(STAND_IN_PERSONAL_KEY)
                .flagDefinitionsRefresh(DefinitionsRefresh.MANUAL).flagDefinitionsCacheEnabled(false)
                .errorListener(this::onError).build();
        PostHog remoteOnly = base.toBuilder().errorListener(this::onError).build();
        try {
            out.println("   (a) local: a client with a personal API key; definitions from the classpath snapshot");
            out.println("       " + PostHogOptions.FLAG_DEFINITIONS_RESOURCE + ", refresh "
                    + local.options().flagDefinitionsRefresh() + ", " + (local.options().flagDefinitionsCacheFile() == null
                    ? "no cache file" : "cache file " + local.options().flagDefinitionsCacheFile()));
            out.println("   isLocalEvaluationReady() -> " + local.isLocalEvaluationReady() + " as soon as it is built");
            result("getFeatureFlagResult(\"new-checkout\", \"" + Walkthrough.USER + "\", {plan=pro})",
                    () -> local.getFeatureFlagResult("new-checkout", Walkthrough.USER, PRO));
            result("getFeatureFlagResult(\"new-checkout\", \"" + OTHER_USER + "\", {plan=free})",
                    () -> local.getFeatureFlagResult("new-checkout", OTHER_USER, FREE));
            result("getFeatureFlagResult(\"pricing-page\", \"" + Walkthrough.USER + "\", {plan=pro})",
                    () -> local.getFeatureFlagResult("pricing-page", Walkthrough.USER, PRO));
            value("getFeatureFlagPayload(\"pricing-page\", \"" + OTHER_USER + "\")",
                    () -> local.getFeatureFlagPayload("pricing-page", OTHER_USER));
            value("getAllFlags(\"" + Walkthrough.USER + "\", {plan=pro}, onlyEvaluateLocally)",
                    () -> local.getAllFlags(Walkthrough.USER, onlyLocally(PRO)) + "; beta-tools needs PostHog");
            out.println("   " + (standIn.get().size() - narrated) + " requests to the stand-in so far: every answer above "
                    + "came from the snapshot");
            out.println("   reloadFeatureFlags(): MANUAL's only download, made at the start of an invocation");
            local.reloadFeatureFlags();
            received();

            phases.accept("fallback");
            out.println("   (b) fallback: beta-tools targets a static cohort; only PostHog knows its members");
            result("getFeatureFlagResult(\"beta-tools\", \"" + Walkthrough.USER + "\", {plan=pro}, onlyEvaluateLocally, no event)",
                    () -> local.getFeatureFlagResult("beta-tools", Walkthrough.USER, onlyLocally(PRO)));
            result("getFeatureFlagResult(\"beta-tools\", \"" + Walkthrough.USER + "\", {plan=pro})",
                    () -> local.getFeatureFlagResult("beta-tools", Walkthrough.USER, PRO));
            value("getAllFlags(\"" + Walkthrough.USER + "\", {plan=pro})",
                    () -> local.getAllFlags(Walkthrough.USER, PRO) + ": PostHog's answers over the local ones");

            phases.accept("remote");
            out.println("   (c) remote only: a client without a personal API key asks PostHog for every flag");
            result("getFeatureFlagResult(\"pricing-page\", \"" + Walkthrough.USER + "\")",
                    () -> remoteOnly.getFeatureFlagResult("pricing-page", Walkthrough.USER));

            phases.accept("flush");
            return flushEvents(local, remoteOnly, "new-checkout", OTHER_USER, FREE);
        } finally {
            local.close(); // a no-op when already closed; here for the unexpected exception
            remoteOnly.close();
        }
    }

    /**
     * The flag part against a real PostHog: local evaluation when the options carry a personal
     * key, the given flag remotely, or a polite skip. Never fails because a flag is missing.
     *
     * @param flagKey a flag of the project ({@code POSTHOG_DEMO_FLAG}), or null
     * @return the fate of the flag events
     */
    Outcome runAgainstHost(String flagKey) {
        out.println();
        out.println("3. FEATURE FLAGS");
        boolean localToo = base.personalApiKey() != null;
        if (flagKey == null && !localToo) {
            out.println("   skipped: set POSTHOG_DEMO_FLAG to a flag key of your project to evaluate it, and "
                    + "POSTHOG_PERSONAL_API_KEY to evaluate flags locally");
            return Outcome.NONE;
        }
        PostHog local = localToo ? base.toBuilder().flagDefinitionsRefresh(DefinitionsRefresh.MANUAL)
                .errorListener(this::onError).build() : null;
        PostHog remoteOnly = flagKey != null ? base.toBuilder().personalApiKey(null).errorListener(this::onError).build()
                : null;
        try {
            if (local != null) {
                out.println("   (a) local: a client with your personal API key (no snapshot: it downloads the definitions)");
                value("waitForLocalEvaluationReady(5 s)", () -> local.waitForLocalEvaluationReady(Duration.ofSeconds(5)));
                value("getAllFlags(\"" + Walkthrough.USER + "\", onlyEvaluateLocally)",
                        () -> abbreviated(local.getAllFlags(Walkthrough.USER, onlyLocally(FlagOptions.DEFAULTS))));
                if (flagKey != null) {
                    result("getFeatureFlagResult(\"" + flagKey + "\", \"" + Walkthrough.USER + "\")",
                            () -> local.getFeatureFlagResult(flagKey, Walkthrough.USER));
                }
            } else {
                out.println("   (set POSTHOG_PERSONAL_API_KEY to evaluate flags locally too)");
            }
            if (remoteOnly != null) {
                out.println("   (c) remote only: a client without a personal API key asks PostHog");
                result("getFeatureFlagResult(\"" + flagKey + "\", \"" + Walkthrough.USER + "\")",
                        () -> remoteOnly.getFeatureFlagResult(flagKey, Walkthrough.USER));
            } else {
                out.println("   (set POSTHOG_DEMO_FLAG to a flag key to evaluate it remotely too)");
            }
            Outcome outcome = Outcome.NONE;
            for (PostHog client : new PostHog[] {local, remoteOnly}) {
                if (client != null) {
                    outcome = outcome.plus(flush(client == local ? "local client" : "remote-only client", client));
                }
            }
            return outcome;
        } finally {
            if (local != null) {
                local.close();
            }
            if (remoteOnly != null) {
                remoteOnly.close();
            }
        }
    }

    /** (d): de-duplication, then each client's queued events leave with flush(). */
    private Outcome flushEvents(PostHog local, PostHog remoteOnly, String key, String distinctId, FlagOptions options) {
        int queued = local.stats().queued();
        out.println("   (d) $feature_flag_called: the calls above queued " + (queued + remoteOnly.stats().queued())
                + " events and sent none; flush() sends them");
        boolean again = local.isFeatureEnabled(key, distinctId, options, false);
        out.println("   isFeatureEnabled(\"" + key + "\", \"" + distinctId + "\", {plan=free}) again -> " + again + "; "
                + (local.stats().queued() == queued ? "no new event: one per person, flag and value" : "a new event"));
        return flush("local client", local).plus(flush("remote-only client", remoteOnly));
    }

    /** Flushes and closes a client; the stand-in's new batch is the one the result reports. */
    private Outcome flush(String name, PostHog client) {
        int queued = client.stats().queued();
        DeliveryResult r = client.flush();
        out.println("   " + name + ": flush() sends the " + queued + " queued " + (queued == 1 ? "event" : "events")
                + " -> " + Walkthrough.describe(r));
        if (standIn != null) {
            narrated = standIn.get().size();
        }
        client.close();
        ClientStats s = client.stats();
        return new Outcome(s.delivered(), s.failed(), s.queued());
    }

    /** Prints the call, makes it, prints the value, where it was decided and why; then what the stand-in received. */
    private void result(String call, Supplier<FlagResult> action) {
        out.println("   " + call);
        FlagResult r = action.get();
        String payload = r.payload() == null ? "" : "; payload " + r.payload();
        out.println("      -> " + r.value() + ", " + decidedBy(r) + ": " + r.reason() + payload);
        received();
    }

    /** Prints the call, makes it, prints what it returned; then what the stand-in received. */
    private void value(String call, Supplier<Object> action) {
        out.println("   " + call);
        out.println("      -> " + action.get());
        received();
    }

    /** One line per request the stand-in received since the last call: the cost of that call. */
    private void received() {
        if (standIn == null) {
            return;
        }
        List<RecordedRequest> all = standIn.get();
        for (RecordedRequest r : all.subList(narrated, all.size())) {
            out.println("      stand-in received " + Report.describe(r));
        }
        narrated = all.size();
    }

    /** Where the answer came from: "local", "remote", or why there is none. */
    private static String decidedBy(FlagResult r) {
        return switch (r.reason().code()) {
            case REMOTE -> "remote";
            case REMOTE_FAILED, QUOTA_LIMITED -> "remote failed";
            case FLAG_NOT_FOUND -> "not found";
            default -> r.value().isKnown() ? "local" : "undecided locally";
        };
    }

    private static FlagOptions onlyLocally(FlagOptions options) {
        return FlagOptions.builder().personProperties(options.personProperties()).onlyEvaluateLocally(true)
                .sendFeatureFlagEvents(false).build();
    }

    /** A real project may have hundreds of flags: the first five and a count. */
    private static String abbreviated(Map<String, FlagValue> flags) {
        StringJoiner j = new StringJoiner(", ", "{", flags.size() > 5 ? ", ... (" + flags.size() + " flags)}" : "}");
        flags.entrySet().stream().limit(5).forEach(e -> j.add(e.getKey() + "=" + e.getValue()));
        return j.toString();
    }

    private void onError(PostHogException e) {
        out.println("      ! errorListener: " + e.kind() + (e.statusCode() == 0 ? "" : " (HTTP " + e.statusCode() + ")")
                + ", " + e.getMessage());
    }
}
