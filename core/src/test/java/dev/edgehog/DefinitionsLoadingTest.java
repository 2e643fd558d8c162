// SPDX-License-Identifier: Apache-2.0
package dev.edgehog;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.edgehog.FlagTestSupport.DEFINITIONS;
import static dev.edgehog.FlagTestSupport.DEFINITIONS_V2;
import static dev.edgehog.FlagTestSupport.KEY;
import static dev.edgehog.FlagTestSupport.START;
import static dev.edgehog.FlagTestSupport.definitionRequests;
import static dev.edgehog.FlagTestSupport.flagsRequests;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.edgehog.flags.DefinitionsRefresh;
import dev.edgehog.flags.FlagOptions;
import dev.edgehog.flags.FlagReason;
import dev.edgehog.flags.FlagValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /flags/definitions}: ETag, status handling, backoff, on-demand refresh, cache file. */
@ParameterizedClass
@EnumSource(HttpTransport.class)
class DefinitionsLoadingTest {
    /** The built-in transport under test: every test runs against both. */
    @Parameter
    HttpTransport httpTransport;

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(START);

    private void definitions(int status, String body, String etag) {
        var r = aResponse().withStatus(status);
        if (body != null) {
            r.withBody(body);
        }
        if (etag != null) {
            r.withHeader("ETag", etag);
        }
        server.stubFor(get(urlPathEqualTo("/flags/definitions")).willReturn(r));
    }

    @Test
    void firstFlagCallDownloadsDefinitionsWithThePersonalKeyAndEvaluatesLocally() {
        definitions(200, DEFINITIONS, "\"v1\"");

        try (PostHog ph = client(server, clock).sendFeatureFlagEvent(false).build()) {
            assertThat(ph.isFeatureEnabled("always-on", "user-1")).isTrue();
            assertThat(ph.isLocalEvaluationReady()).isTrue();
        }

        List<LoggedRequest> gets = definitionRequests(server);
        assertThat(gets).hasSize(1);
        assertThat(gets.get(0).getUrl()).isEqualTo("/flags/definitions?token=" + KEY + "&send_cohorts");
        assertThat(gets.get(0).getHeader("Authorization")).isEqualTo("Bearer " + FlagTestSupport.PERSONAL);
        assertThat(gets.get(0).containsHeader("If-None-Match")).isFalse();
        assertThat(flagsRequests(server)).isEmpty();
    }

    @Test
    void staleDefinitionsAreRevalidatedWithTheStoredEtagAndKeptOn304() {
        definitions(200, DEFINITIONS, "\"v1\"");
        try (PostHog ph = client(server, clock).sendFeatureFlagEvent(false).build()) {
            ph.isFeatureEnabled("always-on", "user-1");
            definitions(304, null, null);
            clock.advance(Duration.ofSeconds(29));

            ph.isFeatureEnabled("always-on", "user-1");
            assertThat(definitionRequests(server)).as("still fresh at 29 s").hasSize(1);
            clock.advance(Duration.ofSeconds(2));
            boolean on = ph.isFeatureEnabled("always-on", "user-1");

            assertThat(on).isTrue();
        }
        List<LoggedRequest> gets = definitionRequests(server);
        assertThat(gets).hasSize(2);
        assertThat(gets.get(1).getHeader("If-None-Match")).isEqualTo("\"v1\"");
        assertThat(flagsRequests(server)).isEmpty();
    }

    @Test
    void newDefinitionsReplaceTheOldOnesWhenStale() {
        definitions(200, DEFINITIONS, "\"v1\"");
        try (PostHog ph = client(server, clock).sendFeatureFlagEvent(false).build()) {
            assertThat(ph.isFeatureEnabled("always-on", "user-1")).isTrue();
            definitions(200, DEFINITIONS_V2, "\"v2\"");
            clock.advance(Duration.ofSeconds(31));

            boolean on = ph.isFeatureEnabled("always-on", "user-1");

            assertThat(on).isFalse();
        }
    }

