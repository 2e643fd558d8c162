// SPDX-License-Identifier: Apache-2.0
package dev.edgehog;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.edgehog.FlagTestSupport.DEFINITIONS;
import static dev.edgehog.FlagTestSupport.KEY;
import static dev.edgehog.FlagTestSupport.START;
import static dev.edgehog.FlagTestSupport.client;
import static dev.edgehog.FlagTestSupport.events;
import static dev.edgehog.FlagTestSupport.flagsRequests;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.edgehog.flags.FlagEvaluations;
import dev.edgehog.flags.FlagOptions;
import dev.edgehog.flags.FlagReason;
import dev.edgehog.flags.FlagResult;
import dev.edgehog.flags.FlagValue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The flag methods of {@link PostHog}: fallback rules, failures, quota, events, overrides, multi-flag calls. */
class FlagCallsTest {
    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private final MutableClock clock = new MutableClock(START);
    private final List<PostHogException> errors = new CopyOnWriteArrayList<>();

    @BeforeEach
    void stubs() {
        server.stubFor(get(urlPathEqualTo("/flags/definitions")).willReturn(aResponse().withStatus(200).withBody(DEFINITIONS)));
        server.stubFor(post(urlPathEqualTo("/batch/")).willReturn(aResponse().withStatus(200).withBody("{\"status\":\"Ok\"}")));
    }

    private void flagsAnswer(int status, String body) {
        server.stubFor(post(urlPathEqualTo("/flags/")).willReturn(aResponse().withStatus(status).withBody(body)));
    }

    private PostHogOptions.Builder local() {
        return client(server, clock).errorListener(errors::add);
    }

    private PostHogOptions.Builder remoteOnly() {
        return PostHog.builder(KEY).host(server.baseUrl()).sendMode(SendMode.BUFFERED).maxRetries(0)
                .retryDelay(Duration.ofMillis(1)).clock(clock).errorListener(errors::add);
    }

    @Test
    void undecidableFlagIsAskedOfPostHogWithOnlyThatKey() throws Exception {
        flagsAnswer(200, FlagTestSupport.remoteFlags("plan-flag", true, null));
        try (PostHog ph = local().build()) {
            FlagResult r = ph.getFeatureFlagResult("plan-flag", "user-1");

            assertThat(r.value()).isEqualTo(FlagValue.ON);
            assertThat(r.reason().code()).isEqualTo(FlagReason.Code.REMOTE);
            assertThat(r.reason().description()).isEqualTo("Matched condition set 1");
            ph.flush();
        }
        JsonNode body = FlagTestSupport.JSON.readTree(flagsRequests(server).get(0).getBodyAsString());
        assertThat(body.get("flag_keys_to_evaluate").toString()).isEqualTo("[\"plan-flag\"]");
        JsonNode props = events(server).get(0).get("properties");
        assertThat(props.get("locally_evaluated").asBoolean()).isFalse();
        assertThat(props.get("$feature_flag_id").asInt()).isEqualTo(99);
        assertThat(props.get("$feature_flag_version").asInt()).isEqualTo(4);
        assertThat(props.get("$feature_flag_request_id").asText()).isEqualTo("req-1");
    }

    @Test
    void decidableFlagNeverCallsFlags() {
        try (PostHog ph = local().sendFeatureFlagEvent(false).build()) {
            FlagResult r = ph.getFeatureFlagResult("plan-flag", "user-1", FlagOptions.builder().personProperty("plan", "free").build());

            assertThat(r.value()).isEqualTo(FlagValue.OFF);
        }
        assertThat(flagsRequests(server)).isEmpty();
    }

    @Test
    void onlyEvaluateLocallyAnswersUnknownInsteadOfAskingPostHog() {
        flagsAnswer(200, FlagTestSupport.remoteFlags("plan-flag", true, null));
        try (PostHog ph = local().sendFeatureFlagEvent(false).build()) {
            FlagResult r = ph.getFeatureFlagResult("plan-flag", "user-1", FlagOptions.builder().onlyEvaluateLocally(true).build());
            FlagResult missing = ph.getFeatureFlagResult("nope", "user-1", FlagOptions.builder().onlyEvaluateLocally(true).build());

            assertThat(r.value()).isEqualTo(FlagValue.UNKNOWN);
            assertThat(r.reason().code()).isEqualTo(FlagReason.Code.MISSING_CONTEXT);
            assertThat(missing.reason().code()).isEqualTo(FlagReason.Code.FLAG_NOT_FOUND);
        }
        assertThat(flagsRequests(server)).isEmpty();
    }

