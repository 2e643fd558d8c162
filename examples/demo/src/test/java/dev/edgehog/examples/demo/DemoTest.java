// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.edgehog.PostHog;
import dev.edgehog.flags.DefinitionsRefresh;
import dev.edgehog.flags.FlagOptions;
import dev.edgehog.flags.FlagReason;
import dev.edgehog.flags.FlagResult;
import dev.edgehog.flags.FlagValue;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the demo's own logic against a {@link PostHogStandIn} and checks what arrived, and how
 * the demo reports it.
 *
 * <p>The flag values expected below come from the hashes of flags.md §4.1, computed with
 * Python's {@code hashlib}, not by Edgehog: {@code hash("new-checkout", "demo-user-1")} =
 * 0.836 (outside the 50 % rollout), {@code hash("new-checkout", "visitor-14")} = 0.116
 * (inside), {@code hash("pricing-page", "demo-user-1", "variant")} = 0.654 (second half:
 * {@code compact}), {@code hash("pricing-page", "visitor-14", "variant")} = 0.236 ({@code control}).
 */
class DemoTest {
    /** The default run (the demo's own stand-in), made once: every test below reads it. */
    private static int standInStatus;
    private static List<RecordedRequest> standInRequests;
    private static String standInOutput;
    private static String standInEtag;

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    @BeforeAll
    static void runTheDemoAgainstItsStandIn() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PostHogStandIn standIn = PostHogStandIn.start()) {
            standInStatus = Demo.runWithStandIn(standIn, new PrintStream(bytes, true, StandardCharsets.UTF_8));
            standInRequests = standIn.requests();
            standInEtag = standIn.definitionsEtag();
        }
        standInOutput = bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void standInReceivesOneEventPerImmediateCallAndBatchesOfTenTenFive() {
        List<RecordedRequest> eventPart = inPhases("immediate", "buffered");

        assertThat(standInStatus).isZero();
        assertThat(eventPart).allSatisfy(r -> assertThat(r.endpoint()).isEqualTo(PostHogStandIn.BATCH));
        assertThat(eventPart).extracting(r -> r.events().size()).containsExactly(1, 1, 1, 1, 1, 10, 10, 5);
        assertThat(eventPart).extracting(RecordedRequest::phase).containsExactly(
                "immediate", "immediate", "immediate", "immediate", "immediate", "buffered", "buffered", "buffered");
        assertThat(countByName(eventPart)).isEqualTo(new TreeMap<>(Map.of(
                "signed up", 1L, "$identify", 1L, "$create_alias", 1L, "$groupidentify", 1L,
                "$exception", 1L, "page viewed", 25L)));
    }

    @Test
    void everyRequestCarriesTheLibraryIdentityAndKeyAndEveryBatchIsGzipped() {
        assertThat(standInRequests).isNotEmpty().allSatisfy(r -> {
            assertThat(r.userAgent()).startsWith("edgehog-java/");
            assertThat(r.apiKey()).isEqualTo(Demo.STAND_IN_KEY);
        });
        assertThat(standInRequests).filteredOn(RecordedRequest::isBatch).hasSize(10).allSatisfy(r -> {
            assertThat(r.contentEncoding()).isEqualTo("gzip");
            assertThat(r.wireBytes()).isPositive().isNotEqualTo(r.jsonBytes());
            assertThat(r.events()).allSatisfy(e -> assertThat(properties(e))
                    .containsEntry("$lib", "edgehog-java").containsEntry("$geoip_disable", true));
        });
    }

    @Test
    void immediateCallsSendTheShapesOfIdentifyAliasGroupAndException() {
        List<Map<String, Object>> events = new ArrayList<>();

        standInRequests.subList(0, 5).forEach(r -> events.addAll(r.events()));

        assertThat(properties(events.get(0))).containsEntry("plan", "pro").containsEntry("seats", 3L);
        assertThat(properties(events.get(1))).containsEntry("$set", Map.of("email", "ada@example.com", "plan", "pro"))
                .containsEntry("$set_once", Map.of("first_seen", "2026-01-15"));
        assertThat(properties(events.get(2))).containsEntry("alias", "anon-7f3a91")
                .containsEntry("distinct_id", Walkthrough.USER);
        assertThat(properties(events.get(3))).containsEntry("$group_type", "company")
                .containsEntry("$group_key", "acme");
        List<Object> exceptionTypes = new ArrayList<>();
        for (Object entry : (List<?>) properties(events.get(4)).get("$exception_list")) {
            exceptionTypes.add(((Map<?, ?>) entry).get("type"));
        }
        assertThat(exceptionTypes).containsExactly("IllegalStateException", "NumberFormatException");
    }

    @Test
    void invalidCaptureIsDroppedWithAWarningAndReportedToTheListener() {
        assertThat(standInOutput).contains(
                "! WARNING edgehog.capture: captureImmediate: distinct id is null; the call was dropped.",
                "! errorListener: INVALID_ARGUMENT, 1 event(s)",
                "-> dropped 1, nothing sent (INVALID_ARGUMENT)",
                "immediate client: accepted 5, delivered 5, failed 0, dropped as invalid 1, requests 5");
    }

    @Test
    void localFlagCallsMakeNoRequestAndTheOnlyDefinitionsRequestIsTheReloadWhichGetsA304() {
        List<RecordedRequest> local = inPhases("local");
        List<RecordedRequest> definitions = standInRequests.stream()
                .filter(r -> r.endpoint().equals(PostHogStandIn.DEFINITIONS)).toList();

        assertThat(local).hasSize(1);
        assertThat(definitions).containsExactly(local.get(0));
        assertThat(local.get(0).status()).isEqualTo(304);
        assertThat(local.get(0).ifNoneMatch()).isEqualTo("W/\"demo-flags-1\"").isEqualTo(standInEtag);
        assertThat(local.get(0).personalApiKey()).isEqualTo(FlagsWalkthrough.STAND_IN_PERSONAL_KEY);
        assertThat(standInOutput).containsSubsequence(
                "isLocalEvaluationReady() -> true",
                "0 requests to the stand-in so far: every answer above came from the snapshot",
                "reloadFeatureFlags()",
                "stand-in received GET /flags/definitions, If-None-Match W/\"demo-flags-1\" -> 304");
    }

    @Test
    void aClientBuiltLikeTheDemosAnswersItsFirstFlagCallFromTheBundledSnapshotWithoutAnyRequest() throws Exception {
        try (PostHogStandIn standIn = PostHogStandIn.start();
                PostHog posthog = PostHog.builder(Demo.STAND_IN_KEY).host(standIn.uri())
                        .personalApiKey(FlagsWalkthrough.STAND_IN_PERSONAL_KEY)
                        .flagDefinitionsRefresh(DefinitionsRefresh.MANUAL).flagDefinitionsCacheEnabled(false).build()) {

            FlagResult result = posthog.getFeatureFlagResult("pricing-page", "visitor-14");

            assertThat(result.value()).isEqualTo(FlagValue.variant("control"));
            assertThat(result.payload()).isEqualTo(Map.of("layout", "classic", "plans_shown", 3L));
            assertThat(result.reason().code()).isEqualTo(FlagReason.Code.CONDITION_MATCH);
            assertThat(standIn.requests()).isEmpty();
        }
    }

    @Test
    void localAnswersFollowTheRolloutHashesAndThePlanProperty() {
        assertThat(standInOutput).contains(
                "getFeatureFlagResult(\"new-checkout\", \"demo-user-1\", {plan=pro})\n"
                        + "      -> false, local: OUT_OF_ROLLOUT[0]",
                "getFeatureFlagResult(\"new-checkout\", \"visitor-14\", {plan=free})\n"
                        + "      -> true, local: CONDITION_MATCH[0]",
                "getFeatureFlagResult(\"pricing-page\", \"demo-user-1\", {plan=pro})\n"
                        + "      -> \"compact\", local: CONDITION_MATCH[0]: condition 0 matched; payload {layout=compact, plans_shown=2}",
                "getFeatureFlagPayload(\"pricing-page\", \"visitor-14\")\n      -> {layout=classic, plans_shown=3}",
                "-> {new-checkout=false, pricing-page=\"compact\", pro-export=true}; beta-tools needs PostHog");
    }

    @Test
    void whatTheDefinitionsCannotDecideGoesToFlagsWithExactlyTheKeysAsked() {
        List<RecordedRequest> fallback = inPhases("fallback");

        assertThat(fallback).extracting(RecordedRequest::endpoint, RecordedRequest::distinctId,
                RecordedRequest::flagKeysToEvaluate).containsExactly(
                tuple(PostHogStandIn.FLAGS, Walkthrough.USER, List.of("beta-tools")),
                tuple(PostHogStandIn.FLAGS, Walkthrough.USER, null));
        assertThat(fallback).allSatisfy(r -> assertThat(r.body()).containsEntry("person_properties", Map.of("plan", "pro")));
        assertThat(standInOutput).contains(
                "-> unknown, undecided locally: UNSUPPORTED_DEFINITION: cohort 7 not found",
                "getFeatureFlagResult(\"beta-tools\", \"demo-user-1\", {plan=pro})\n"
                        + "      -> true, remote: REMOTE[0]: Matched condition set 1\n"
                        + "      stand-in received POST /flags/?v=2, beta-tools for demo-user-1 -> 200",
                "-> {new-checkout=false, pricing-page=\"compact\", pro-export=true, beta-tools=true}");
    }

    @Test
    void theRemoteOnlyClientAsksFlagsWithoutAPersonalKeyAndDownloadsNoDefinitions() {
        List<RecordedRequest> remote = inPhases("remote");

        assertThat(remote).extracting(RecordedRequest::endpoint, RecordedRequest::distinctId,
                RecordedRequest::flagKeysToEvaluate)
                .containsExactly(tuple(PostHogStandIn.FLAGS, Walkthrough.USER, List.of("pricing-page")));
        assertThat(remote.get(0).personalApiKey()).isNull();
        assertThat(standInOutput).contains("-> \"compact\", remote: REMOTE[0]: Matched condition set 1; "
                + "payload {layout=compact, plans_shown=2}");
    }

    @Test
    void standInAnswersAgreeWithLocalEvaluationWhereverTheDefinitionsDecide() throws Exception {
        try (PostHogStandIn standIn = PostHogStandIn.start();
                PostHog local = PostHog.builder(Demo.STAND_IN_KEY).host(standIn.uri())
                        .personalApiKey(FlagsWalkthrough.STAND_IN_PERSONAL_KEY).flagDefinitionsCacheEnabled(false)
                        .flagDefinitionsRefresh(DefinitionsRefresh.MANUAL).build();
                PostHog remote = PostHog.builder(Demo.STAND_IN_KEY).host(standIn.uri()).build()) {
            for (String person : List.of(Walkthrough.USER, FlagsWalkthrough.OTHER_USER)) {
                FlagOptions plan = FlagOptions.builder()
                        .personProperty("plan", person.equals(Walkthrough.USER) ? "pro" : "free").build();
                FlagOptions planLocally = FlagOptions.builder().personProperties(plan.personProperties())
                        .onlyEvaluateLocally(true).build();

                Map<String, FlagValue> locally = local.getAllFlags(person, planLocally);
                Map<String, FlagValue> byPostHog = remote.getAllFlags(person, plan);

                assertThat(locally).containsOnlyKeys("new-checkout", "pricing-page", "pro-export");
                assertThat(byPostHog).containsAllEntriesOf(locally).containsKey("beta-tools");
            }
        }
    }

    @Test
    void featureFlagCalledEventsWaitInTheQueueUntilFlushAndAreSentOncePerPersonFlagAndValue() {
        List<RecordedRequest> flush = inPhases("flush");
        List<RecordedRequest> before = standInRequests.subList(0, standInRequests.indexOf(flush.get(0)));

        assertThat(before).allSatisfy(r -> assertThat(r.eventNames()).doesNotContain("$feature_flag_called"));
        assertThat(flush).allSatisfy(r -> assertThat(r.endpoint()).isEqualTo(PostHogStandIn.BATCH));
        assertThat(flush).extracting(r -> r.events().size()).containsExactly(4, 1);
        List<Map<String, Object>> events = new ArrayList<>(flush.get(0).events());
        events.addAll(flush.get(1).events());
        assertThat(events).extracting(e -> e.get("event")).containsOnly("$feature_flag_called");
        assertThat(events).extracting(e -> e.get("distinct_id"), e -> properties(e).get("$feature_flag"),
                e -> properties(e).get("$feature_flag_response"), e -> properties(e).get("locally_evaluated"),
                e -> properties(e).get("$feature_flag_reason")).containsExactly(
                tuple(Walkthrough.USER, "new-checkout", false, true, "Evaluated locally"),
                tuple(FlagsWalkthrough.OTHER_USER, "new-checkout", true, true, "Evaluated locally"),
                tuple(Walkthrough.USER, "pricing-page", "compact", true, "Evaluated locally"),
                tuple(Walkthrough.USER, "beta-tools", true, false, "Matched condition set 1"),
                tuple(Walkthrough.USER, "pricing-page", "compact", false, "Matched condition set 1"));
        assertThat(properties(events.get(2))).containsEntry("$feature_flag_id", 102L)
                .containsEntry("$feature/pricing-page", "compact").containsEntry("$feature_flag_has_experiment", true);
        assertThat(properties(events.get(3))).containsKey("$feature_flag_request_id")
                .containsEntry("$feature_flag_id", 104L);
    }

    @Test
    void reportListsEveryKindOfRequestAndTheFlagEvents() {
        RecordedRequest batch = standInRequests.get(7);
        RecordedRequest flags = inPhases("fallback").get(0);

        String batchRow = String.format("   %2d  %-9s  %-22s  %4s  %6s  %-30s  %8s  %8s%n", 8, "buffered", "POST /batch/",
                200, 5, "page viewed x5", batch.wireBytes() + " B", batch.jsonBytes() + " B");
        String definitionsRow = String.format("   %2d  %-9s  %-22s  %4s  %6s  %-30s  %8s  %8s%n", 9, "local",
                "GET /flags/definitions", 304, "", "If-None-Match W/\"demo-flags-1\"", "-", "-");
        String flagsRow = String.format("   %2d  %-9s  %-22s  %4s  %6s  %-30s  %8s  %8s%n", 10, "fallback",
                "POST /flags/?v=2", 200, "", "beta-tools for demo-user-1", flags.wireBytes() + " B",
                flags.jsonBytes() + " B");

        assertThat(standInOutput).contains(
                "4. What the stand-in received: 14 requests (10 POST /batch/, 1 GET /flags/definitions, "
                        + "3 POST /flags/?v=2)",
                batchRow, definitionsRow, flagsRow,
                "Content-Encoding gzip (every batch)",
                "\"$lib\": \"edgehog-java\"",
                "\"event\": \"signed up\"",
                "uuid version 7",
                "6. The $feature_flag_called events, as they arrived (requests 13 and 14):",
                "   visitor-14    new-checkout   true       true               Evaluated locally");
    }

    @Test
    void sendsToPosthogHostInsteadOfAStandInWhenItIsSetAndSkipsFlagsWithoutAFlagKey() throws Exception {
        try (PostHogStandIn host = PostHogStandIn.start()) {
            Map<String, String> env = Map.of("POSTHOG_HOST", host.uri().toString(), "POSTHOG_API_KEY", "phc_from_env");

            int status = Demo.run(env, out, err);

            assertThat(status).isZero();
            assertThat(host.requests()).hasSize(8).allSatisfy(r -> assertThat(r.apiKey()).isEqualTo("phc_from_env"));
            assertThat(output()).contains("sending to " + host.uri(), "Delivered 30 of 30 events",
                    "skipped: set POSTHOG_DEMO_FLAG").doesNotContain("stand-in at", "phc_from_env");
        }
    }

    @Test
    void againstAHostDownloadsDefinitionsThenAsksFlagsForTheDemoFlagTheyCannotDecideAndLeavesNoCacheFile() throws Exception {
        try (PostHogStandIn host = PostHogStandIn.start()) {
            Map<String, String> env = Map.of("POSTHOG_HOST", host.uri().toString(), "POSTHOG_API_KEY", "phc_from_env",
                    "POSTHOG_PERSONAL_API_KEY", "phx_from_env", "POSTHOG_DEMO_FLAG", "pro-export");
            Path defaultCache = PostHog.builder("phc_from_env").host(host.uri()).buildOptions().flagDefinitionsCacheFile();

            int status = Demo.run(env, out, err);

            List<RecordedRequest> flagPart = host.requests().subList(8, host.requests().size());
            assertThat(status).isZero();
            assertThat(flagPart).extracting(RecordedRequest::endpoint, RecordedRequest::status,
                    RecordedRequest::ifNoneMatch, RecordedRequest::flagKeysToEvaluate).containsExactly(
                    tuple(PostHogStandIn.DEFINITIONS, 200, null, null),
                    tuple(PostHogStandIn.FLAGS, 200, null, List.of("pro-export")),
                    tuple(PostHogStandIn.FLAGS, 200, null, List.of("pro-export")),
                    tuple(PostHogStandIn.BATCH, 200, null, null),
                    tuple(PostHogStandIn.BATCH, 200, null, null));
            assertThat(flagPart).extracting(RecordedRequest::personalApiKey)
                    .containsExactly("phx_from_env", null, null, null, null);
            assertThat(output()).contains(
                    "waitForLocalEvaluationReady(5 s)\n      -> true",
                    "-> {new-checkout=false, pricing-page=\"compact\"}",
                    "-> true, remote: REMOTE[0]: Matched condition set 1",
                    "Feature flags: 2 $feature_flag_called events delivered; failed 0, undelivered 0.")
                    .doesNotContain("phx_from_env");
            assertThat(defaultCache).doesNotExist();
        }
    }

    @Test
    void aDemoFlagTheProjectDoesNotHaveIsReportedUnknownAndTheDemoStillSucceeds() throws Exception {
        try (PostHogStandIn host = PostHogStandIn.start()) {
            Map<String, String> env = Map.of("POSTHOG_HOST", host.uri().toString(), "POSTHOG_API_KEY", "phc_from_env",
                    "POSTHOG_DEMO_FLAG", "no-such-flag");

            int status = Demo.run(env, out, err);

            assertThat(status).isZero();
            assertThat(host.requests()).filteredOn(r -> r.endpoint().equals(PostHogStandIn.FLAGS))
                    .extracting(RecordedRequest::flagKeysToEvaluate).containsExactly(List.of("no-such-flag"));
            assertThat(output()).contains("set POSTHOG_PERSONAL_API_KEY to evaluate flags locally too",
                    "getFeatureFlagResult(\"no-such-flag\", \"demo-user-1\")\n"
                            + "      -> unknown, not found: FLAG_NOT_FOUND: PostHog returned no flag \"no-such-flag\"");
        }
    }

    @Test
    void exitsWithOneAndStopsWhenTheHostRefusesTheFirstEvent() throws Exception {
        try (PostHogStandIn host = PostHogStandIn.start(401)) {
            Map<String, String> env = Map.of("POSTHOG_HOST", host.uri().toString(), "POSTHOG_API_KEY", "phc_wrong",
                    "POSTHOG_DEMO_FLAG", "pro-export");

            int status = Demo.run(env, out, err);

            assertThat(status).isEqualTo(1);
            assertThat(host.requests()).hasSize(1);
            assertThat(output()).contains("-> failed 1 in 1 request (DELIVERY_FAILED)", "the demo stops here",
                    "Delivered 0 of 30 events").doesNotContain("FEATURE FLAGS");
        }
    }

    @Test
    void exitsWithTwoAndSaysWhatIsMissingWhenTheHostHasNoApiKey() {
        Map<String, String> env = Map.of("POSTHOG_HOST", "http://127.0.0.1:9");

        int status = Demo.run(env, out, err);

        assertThat(status).isEqualTo(2);
        assertThat(errBytes.toString(StandardCharsets.UTF_8)).contains("POSTHOG_API_KEY is not");
        assertThat(output()).isEmpty();
    }

    private String output() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private static List<RecordedRequest> inPhases(String... phases) {
        List<String> wanted = List.of(phases);
        return standInRequests.stream().filter(r -> wanted.contains(r.phase())).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Map<String, Object> event) {
        return (Map<String, Object>) event.get("properties");
    }

    private static Map<String, Long> countByName(List<RecordedRequest> requests) {
        Map<String, Long> counts = new TreeMap<>();
        for (RecordedRequest r : requests) {
            for (String name : r.eventNames()) {
                counts.merge(name, 1L, Long::sum);
            }
        }
        return counts;
    }
}