    @Test
    void concurrentCallsOnStaleDefinitionsShareExactlyOneRefresh() throws Exception {
        definitions(200, DEFINITIONS, "\"v1\"");
        try (PostHog ph = client(server, clock).sendFeatureFlagEvent(false).build()) {
            ph.isFeatureEnabled("always-on", "user-1");
            server.stubFor(get(urlPathEqualTo("/flags/definitions"))
                    .willReturn(aResponse().withStatus(200).withBody(DEFINITIONS_V2).withFixedDelay(300)));
            clock.advance(Duration.ofSeconds(31));
            int callers = 8;
            CountDownLatch start = new CountDownLatch(1);
            List<Boolean> answers = new CopyOnWriteArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                Thread t = new Thread(() -> {
                    try {
                        start.await();
                        answers.add(ph.isFeatureEnabled("always-on", "user-1"));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                t.start();
                threads.add(t);
            }

            start.countDown();
            for (Thread t : threads) {
                t.join(10_000);
            }

            assertThat(answers).hasSize(callers);
            assertThat(definitionRequests(server)).as("one initial download + one shared refresh").hasSize(2);
            assertThat(ph.isFeatureEnabled("always-on", "user-1")).as("the refreshed set is served afterwards").isFalse();
        }
        assertThat(definitionRequests(server)).hasSize(2);
    }

    @Test
    void manualPolicyRefreshesOnlyOnReloadFeatureFlags() {
        definitions(200, DEFINITIONS, "\"v1\"");
        try (PostHog ph = client(server, clock).sendFeatureFlagEvent(false)
                .flagDefinitionsRefresh(DefinitionsRefresh.MANUAL).build()) {
            ph.isFeatureEnabled("always-on", "user-1");
            definitions(200, DEFINITIONS_V2, "\"v2\"");
            clock.advance(Duration.ofMinutes(10));

            boolean stale = ph.isFeatureEnabled("always-on", "user-1");
            int before = definitionRequests(server).size();
            ph.reloadFeatureFlags();
            boolean fresh = ph.isFeatureEnabled("always-on", "user-1");

            assertThat(stale).isTrue();
            assertThat(before).isEqualTo(1);
            assertThat(fresh).isFalse();
        }
        assertThat(definitionRequests(server)).hasSize(2);
    }

    @Test
    void refreshIfStaleDownloadsOnlyWhenStaleEvenUnderTheManualPolicy() {
        definitions(200, DEFINITIONS, "\"v1\"");
        try (PostHog ph = client(server, clock).sendFeatureFlagEvent(false)
                .flagDefinitionsRefresh(DefinitionsRefresh.MANUAL).build()) {
            boolean readyAfterFirst = ph.refreshFeatureFlagsIfStale(Duration.ofSeconds(2));
            boolean readyWhileFresh = ph.refreshFeatureFlagsIfStale(Duration.ofSeconds(2));
            int whileFresh = definitionRequests(server).size();
            definitions(200, DEFINITIONS_V2, "\"v2\"");
            clock.advance(Duration.ofMinutes(10));

            ph.refreshFeatureFlagsIfStale(Duration.ofSeconds(2));

            assertThat(readyAfterFirst).isTrue();
            assertThat(readyWhileFresh).isTrue();
            assertThat(whileFresh).isEqualTo(1);
            assertThat(ph.isFeatureEnabled("always-on", "user-1")).isFalse();
        }
        List<LoggedRequest> gets = definitionRequests(server);
        assertThat(gets).hasSize(2);
        assertThat(gets.get(1).getHeader("If-None-Match")).isEqualTo("\"v1\"");
    }

    @Test
    void afterRestoreMarksFreshDefinitionsStale() {
        definitions(200, DEFINITIONS, "\"v1\"");
        try (PostHog ph = client(server, clock).sendFeatureFlagEvent(false).build()) {
            ph.refreshFeatureFlagsIfStale(Duration.ofSeconds(2));

            ph.afterRestore();
            ph.refreshFeatureFlagsIfStale(Duration.ofSeconds(2));
        }
        assertThat(definitionRequests(server)).hasSize(2);
    }

    @Test
    void unauthorizedBacksOffDoublingTheIntervalAndReportsToTheListener() {
        definitions(401, "{\"detail\":\"bad key\"}", null);
        List<PostHogException> errors = new CopyOnWriteArrayList<>();
        server.stubFor(post(urlPathEqualTo("/flags/")).willReturn(aResponse().withStatus(200)
                .withBody(FlagTestSupport.remoteFlags("always-on", true, null))));
        try (PostHog ph = client(server, clock).sendFeatureFlagEvent(false).errorListener(errors::add).build()) {
            ph.isFeatureEnabled("always-on", "user-1");
            clock.advance(Duration.ofSeconds(59));
            ph.isFeatureEnabled("always-on", "user-1");
            int duringBackoff = definitionRequests(server).size();
            clock.advance(Duration.ofSeconds(2));
            ph.isFeatureEnabled("always-on", "user-1");
            int afterBackoff = definitionRequests(server).size();
            ph.reloadFeatureFlags();

            assertThat(duringBackoff).isEqualTo(1);
            assertThat(afterBackoff).isEqualTo(2);
        }
        assertThat(definitionRequests(server)).as("reload ignores the backoff").hasSize(3);
        assertThat(errors).filteredOn(e -> e.kind() == ErrorKind.FLAG_DEFINITIONS_FAILED).hasSize(3)
                .allSatisfy(e -> assertThat(e.statusCode()).isEqualTo(401))
                .allSatisfy(e -> assertThat(e.getMessage()).doesNotContain(FlagTestSupport.PERSONAL));
        assertThat(errors.get(0).getMessage()).contains("Setting next polling interval to 60000ms");
    }

    @ParameterizedTest
    @ValueSource(ints = {403, 429})
    void forbiddenAndRateLimitedAlsoBackOffAndReport(int status) {
        definitions(status, "{}", null);
        List<PostHogException> errors = new CopyOnWriteArrayList<>();
        try (PostHog ph = client(server, clock).sendFeatureFlagEvent(false).strictLocalEvaluation(true)
                .errorListener(errors::add).build()) {
            ph.isFeatureEnabled("always-on", "user-1");
            clock.advance(Duration.ofSeconds(31));

            ph.isFeatureEnabled("always-on", "user-1");
        }
        assertThat(definitionRequests(server)).as("still backing off at 31 s").hasSize(1);
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.FLAG_DEFINITIONS_FAILED);
            assertThat(e.statusCode()).isEqualTo(status);
        });
    }

    @Test
    void okResponseWithoutFlagsIsReportedAndTheCurrentSetKept() {
        definitions(200, DEFINITIONS, "\"v1\"");
        List<PostHogException> errors = new CopyOnWriteArrayList<>();
        try (PostHog ph = client(server, clock).sendFeatureFlagEvent(false).errorListener(errors::add).build()) {
            ph.isFeatureEnabled("always-on", "user-1");
            definitions(200, "{\"detail\": \"something else\"}", "\"v2\"");
            clock.advance(Duration.ofSeconds(31));
            boolean on = ph.isFeatureEnabled("always-on", "user-1");
            clock.advance(Duration.ofSeconds(31));
            definitions(304, null, null);
            ph.isFeatureEnabled("always-on", "user-1");

            assertThat(on).isTrue();
        }
        assertThat(errors).singleElement().satisfies(e ->
                assertThat(e.getMessage()).startsWith("Invalid response when getting feature flags"));
        assertThat(definitionRequests(server).get(2).getHeader("If-None-Match")).as("the bad response's ETag is not kept")
                .isEqualTo("\"v1\"");
    }

    @Test
    void onDemandRefreshIsBoundedByTheRefreshTimeoutAndServesTheCurrentSet() {
        definitions(200, DEFINITIONS, "\"v1\"");
        try (PostHog ph = client(server, clock).sendFeatureFlagEvent(false)
                .flagDefinitionsRefreshTimeout(Duration.ofMillis(100)).build()) {
            ph.isFeatureEnabled("always-on", "user-1");
            server.stubFor(get(urlPathEqualTo("/flags/definitions"))
                    .willReturn(aResponse().withStatus(200).withBody(DEFINITIONS_V2).withFixedDelay(2_000)));
            clock.advance(Duration.ofSeconds(31));

            boolean during = ph.isFeatureEnabled("always-on", "user-1");
            boolean after = ph.isFeatureEnabled("always-on", "user-1");

            assertThat(during).as("the timed-out refresh leaves v1 in place").isTrue();
            assertThat(after).isTrue();
        }
        assertThat(definitionRequests(server)).as("no second attempt within the interval").hasSize(2);
    }

    @Test
    void quotaExceeded402ClearsTheDefinitionsSoFlagsGoRemote() {
        definitions(200, DEFINITIONS, "\"v1\"");
        server.stubFor(post(urlPathEqualTo("/flags/")).willReturn(aResponse().withStatus(200)
                .withBody(FlagTestSupport.remoteFlags("always-on", false, null))));
        try (PostHog ph = client(server, clock).sendFeatureFlagEvent(false).build()) {
            assertThat(ph.isFeatureEnabled("always-on", "user-1")).isTrue();
            definitions(402, "{}", null);
            clock.advance(Duration.ofSeconds(31));

            boolean on = ph.isFeatureEnabled("always-on", "user-1");

            assertThat(on).as("PostHog's answer").isFalse();
            assertThat(ph.isLocalEvaluationReady()).isFalse();
        }
        assertThat(flagsRequests(server)).hasSize(1);
    }

    @Test
    void serverErrorKeepsTheCurrentDefinitionsSilently() {
        definitions(200, DEFINITIONS, "\"v1\"");
        List<PostHogException> errors = new CopyOnWriteArrayList<>();
        try (PostHog ph = client(server, clock).sendFeatureFlagEvent(false).errorListener(errors::add).build()) {
            ph.isFeatureEnabled("always-on", "user-1");
            definitions(500, "oops", null);
            clock.advance(Duration.ofSeconds(31));

            boolean on = ph.isFeatureEnabled("always-on", "user-1");

            assertThat(on).isTrue();
        }
        assertThat(definitionRequests(server)).hasSize(2);
        assertThat(flagsRequests(server)).isEmpty();
        assertThat(errors).isEmpty();
    }

    @Test
    void endpointDownAtColdStartWithoutSnapshotFallsBackToRemoteAndDoesNotRetryEveryCall() {
        definitions(503, "down", null);
        server.stubFor(post(urlPathEqualTo("/flags/")).willReturn(aResponse().withStatus(200)
                .withBody(FlagTestSupport.remoteFlags("always-on", true, "blue"))));
        try (PostHog ph = client(server, clock).sendFeatureFlagEvent(false).build()) {
            FlagValue first = ph.getFeatureFlag("always-on", "user-1");
            FlagValue second = ph.getFeatureFlag("always-on", "user-1");

            assertThat(first).isEqualTo(FlagValue.variant("blue"));
            assertThat(second).isEqualTo(FlagValue.variant("blue"));
            assertThat(ph.isLocalEvaluationReady()).isFalse();
        }
        assertThat(definitionRequests(server)).hasSize(1);
        assertThat(flagsRequests(server)).hasSize(2);
    }

    @Test
    void endpointDownAtColdStartWithCacheFileSnapshotEvaluatesLocally() throws Exception {
        Path cache = dir.resolve("flags.json");
        Files.writeString(cache, FlagTestSupport.snapshot(DEFINITIONS, "\"snap\"", START.minusSeconds(3600), KEY));
        definitions(500, "down", null);

        try (PostHog ph = client(server, clock).sendFeatureFlagEvent(false).flagDefinitionsCacheEnabled(true)
                .flagDefinitionsCacheFile(cache).build()) {
            assertThat(ph.isLocalEvaluationReady()).as("ready before any request").isTrue();
            assertThat(definitionRequests(server)).isEmpty();
            boolean on = ph.isFeatureEnabled("always-on", "user-1");

            assertThat(on).isTrue();
        }
        List<LoggedRequest> gets = definitionRequests(server);
        assertThat(gets).as("the hour-old snapshot is revalidated once").hasSize(1);
        assertThat(gets.get(0).getHeader("If-None-Match")).as("ETag reused from the snapshot").isEqualTo("\"snap\"");
        assertThat(flagsRequests(server)).isEmpty();
    }

    @Test
    void snapshotEtagIsAnsweredWith304AndTheSnapshotStaysInUse() throws Exception {
        Path cache = dir.resolve("flags.json");
        Files.writeString(cache, FlagTestSupport.snapshot(DEFINITIONS, "W/\"abc\"", START.minusSeconds(60), KEY));
        server.stubFor(get(urlPathEqualTo("/flags/definitions")).withHeader("If-None-Match",
                com.github.tomakehurst.wiremock.client.WireMock.equalTo("W/\"abc\"")).willReturn(aResponse().withStatus(304)));

        try (PostHog ph = client(server, clock).sendFeatureFlagEvent(false).flagDefinitionsCacheFile(cache)
                .flagDefinitionsCacheEnabled(true).build()) {
            FlagValue v = ph.getFeatureFlag("always-on", "user-1");
            clock.advance(Duration.ofSeconds(10));
            ph.getFeatureFlag("always-on", "user-1");

            assertThat(v).isEqualTo(FlagValue.ON);
        }
        assertThat(definitionRequests(server)).as("304 makes the set fresh for another interval").hasSize(1);
    }

    @Test
    void freshSnapshotNeedsNoRequestAtAll() throws Exception {
        Path cache = dir.resolve("flags.json");
        Files.writeString(cache, FlagTestSupport.snapshot(DEFINITIONS, "\"e\"", START.minusSeconds(5), KEY));

        try (PostHog ph = client(server, clock).sendFeatureFlagEvent(false).flagDefinitionsCacheFile(cache)
                .flagDefinitionsCacheEnabled(true).build()) {
            var r = ph.getFeatureFlagResult("always-on", "user-1");

            assertThat(r.value()).isEqualTo(FlagValue.ON);
            assertThat(r.reason().code()).isEqualTo(FlagReason.Code.CONDITION_MATCH);
        }
        assertThat(FlagTestSupport.allRequests(server)).isEmpty();
    }

    @Test
    void successfulDownloadWritesACacheFileTheNextColdStartUses() throws Exception {
        Path cache = dir.resolve("sub").resolve("flags.json");
        definitions(200, DEFINITIONS, "\"v7\"");
        try (PostHog ph = client(server, clock).sendFeatureFlagEvent(false).flagDefinitionsCacheFile(cache)
                .flagDefinitionsCacheEnabled(true).build()) {
            ph.isFeatureEnabled("always-on", "user-1");
        }
        definitions(500, "down", null);

        try (PostHog next = client(server, clock).sendFeatureFlagEvent(false).flagDefinitionsCacheFile(cache)
                .flagDefinitionsCacheEnabled(true).strictLocalEvaluation(true).build()) {
            assertThat(next.isLocalEvaluationReady()).isTrue();
            assertThat(next.isFeatureEnabled("always-on", "user-1")).isTrue();
        }
        var written = FlagTestSupport.JSON.readTree(Files.readString(cache));
        assertThat(written.get("etag").asText()).isEqualTo("\"v7\"");
        assertThat(written.get("fetched_at").asLong()).isEqualTo(START.toEpochMilli());
        assertThat(written.get("definitions").get("flags").size()).isEqualTo(2);
        try (var files = Files.list(cache.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temp file left").containsExactly("flags.json");
        }
        assertThat(definitionRequests(server)).as("the fresh cache needed no download").hasSize(1);
    }

    @Test
    void waitForLocalEvaluationReadyLoadsOnTheCallersThread() {
        definitions(200, DEFINITIONS, null);
        try (PostHog ph = client(server, clock).build();
                PostHog remoteOnly = PostHog.builder(KEY).host(server.baseUrl()).httpTransport(httpTransport).build()) {
            assertThat(ph.isLocalEvaluationReady()).isFalse();

            boolean ready = ph.waitForLocalEvaluationReady(Duration.ofSeconds(5));

            assertThat(ready).isTrue();
            assertThat(remoteOnly.waitForLocalEvaluationReady(Duration.ofSeconds(5))).isFalse();
        }
        assertThat(definitionRequests(server)).hasSize(1);
    }

    @Test
    void localEvaluationOffKeepsThePersonalKeyForRemoteConfigOnly() {
        server.stubFor(post(urlPathEqualTo("/flags/")).willReturn(aResponse().withStatus(200)
                .withBody(FlagTestSupport.remoteFlags("always-on", true, null))));
        server.stubFor(get(urlPathEqualTo("/api/projects/@current/feature_flags/cfg/remote_config"))
                .willReturn(aResponse().withStatus(200).withBody("\"{\\\"max_upload_mb\\\":250}\"")));
        try (PostHog ph = client(server, clock).enableLocalEvaluation(false).sendFeatureFlagEvent(false).build()) {
            boolean on = ph.isFeatureEnabled("always-on", "user-1", FlagOptions.DEFAULTS, false);
            Object payload = ph.getRemoteConfigPayload("cfg");

            assertThat(on).isTrue();
            assertThat(payload).isEqualTo(java.util.Map.of("max_upload_mb", 250L));
        }
        assertThat(definitionRequests(server)).isEmpty();
        LoggedRequest rc = server.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlPathEqualTo("/api/projects/@current/feature_flags/cfg/remote_config"))).get(0);
        assertThat(rc.getUrl()).endsWith("?token=" + KEY);
        assertThat(rc.getHeader("Authorization")).isEqualTo("Bearer " + FlagTestSupport.PERSONAL);
    }

    private PostHogOptions.Builder client(WireMockExtension server, MutableClock clock) {
        return FlagTestSupport.client(server, clock).httpTransport(httpTransport);
    }
}