    @Test
    void strictLocalEvaluationNeverFallsBackEvenWithoutDefinitions() {
        flagsAnswer(200, FlagTestSupport.remoteFlags("always-on", true, null));
        try (PostHog ph = remoteOnly().strictLocalEvaluation(true).sendFeatureFlagEvent(false).build()) {
            FlagResult r = ph.getFeatureFlagResult("always-on", "user-1");

            assertThat(r.value()).isEqualTo(FlagValue.UNKNOWN);
            assertThat(r.reason().code()).isEqualTo(FlagReason.Code.DEFINITIONS_NOT_LOADED);
            assertThat(ph.isFeatureEnabled("always-on", "user-1", true)).as("the caller's default").isTrue();
        }
        assertThat(flagsRequests(server)).isEmpty();
    }

    @Test
    void flagsFailureIsUnknownReportedAndTaggedUnknownErrorWithoutRetryingA500() throws Exception {
        flagsAnswer(500, "boom");
        try (FlagTestSupport.LogCapture log = new FlagTestSupport.LogCapture(); PostHog ph = remoteOnly().build()) {
            FlagResult r = ph.getFeatureFlagResult("remote-flag", "user-1");

            assertThat(r.value()).isEqualTo(FlagValue.UNKNOWN);
            assertThat(r.reason().code()).isEqualTo(FlagReason.Code.REMOTE_FAILED);
            assertThat(log.warnings()).as("logged on edgehog.flags").anySatisfy(w -> assertThat(w).contains("/flags request failed (HTTP 500)"));
            ph.flush();
        }
        assertThat(flagsRequests(server)).hasSize(1);
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.FLAG_REQUEST_FAILED);
            assertThat(e.statusCode()).isEqualTo(500);
        });
        JsonNode props = events(server).get(0).get("properties");
        assertThat(props.get("$feature_flag_error").asText()).isEqualTo("unknown_error");
        assertThat(props.has("$feature_flag_response")).isFalse();
        assertThat(props.has("$feature/remote-flag")).isFalse();
    }

    @Test
    void badGatewayIsRetriedUpToTheFlagRetryLimit() {
        flagsAnswer(502, "bad gateway");
        try (PostHog ph = remoteOnly().featureFlagsRequestMaxRetries(2).sendFeatureFlagEvent(false).build()) {
            assertThat(ph.getFeatureFlag("remote-flag", "user-1")).isEqualTo(FlagValue.UNKNOWN);
        }
        assertThat(flagsRequests(server)).hasSize(3);
    }

    @Test
    void slowFlagsResponseTimesOutAndIsRetriedOnce() {
        server.stubFor(post(urlPathEqualTo("/flags/")).willReturn(aResponse().withStatus(200)
                .withBody(FlagTestSupport.remoteFlags("remote-flag", true, null)).withFixedDelay(1_000)));
        try (PostHog ph = remoteOnly().featureFlagsRequestTimeout(Duration.ofMillis(100)).sendFeatureFlagEvent(false).build()) {
            assertThat(ph.getFeatureFlag("remote-flag", "user-1")).isEqualTo(FlagValue.UNKNOWN);
        }
        assertThat(flagsRequests(server)).as("default: 1 retry").hasSize(2);
        assertThat(errors).singleElement().satisfies(e -> assertThat(e.getMessage()).contains("timed out"));
    }

    @Test
    void quotaLimitedResponseIsUnknownWithQuotaAndMissingTags() throws Exception {
        flagsAnswer(200, "{\"flags\": {\"remote-flag\": {\"key\": \"remote-flag\", \"enabled\": true}},"
                + " \"quotaLimited\": [\"feature_flags\"], \"requestId\": \"q-1\", \"errorsWhileComputingFlags\": true}");
        try (PostHog ph = remoteOnly().build()) {
            FlagResult r = ph.getFeatureFlagResult("remote-flag", "user-1");
            var all = ph.getAllFlags("user-1");

            assertThat(r.value()).isEqualTo(FlagValue.UNKNOWN);
            assertThat(r.reason().code()).isEqualTo(FlagReason.Code.QUOTA_LIMITED);
            assertThat(all).isEmpty();
            ph.flush();
        }
        JsonNode props = events(server).get(0).get("properties");
        assertThat(props.get("$feature_flag_error").asText()).isEqualTo("quota_limited,flag_missing");
        assertThat(props.get("$feature_flag_request_id").asText()).isEqualTo("q-1");
    }

    @Test
    void legacyV1ResponseIsUnderstood() {
        flagsAnswer(200, "{\"featureFlags\": {\"a\": \"blue\", \"b\": false, \"c\": true},"
                + " \"featureFlagPayloads\": {\"a\": \"{\\\"x\\\":1}\"}}");
        try (PostHog ph = remoteOnly().sendFeatureFlagEvent(false).build()) {
            var all = ph.getAllFlagsAndPayloads("user-1");

            assertThat(all.featureFlags()).containsExactly(Map.entry("a", FlagValue.variant("blue")),
                    Map.entry("b", FlagValue.OFF), Map.entry("c", FlagValue.ON));
            assertThat(all.featureFlagPayloads()).containsExactly(Map.entry("a", Map.of("x", 1L)));
        }
    }

    @Test
    void flagCalledEventIsSentOncePerDistinctIdFlagValueAndGroups() throws Exception {
        try (PostHog ph = local().build()) {
            ph.isFeatureEnabled("always-on", "user-1");
            ph.isFeatureEnabled("always-on", "user-1");
            ph.getFeatureFlag("always-on", "user-1", FlagOptions.builder().group("company", "acme").build());
            ph.getFeatureFlag("always-on", "user-2");
            ph.getFeatureFlagPayload("always-on", "user-3");
            ph.flush();
        }
        List<JsonNode> events = events(server);
        assertThat(events).extracting(e -> e.get("distinct_id").asText()).containsExactly("user-1", "user-1", "user-2");
        assertThat(events.get(1).get("properties").get("$groups").toString()).isEqualTo("{\"company\":\"acme\"}");
        JsonNode local = events.get(0).get("properties");
        assertThat(local.get("$feature_flag_reason").asText()).isEqualTo("Evaluated locally");
        assertThat(local.get("$feature_flag_evaluated_at").asLong()).isEqualTo(START.toEpochMilli());
        assertThat(local.get("$feature_flag_definitions_loaded_at").asLong()).isEqualTo(START.toEpochMilli());
        assertThat(local.get("$feature_flag_id").asInt()).isEqualTo(1);
    }

    @Test
    void flagCallWithFreshDefinitionsMakesNoRequestEvenInImmediateMode() throws Exception {
        try (PostHog ph = local().sendMode(SendMode.IMMEDIATE).build()) {
            ph.isFeatureEnabled("always-on", "user-1");
            int batchesBeforeFlush = server.findAll(postRequestedFor(urlPathEqualTo("/batch/"))).size();

            DeliveryResult flushed = ph.flush();

            assertThat(batchesBeforeFlush).isZero();
            assertThat(flushed.delivered()).isEqualTo(1);
        }
        assertThat(flagsRequests(server)).isEmpty();
        assertThat(events(server)).extracting(e -> e.get("event").asText()).containsExactly("$feature_flag_called");
    }

    @Test
    void dedupIgnoresTheOrderGroupsWereGivenIn() throws Exception {
        try (PostHog ph = local().build()) {
            ph.isFeatureEnabled("always-on", "u", FlagOptions.builder().group("company", "acme").group("team", "t1").build(), false);
            ph.isFeatureEnabled("always-on", "u", FlagOptions.builder().group("team", "t1").group("company", "acme").build(), false);
            ph.isFeatureEnabled("always-on", "u", FlagOptions.builder().group("team", "t2").group("company", "acme").build(), false);
            ph.flush();
        }
        assertThat(events(server)).extracting(e -> e.get("properties").get("$groups").get("team").asText())
                .containsExactly("t1", "t2");
    }

    @Test
    void dedupForgetsTheLeastRecentlyUsedDistinctIdBeyondMaxCacheSize() throws Exception {
        try (PostHog ph = local().maxCacheSize(2).build()) {
            ph.isFeatureEnabled("always-on", "a");
            ph.isFeatureEnabled("always-on", "b");
            ph.isFeatureEnabled("always-on", "a"); // remembered, and now the most recently used
            ph.isFeatureEnabled("always-on", "c"); // over the limit: b (least recently used) is forgotten
            ph.isFeatureEnabled("always-on", "a"); // still remembered: no event
            ph.isFeatureEnabled("always-on", "b"); // forgotten: sent again
            ph.flush();
        }
        assertThat(events(server)).extracting(e -> e.get("distinct_id").asText()).containsExactly("a", "b", "c", "b");
    }

    @Test
    void minimalEventsGateStripsPropertiesOfFlagsWithoutExperiments() throws Exception {
        flagsAnswer(200, "{\"flags\": {\"f\": {\"key\": \"f\", \"enabled\": true, \"variant\": null,"
                + " \"reason\": {\"code\": \"condition_match\"}, \"metadata\": {\"id\": 5, \"version\": 1, \"has_experiment\": false}},"
                + " \"g\": {\"key\": \"g\", \"enabled\": true, \"metadata\": {\"id\": 6, \"has_experiment\": true}}},"
                + " \"requestId\": \"r\", \"minimalFlagCalledEvents\": true}");
        try (PostHog ph = remoteOnly().build()) {
            ph.isFeatureEnabled("f", "user-1");
            ph.isFeatureEnabled("g", "user-1");
            ph.flush();
        }
        JsonNode minimal = events(server).get(0).get("properties");
        JsonNode full = events(server).get(1).get("properties");
        assertThat(minimal.has("$feature/f")).isFalse();
        assertThat(minimal.get("$feature_flag_has_experiment").asBoolean()).isFalse();
        assertThat(minimal.get("$feature_flag_reason").asText()).isEqualTo("condition_match");
        assertThat(full.get("$feature/g").asBoolean()).isTrue();
    }

    @Test
    void flagCalledPropertiesFollowNodesOrder() throws Exception {
        flagsAnswer(200, "{\"flags\": {\"f\": {\"key\": \"f\", \"enabled\": true, \"reason\": {\"code\": \"c\", \"description\": \"d\"},"
                + " \"metadata\": {\"id\": 5, \"version\": 1, \"has_experiment\": true}}}, \"requestId\": \"r\","
                + " \"evaluatedAt\": 1741944414000, \"errorsWhileComputingFlags\": true}");
        try (PostHog ph = remoteOnly().build()) {
            ph.isFeatureEnabled("f", "user-1");
            ph.flush();
        }
        List<String> names = new java.util.ArrayList<>();
        events(server).get(0).get("properties").fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("$feature_flag", "$feature_flag_response", "$feature_flag_id",
                "$feature_flag_version", "$feature_flag_reason", "locally_evaluated", "$feature/f",
                "$feature_flag_request_id", "$feature_flag_evaluated_at", "$feature_flag_has_experiment",
                "$feature_flag_error", "$lib", "$lib_version", "$is_server", "$geoip_disable");
    }

    @Test
    void nonObjectFlagsFieldIsAFailedRequestButAnEmptyAnswerIsNot() {
        try (PostHog ph = remoteOnly().sendFeatureFlagEvent(false).build()) {
            flagsAnswer(200, "{\"flags\": []}");
            FlagResult broken = ph.getFeatureFlagResult("f", "user-1");
            flagsAnswer(200, "{\"requestId\": \"r\"}");
            FlagResult empty = ph.getFeatureFlagResult("f", "user-1");

            assertThat(broken.reason().code()).isEqualTo(FlagReason.Code.REMOTE_FAILED);
            assertThat(empty.reason().code()).isEqualTo(FlagReason.Code.FLAG_NOT_FOUND);
        }
    }

    @Test
    void overridesWinWithoutRequestsOrEvents() throws Exception {
        try (PostHog ph = remoteOnly().build()) {
            ph.overrideFeatureFlags(Map.of("a", true, "b", "blue"));
            ph.overrideFeatureFlagPayloads(Map.of("b", Map.of("k", 1)));
            java.util.HashMap<String, Object> gone = new java.util.HashMap<>();
            gone.put("c", null);

            assertThat(ph.isFeatureEnabled("a", "user-1")).isTrue();
            assertThat(ph.getFeatureFlag("b", "user-1")).isEqualTo(FlagValue.variant("blue"));
            assertThat(ph.getFeatureFlagPayload("b", "user-1")).isEqualTo(Map.of("k", 1));
            assertThat(ph.getAllFlags("user-1", FlagOptions.builder().onlyEvaluateLocally(true).build()))
                    .containsOnly(Map.entry("a", FlagValue.ON), Map.entry("b", FlagValue.variant("blue")));
            ph.overrideFeatureFlags(gone);
            assertThat(ph.getFeatureFlag("c", "user-1")).isEqualTo(FlagValue.UNKNOWN);
            assertThatThrownBy(() -> ph.overrideFeatureFlags(Map.of("d", 3))).isInstanceOf(IllegalArgumentException.class);
            ph.flush();
        }
        assertThat(FlagTestSupport.allRequests(server)).isEmpty();
    }

    @Test
    void clearedOverridesHandFlagCallsBackToLocalEvaluation() {
        try (PostHog ph = local().sendFeatureFlagEvent(false).build()) {
            ph.overrideFeatureFlags(Map.of("always-on", false));
            ph.overrideFeatureFlagPayloads(Map.of("always-on", "overridden"));
            assertThat(ph.getFeatureFlag("always-on", "user-1")).isEqualTo(FlagValue.OFF);

            ph.overrideFeatureFlags(Map.of());
            FlagResult payloadOnly = ph.getFeatureFlagResult("always-on", "user-1");
            ph.overrideFeatureFlagPayloads(null);
            FlagResult cleared = ph.getFeatureFlagResult("always-on", "user-1");

            assertThat(payloadOnly.value()).isEqualTo(FlagValue.ON);
            assertThat(payloadOnly.payload()).isEqualTo("overridden");
            assertThat(cleared.value()).isEqualTo(FlagValue.ON);
            assertThat(cleared.reason().code()).isNotEqualTo(FlagReason.Code.OVERRIDE);
            assertThat(cleared.payload()).isEqualTo(Map.of("a", 1L));
        }
        assertThat(flagsRequests(server)).isEmpty();
    }

    @Test
    void nullGroupPropertyKeyInTheOptionsDoesNotMakeAFlagCallThrow() {
        java.util.HashMap<String, Object> props = new java.util.HashMap<>();
        props.put(null, "x");
        FlagOptions o = FlagOptions.builder().group("company", "acme").groupProperties("company", props).build();
        try (PostHog ph = local().sendFeatureFlagEvent(false).build()) {
            assertThat(ph.getFeatureFlag("always-on", "user-1", o)).isEqualTo(FlagValue.ON);
        }
    }

    @Test
    void getAllFlagsLaysPostHogsAnswersOverLocalOnesWhenSomeFlagIsUndecided() throws Exception {
        flagsAnswer(200, "{\"flags\": {\"plan-flag\": {\"key\": \"plan-flag\", \"enabled\": true},"
                + " \"always-on\": {\"key\": \"always-on\", \"enabled\": false}}}");
        try (PostHog ph = local().build()) {
            Map<String, FlagValue> all = ph.getAllFlags("user-1");
            Map<String, FlagValue> decided = ph.getAllFlags("user-1", FlagOptions.builder().personProperty("plan", "team").build());

            assertThat(all).containsOnly(Map.entry("always-on", FlagValue.OFF), Map.entry("plan-flag", FlagValue.ON));
            assertThat(decided).containsOnly(Map.entry("always-on", FlagValue.ON), Map.entry("plan-flag", FlagValue.ON));
            ph.flush();
        }
        assertThat(flagsRequests(server)).as("only the undecided call asks PostHog").hasSize(1);
        JsonNode body = FlagTestSupport.JSON.readTree(flagsRequests(server).get(0).getBodyAsString());
        assertThat(body.has("flag_keys_to_evaluate")).isFalse();
        assertThat(events(server)).as("multi-flag calls send no events").isEmpty();
    }

    @Test
    void evaluateFlagsKeepsLocalAnswersAndSendsEventsOnFirstAccessOnly() throws Exception {
        flagsAnswer(200, "{\"flags\": {\"plan-flag\": {\"key\": \"plan-flag\", \"enabled\": true, \"variant\": \"x\"},"
                + " \"always-on\": {\"key\": \"always-on\", \"enabled\": false}}, \"requestId\": \"r-9\"}");
        try (PostHog ph = local().build()) {
            FlagEvaluations flags = ph.evaluateFlags("user-1");

            assertThat(flags.isEnabled("always-on")).as("local answer wins").isTrue();
            assertThat(flags.getFlag("plan-flag")).isEqualTo(FlagValue.variant("x"));
            assertThat(flags.getFlag("plan-flag")).isEqualTo(FlagValue.variant("x"));
            assertThat(flags.getFlag("missing")).isEqualTo(FlagValue.UNKNOWN);
            assertThat(flags.getFlagPayload("always-on")).isEqualTo(Map.of("a", 1L));
            assertThat(flags.onlyAccessed().keys()).containsExactlyInAnyOrder("always-on", "plan-flag");
            ph.flush();
        }
        assertThat(flagsRequests(server)).hasSize(1);
        List<JsonNode> events = events(server);
        assertThat(events).extracting(e -> e.get("properties").get("$feature_flag").asText())
                .containsExactly("always-on", "plan-flag", "missing");
        assertThat(events.get(1).get("properties").get("$feature_flag_request_id").asText()).isEqualTo("r-9");
        assertThat(events.get(2).get("properties").get("$feature_flag_error").asText()).isEqualTo("flag_missing");
    }

    @Test
    void captureWithASnapshotAttachesItsValuesWithoutAnotherRequest() throws Exception {
        flagsAnswer(200, "{\"flags\": {\"plan-flag\": {\"key\": \"plan-flag\", \"enabled\": true, \"variant\": \"x\"}}}");
        try (PostHog ph = local().sendFeatureFlagEvent(false).build()) {
            FlagEvaluations flags = ph.evaluateFlags("user-1", FlagOptions.builder().personProperty("plan", "free").build());

            ph.capture(Event.builder("order placed").distinctId("user-1").property("$feature/always-on", "caller wins").build(),
                    flags);
            ph.flush();
        }
        assertThat(flagsRequests(server)).as("plan-flag was decided locally (off)").isEmpty();
        JsonNode props = events(server).get(0).get("properties");
        assertThat(props.get("$feature/always-on").asText()).isEqualTo("caller wins");
        assertThat(props.get("$feature/plan-flag").asBoolean(true)).isFalse();
        assertThat(props.get("$active_feature_flags").toString()).isEqualTo("[\"always-on\"]");
    }

    @Test
    void captureWithFeatureFlagsEvaluatesLocallyOnlyWhenDefinitionsAreLoaded() throws Exception {
        try (PostHog ph = local().sendFeatureFlagEvent(false).build()) {
            ph.captureWithFeatureFlags(Event.builder("signed up").distinctId("user-1").build(), FlagOptions.DEFAULTS);
            ph.flush();
        }
        assertThat(flagsRequests(server)).as("plan-flag is undecidable but not asked for").isEmpty();
        JsonNode props = events(server).get(0).get("properties");
        assertThat(props.get("$feature/always-on").asBoolean()).isTrue();
        assertThat(props.has("$feature/plan-flag")).isFalse();
        assertThat(props.get("$active_feature_flags").toString()).isEqualTo("[\"always-on\"]");
    }

    @Test
    void captureWithFeatureFlagsAsksPostHogWithRawGroupPropertiesWhenNothingIsLoaded() throws Exception {
        flagsAnswer(200, "{\"flags\": {\"b\": {\"key\": \"b\", \"enabled\": false}, \"a\": {\"key\": \"a\", \"enabled\": true, \"variant\": \"v\"}}}");
        try (PostHog ph = remoteOnly().build()) {
            ph.captureWithFeatureFlags(Event.builder("signed up").distinctId("user-1").groups(Map.of("company", "acme"))
                    .property("$feature/b", "mine").build(),
                    FlagOptions.builder().groupProperties("company", Map.of("tier", "gold")).build());
            ph.flush();
        }
        JsonNode body = FlagTestSupport.JSON.readTree(flagsRequests(server).get(0).getBodyAsString());
        assertThat(body.get("group_properties").toString()).isEqualTo("{\"company\":{\"tier\":\"gold\"}}");
        assertThat(body.has("flag_keys_to_evaluate")).isFalse();
        JsonNode props = events(server).get(0).get("properties");
        assertThat(props.get("$feature/a").asText()).isEqualTo("v");
        assertThat(props.get("$feature/b").asText()).as("caller wins").isEqualTo("mine");
        assertThat(props.get("$active_feature_flags").toString()).isEqualTo("[\"a\"]");
    }

    @Test
    void payloadWithAMatchValueIsLookedUpWithoutEvaluating() {
        try (PostHog ph = local().build()) {
            Object payload = ph.getFeatureFlagPayload("always-on", "user-1", FlagValue.ON, FlagOptions.DEFAULTS);

            assertThat(payload).isEqualTo(Map.of("a", 1L));
        }
        assertThat(flagsRequests(server)).isEmpty();
    }

    @Test
    void blankDistinctIdIsUnknownAndReportedNotThrown() {
        try (PostHog ph = local().build()) {
            FlagResult r = ph.getFeatureFlagResult("always-on", " ");

            assertThat(r.value()).isEqualTo(FlagValue.UNKNOWN);
            assertThat(r.reason().code()).isEqualTo(FlagReason.Code.INVALID_ARGUMENT);
            assertThat(ph.getAllFlags(null)).isEmpty();
        }
        assertThat(errors).extracting(PostHogException::kind).contains(ErrorKind.INVALID_ARGUMENT);
    }

    @Test
    void disabledClientAnswersUnknownWithoutAnyRequest() {
        try (PostHog ph = PostHog.builder(KEY).host(server.baseUrl()).personalApiKey(FlagTestSupport.PERSONAL)
                .disabled(true).build()) {
            assertThat(ph.getFeatureFlagResult("always-on", "user-1").reason().code()).isEqualTo(FlagReason.Code.CLIENT_DISABLED);
            assertThat(ph.isLocalEvaluationReady()).isFalse();
            assertThat(ph.getAllFlags("user-1")).isEmpty();
        }
        assertThat(FlagTestSupport.allRequests(server)).isEmpty();
    }

    @Test
    void remoteConfigPayloadWithoutPersonalKeyThrowsLikeNode() {
        try (PostHog ph = remoteOnly().build()) {
            assertThatThrownBy(() -> ph.getRemoteConfigPayload("cfg")).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Personal API key is required");
        }
    }

    @Test
    void requestBodyCarriesDeviceIdEvaluationContextsAndPerCallGeoip() throws Exception {
        flagsAnswer(200, FlagTestSupport.remoteFlags("remote-flag", true, null));
        try (PostHog ph = remoteOnly().evaluationContexts(List.of("production", "lambda")).sendFeatureFlagEvent(false).build()) {
            ph.getFeatureFlag("remote-flag", "user-1", FlagOptions.builder().personProperty("$device_id", "dev-1")
                    .groupProperties("project", Map.of("x", 1)).disableGeoip(false).build());
        }
        JsonNode body = FlagTestSupport.JSON.readTree(flagsRequests(server).get(0).getBodyAsString());
        assertThat(body.get("$device_id").asText()).isEqualTo("dev-1");
        assertThat(body.get("evaluation_contexts").toString()).isEqualTo("[\"production\",\"lambda\"]");
        assertThat(body.get("geoip_disable").asBoolean()).isFalse();
        assertThat(body.get("group_properties").toString()).as("properties of groups not in groups are dropped").isEqualTo("{}");
    }
}
