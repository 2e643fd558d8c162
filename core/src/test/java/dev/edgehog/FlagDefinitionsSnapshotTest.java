// SPDX-License-Identifier: Apache-2.0
package dev.edgehog;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.edgehog.FlagTestSupport.DEFINITIONS;
import static dev.edgehog.FlagTestSupport.JSON;
import static dev.edgehog.FlagTestSupport.KEY;
import static dev.edgehog.FlagTestSupport.PERSONAL;
import static dev.edgehog.FlagTestSupport.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.edgehog.flags.DefinitionsRefresh;
import dev.edgehog.flags.FlagDefinitionsSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@link FlagDefinitionsSnapshot}: the download, the snapshot it makes, and a client starting from it. */
class FlagDefinitionsSnapshotTest {
    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(START);

    private PostHogOptions options() {
        return PostHogOptions.builder(KEY).host(server.baseUrl()).personalApiKey(PERSONAL).clock(clock).buildOptions();
    }

    private static void serve(String body, String etag) {
        server.stubFor(get(urlPathEqualTo("/flags/definitions")).willReturn(okJson(body).withHeader("ETag", etag)));
    }

    @Test
    void downloadMakesTheClientsRequestAndWrapsTheBodyWithItsEtagAndDownloadTime() throws Exception {
        serve(DEFINITIONS, "W/\"v1\"");

        FlagDefinitionsSnapshot snapshot = FlagDefinitionsSnapshot.download(options());

        List<LoggedRequest> requests = FlagTestSupport.definitionRequests(server);
        assertThat(requests).hasSize(1);
        LoggedRequest r = requests.get(0);
        assertThat(r.queryParameter("token").firstValue()).isEqualTo(KEY);
        assertThat(r.getUrl()).endsWith("&send_cohorts");
        assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + PERSONAL);
        assertThat(r.containsHeader("If-None-Match")).isFalse();
        assertThat(snapshot.flagCount()).isEqualTo(2);
        assertThat(snapshot.etag()).isEqualTo("W/\"v1\"");
        assertThat(snapshot.fetchedAt()).isEqualTo(START);
        JsonNode json = JSON.readTree(snapshot.toJson());
        assertThat(json.get("edgehog_snapshot").asInt()).isEqualTo(1);
        assertThat(json.get("fetched_at").asLong()).isEqualTo(START.toEpochMilli());
        assertThat(json.get("etag").asText()).isEqualTo("W/\"v1\"");
        assertThat(json.get("definitions")).isEqualTo(JSON.readTree(DEFINITIONS));
        assertThat(new String(snapshot.toJson(), StandardCharsets.UTF_8)).doesNotContain(KEY, PERSONAL);
    }

    @Test
    void aClientStartingFromTheWrittenFileIsReadyAtOnceAndRevalidatesWithTheSnapshotsEtag() throws Exception {
        serve(DEFINITIONS, "W/\"v1\"");
        Path file = dir.resolve("layer/flags.json");
        FlagDefinitionsSnapshot.download(options()).write(file);
        server.resetRequests();
        server.stubFor(get(urlPathEqualTo("/flags/definitions")).withHeader("If-None-Match", equalTo("W/\"v1\""))
                .atPriority(1).willReturn(aResponse().withStatus(304)));

        try (PostHog ph = FlagTestSupport.client(server, clock).flagDefinitionsRefresh(DefinitionsRefresh.MANUAL)
                .flagDefinitionsSnapshotFile(file).sendFeatureFlagEvent(false).build()) {
            assertThat(ph.isLocalEvaluationReady()).isTrue();
            assertThat(ph.isFeatureEnabled("always-on", "u1")).isTrue();
            assertThat(FlagTestSupport.allRequests(server)).as("the snapshot is fresh: no request").isEmpty();
            clock.advance(Duration.ofSeconds(31));

            assertThat(ph.refreshFeatureFlagsIfStale(Duration.ofSeconds(5))).isTrue();
        }
        List<LoggedRequest> requests = FlagTestSupport.definitionRequests(server);
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).getHeader("If-None-Match")).isEqualTo("W/\"v1\"");
    }

    @Test
    void theEnvironmentValueIsAcceptedByPosthogFlagDefinitions() {
        serve(DEFINITIONS, "\"e1\"");
        String value = FlagDefinitionsSnapshot.download(options()).toEnvironmentValue();
        server.resetRequests();

        assertThat(value).doesNotContain("\n").doesNotStartWith("{");
        try (PostHog ph = PostHogOptions.fromEnvironment(Map.of("POSTHOG_API_KEY", KEY, "POSTHOG_PERSONAL_API_KEY", PERSONAL,
                        "POSTHOG_HOST", server.baseUrl(), "POSTHOG_FLAG_DEFINITIONS", value))
                .clock(clock).flagDefinitionsCacheEnabled(false).flagDefinitionsResourceEnabled(false)
                .sendFeatureFlagEvent(false).build()) {
            assertThat(ph.isLocalEvaluationReady()).isTrue();
            assertThat(ph.isFeatureEnabled("always-on", "u1")).isTrue();
        }
        assertThat(FlagTestSupport.allRequests(server)).isEmpty();
    }

    @Test
    void refusalsCarryPosthogsStatus() {
        for (int status : new int[] {401, 402, 403, 429, 500, 304}) {
            server.stubFor(get(urlPathEqualTo("/flags/definitions")).willReturn(aResponse().withStatus(status)));

            assertThatThrownBy(() -> FlagDefinitionsSnapshot.download(options()))
                    .isInstanceOfSatisfying(PostHogException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ErrorKind.FLAG_DEFINITIONS_FAILED);
                        assertThat(e.statusCode()).isEqualTo(status);
                        assertThat(e.getMessage()).contains("HTTP " + status).doesNotContain(KEY, PERSONAL);
                    });
        }
    }

    @Test
    void aBodyThatIsNotADefinitionsDocumentIsRejectedAsStatus200() {
        for (String body : new String[] {"{\"flags\": [", "{\"results\": []}", "[1, 2]",
                FlagTestSupport.snapshot(DEFINITIONS, "x", START, KEY)}) {
            serve(body, "\"e\"");

            assertThatThrownBy(() -> FlagDefinitionsSnapshot.download(options()))
                    .isInstanceOfSatisfying(PostHogException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(200);
                        assertThat(e.getMessage()).contains("invalid response");
                    });
        }
    }

    @Test
    void aNetworkFailureHasNoStatusAndKeepsTheIoExceptionAsCause() {
        server.stubFor(get(urlPathEqualTo("/flags/definitions")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThatThrownBy(() -> FlagDefinitionsSnapshot.download(options()))
                .isInstanceOfSatisfying(PostHogException.class, e -> {
                    assertThat(e.statusCode()).isZero();
                    assertThat(e.getCause()).isInstanceOf(IOException.class);
                });
    }

    @Test
    void downloadNeedsAPersonalApiKey() {
        PostHogOptions noPersonalKey = PostHogOptions.builder(KEY).host(server.baseUrl()).buildOptions();

        assertThatThrownBy(() -> FlagDefinitionsSnapshot.download(noPersonalKey))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("personalApiKey");
        assertThat(FlagTestSupport.allRequests(server)).isEmpty();
    }

    @Test
    void writeReplacesAnExistingFileWhole() throws Exception {
        Path file = Files.writeString(dir.resolve("flags.json"), "old content that is longer than nothing");
        serve(DEFINITIONS, "\"e\"");
        FlagDefinitionsSnapshot snapshot = FlagDefinitionsSnapshot.download(options());

        snapshot.write(file);

        assertThat(Files.readAllBytes(file)).isEqualTo(snapshot.toJson());
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("flags.json");
        }
    }
}
