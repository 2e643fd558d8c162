// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.edgehog.cli.CliTest.CLOCK;
import static dev.edgehog.cli.CliTest.DEFINITIONS;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.edgehog.PostHog;
import dev.edgehog.PostHogOptions;
import dev.edgehog.cli.CliTest.Outcome;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code flags snapshot} against a WireMock stand-in for PostHog: what it requests, what it
 * writes (and that the client then starts from it as fresh), every failure and its exit code,
 * and that no key ever reaches the output.
 */
class FlagsSnapshotTest {
    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private static final String PROJECT = "phc_cli_snapshot_project";
    private static final String PERSONAL = "phx_cli_snapshot_personal";
    private static final String ETAG = "W/\"cli-1\"";

    @TempDir
    Path dir;

    private final List<Outcome> outcomes = new ArrayList<>();

    private Outcome snapshot(Map<String, String> env, String... options) {
        String[] args = new String[options.length + 2];
        args[0] = "flags";
        args[1] = "snapshot";
        System.arraycopy(options, 0, args, 2, options.length);
        Outcome o = CliTest.cliWith(env, CLOCK, InputStream.nullInputStream(), args);
        outcomes.add(o);
        return o;
    }

    private Outcome snapshotWithKeys(String... options) {
        List<String> args = new ArrayList<>(List.of("--personal-api-key", PERSONAL, "--project-api-key", PROJECT,
                "--host", server.baseUrl()));
        args.addAll(List.of(options));
        return snapshot(Map.of(), args.toArray(String[]::new));
    }

    private static void serve(String body) {
        server.stubFor(get(urlPathEqualTo("/flags/definitions")).willReturn(okJson(body).withHeader("ETag", ETAG)));
    }

    private static List<LoggedRequest> definitionRequests() {
        return server.findAll(getRequestedFor(urlPathEqualTo("/flags/definitions")));
    }

    /** Every command's standard output and error, and every file written, name no key. */
    @AfterEach
    void noKeyIsEverPrintedOrWritten() throws Exception {
        for (Outcome o : outcomes) {
            assertThat(o.stdout() + o.stderr()).doesNotContain(PERSONAL).doesNotContain(PROJECT);
        }
        try (var files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(p, StandardCharsets.ISO_8859_1)).doesNotContain(PERSONAL).doesNotContain(PROJECT);
            }
        }
    }

    @Test
    void writesADatedEtaggedSnapshotOfTheDownloadedDefinitions() throws Exception {
        serve(DEFINITIONS);
        Path out = dir.resolve("resources/META-INF/edgehog/flag-definitions.json");

        Outcome o = snapshotWithKeys("--out", out.toString());

        assertThat(o.exitCode()).isZero();
        assertThat(o.stdout()).isEmpty();
        assertThat(o.stderr()).isEqualTo("edgehog: wrote 4 flags (ETag " + ETAG + ", " + Files.size(out)
                + " bytes, snapshot) to " + out + "\n");
        List<LoggedRequest> requests = definitionRequests();
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).getUrl()).isEqualTo("/flags/definitions?token=" + PROJECT + "&send_cohorts");
        assertThat(requests.get(0).getHeader("Authorization")).isEqualTo("Bearer " + PERSONAL);
        assertThat(requests.get(0).containsHeader("If-None-Match")).isFalse();
        Map<String, Object> written = CliTest.json(Files.readString(out));
        assertThat(written.get("edgehog_snapshot")).isEqualTo(1L);
        assertThat(written.get("fetched_at")).isEqualTo(CLOCK.millis());
        assertThat(written.get("etag")).isEqualTo(ETAG);
        assertThat(written.get("definitions")).isEqualTo(CliTest.json(DEFINITIONS));
    }

    @Test
    void theClientStartsFromTheWrittenSnapshotAsFreshAndRevalidatesItWithItsEtag() throws Exception {
        serve(DEFINITIONS);
        Path out = dir.resolve("flags.json");
        assertThat(snapshotWithKeys("--out", out.toString()).exitCode()).isZero();
        server.resetRequests();
        server.stubFor(get(urlPathEqualTo("/flags/definitions")).withHeader("If-None-Match", equalTo(ETAG)).atPriority(1)
                .willReturn(aResponse().withStatus(304)));

        try (PostHog ph = PostHog.builder(PROJECT).host(server.baseUrl()).personalApiKey(PERSONAL).clock(CLOCK)
                .flagDefinitionsSnapshotFile(out).flagDefinitionsCacheEnabled(false).flagDefinitionsResourceEnabled(false)
                .strictLocalEvaluation(true).sendFeatureFlagEvent(false).build()) {
            assertThat(ph.isLocalEvaluationReady()).isTrue();
            assertThat(ph.isFeatureEnabled("retired", "u1", true)).as("decided from the snapshot, not the default").isFalse();
            assertThat(server.findAll(anyRequestedFor(anyUrl())))
                    .as("at the snapshot's own time it is fresh: no flag call downloads").isEmpty();

            ph.reloadFeatureFlags();

            assertThat(ph.isLocalEvaluationReady()).isTrue();
        }
        List<LoggedRequest> requests = definitionRequests();
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).getHeader("If-None-Match")).isEqualTo(ETAG);
    }

    @Test
    void keysAndHostMayComeFromTheEnvironment() throws Exception {
        serve(DEFINITIONS);
        Path out = dir.resolve("flags.json");

        Outcome o = snapshot(Map.of("POSTHOG_PERSONAL_API_KEY", PERSONAL, "POSTHOG_PROJECT_API_KEY", PROJECT,
                "POSTHOG_HOST", server.baseUrl() + "/"), "--out", out.toString());

        assertThat(o.exitCode()).as(o.stderr()).isZero();
        assertThat(definitionRequests()).singleElement().satisfies(r -> {
            assertThat(r.queryParameter("token").firstValue()).isEqualTo(PROJECT);
            assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + PERSONAL);
        });
        assertThat(CliTest.json(Files.readString(out)).get("etag")).isEqualTo(ETAG);
    }

    @Test
    void posthogApiKeyWinsOverPosthogProjectApiKeyAsInTheClientAndOptionsWinOverBoth() throws Exception {
        serve(DEFINITIONS);
        String other = "phc_cli_other_project";

        assertThat(snapshot(Map.of("POSTHOG_PERSONAL_API_KEY", PERSONAL, "POSTHOG_API_KEY", PROJECT,
                "POSTHOG_PROJECT_API_KEY", other, "POSTHOG_HOST", server.baseUrl()), "--out", "-").exitCode()).isZero();
        assertThat(snapshot(Map.of("POSTHOG_PERSONAL_API_KEY", "phx_from_env", "POSTHOG_API_KEY", other,
                "POSTHOG_HOST", "https://eu.i.posthog.com"), "--out", "-", "--personal-api-key", PERSONAL,
                "--project-api-key", PROJECT, "--host", server.baseUrl()).exitCode()).isZero();

        assertThat(definitionRequests()).hasSize(2).allSatisfy(r -> {
            assertThat(r.queryParameter("token").firstValue()).isEqualTo(PROJECT);
            assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + PERSONAL);
        });
    }

    @ParameterizedTest(name = "HTTP {0} exits with {1}")
    @CsvSource(delimiter = '|', value = {
        "401 | 3 | PostHog refused the personal API key (HTTP 401)",
        "403 | 3 | needs the feature_flag:read scope",
        "402 | 4 | feature flag quota is exceeded, or its plan does not include local evaluation",
        "429 | 5 | rate limiting these requests (HTTP 429)",
        "500 | 7 | PostHog answered HTTP 500 instead of the flag definitions (a server error; try again later)",
        "404 | 7 | PostHog answered HTTP 404 instead of the flag definitions (is http://localhost:",
        "400 | 7 | PostHog answered HTTP 400 instead of the flag definitions"})
    void eachRefusalHasItsExitCodeAndMessageAndLeavesTheOldSnapshot(int status, int exitCode, String message)
            throws Exception {
        server.stubFor(get(urlPathEqualTo("/flags/definitions")).willReturn(aResponse().withStatus(status)
                .withBody("{\"detail\": \"nope\"}")));
        Path out = Files.writeString(dir.resolve("flags.json"), "previous snapshot");

        Outcome o = snapshotWithKeys("--out", out.toString());

        assertThat(o.exitCode()).isEqualTo(exitCode);
        assertThat(o.stderr()).startsWith("edgehog: ").contains(message);
        assertThat(o.stdout()).isEmpty();
        assertThat(Files.readString(out)).isEqualTo("previous snapshot");
        assertThat(definitionRequests()).hasSize(1);
    }

    @ParameterizedTest(name = "body: {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "{\"flags\": [{\"id\": 1, \"key\": \"a\"",
        "<html>Bad gateway</html>",
        "{\"results\": []}",
        "[]",
        "``",
        "{\"flags\": {\"not\": \"a list\"}}"})
    void anAnswerThatIsNotADefinitionsDocumentWritesNothing(String body) {
        server.stubFor(get(urlPathEqualTo("/flags/definitions")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(body == null ? "" : body)));
        Path out = dir.resolve("flags.json");

        Outcome o = snapshotWithKeys("--out", out.toString());

        assertThat(o.exitCode()).isEqualTo(7);
        assertThat(o.stderr()).startsWith("edgehog: PostHog's answer is not a flag definitions document, so nothing "
                + "was written: ");
        assertThat(out).doesNotExist();
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void aBrokenConnectionExitsWithSix() {
        server.stubFor(get(urlPathEqualTo("/flags/definitions")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        Outcome o = snapshotWithKeys("--out", dir.resolve("flags.json").toString());

        assertThat(o.exitCode()).isEqualTo(6);
        assertThat(o.stderr()).startsWith("edgehog: network failure talking to " + server.baseUrl() + " (");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void noAnswerWithinTheTimeoutExitsWithSixAndNamesTheOption() {
        server.stubFor(get(urlPathEqualTo("/flags/definitions")).willReturn(okJson(DEFINITIONS).withFixedDelay(3_000)));

        Outcome o = snapshotWithKeys("--out", dir.resolve("flags.json").toString(), "--timeout", "0.2");

        assertThat(o.exitCode()).isEqualTo(6);
        assertThat(o.stderr()).isEqualTo("edgehog: no answer from " + server.baseUrl()
                + " within 0.2 s (raise it with --timeout)\n");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void anOutputThatCannotBeWrittenExitsWithOne() throws Exception {
        serve(DEFINITIONS);
        Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");
        Path out = notADirectory.resolve("flags.json");

        Outcome o = snapshotWithKeys("--out", out.toString());

        assertThat(o.exitCode()).isEqualTo(1);
        assertThat(o.stderr()).startsWith("edgehog: could not write the snapshot to " + out + " (")
                .endsWith("); nothing was written\n");
        assertThat(Files.readString(notADirectory)).isEqualTo("x");
    }

    @Test
    void theEnvFormatIsOneLineThatFlagsEvalAndTheClientReadFromPosthogFlagDefinitions() throws Exception {
        serve(DEFINITIONS);

        Outcome o = snapshotWithKeys("--out", "-", "--format", "env");

        assertThat(o.exitCode()).isZero();
        assertThat(o.lines()).hasSize(1);
        String value = o.lines().get(0);
        assertThat(value).matches("[A-Za-z0-9+/]+=*");
        assertThat(o.stderr()).isEqualTo("edgehog: wrote 4 flags (ETag " + ETAG + ", " + (value.length() + 1)
                + " bytes, POSTHOG_FLAG_DEFINITIONS value) to standard output\n");

        Outcome eval = CliTest.cliWith(Map.of("POSTHOG_FLAG_DEFINITIONS", value), CLOCK,
                new ByteArrayInputStream("{\"key\": \"checkout\", \"distinctId\": \"u2\", \"personProperties\": {\"plan\": \"team\"}}\n"
                        .getBytes(StandardCharsets.UTF_8)), "flags", "eval");
        assertThat(eval.exitCode()).as(eval.stderr()).isZero();
        assertThat(eval.lines()).containsExactly("{\"key\":\"checkout\",\"distinctId\":\"u2\",\"value\":\"new\","
                + "\"payload\":[1,2.5],\"reason\":\"CONDITION_MATCH[0]: condition 0 matched\"}");

        server.resetRequests();
        try (PostHog ph = PostHogOptions.fromEnvironment(Map.of("POSTHOG_API_KEY", PROJECT,
                        "POSTHOG_PERSONAL_API_KEY", PERSONAL, "POSTHOG_HOST", server.baseUrl(), "POSTHOG_FLAG_DEFINITIONS", value))
                .clock(CLOCK).flagDefinitionsCacheEnabled(false).flagDefinitionsResourceEnabled(false)
                .strictLocalEvaluation(true).sendFeatureFlagEvent(false).build()) {
            assertThat(ph.isLocalEvaluationReady()).isTrue();
            assertThat(ph.isFeatureEnabled("retired", "u1", true)).isFalse();
        }
        assertThat(server.findAll(anyRequestedFor(anyUrl()))).as("fresh: nothing downloaded").isEmpty();
    }

    @Test
    void theSnapshotFormatCanGoToStandardOutput() throws Exception {
        serve(DEFINITIONS);

        Outcome o = snapshotWithKeys("--out", "-");

        assertThat(o.exitCode()).isZero();
        Map<String, Object> written = CliTest.json(o.stdout());
        assertThat(written.get("etag")).isEqualTo(ETAG);
        assertThat(written.get("definitions")).isEqualTo(CliTest.json(DEFINITIONS));
        assertThat(o.stderr()).endsWith(" to standard output\n");
    }

    @Test
    void anEtaglessAnswerIsWrittenWithANullEtagAndSaysSo() throws Exception {
        server.stubFor(get(urlPathEqualTo("/flags/definitions")).willReturn(okJson(DEFINITIONS)));
        Path out = dir.resolve("flags.json");

        Outcome o = snapshotWithKeys("--out", out.toString());

        assertThat(o.exitCode()).isZero();
        assertThat(o.stderr()).contains("wrote 4 flags (no ETag, ");
        Map<String, Object> written = CliTest.json(Files.readString(out));
        assertThat(written).containsEntry("etag", null);
    }

    @Test
    void usageMistakesExitWithTwoBeforeAnyRequest() throws Exception {
        Path out = dir.resolve("flags.json");
        Map<String, String> keys = Map.of("POSTHOG_PERSONAL_API_KEY", PERSONAL, "POSTHOG_API_KEY", PROJECT,
                "POSTHOG_HOST", server.baseUrl());
        Path directory = Files.createDirectory(dir.resolve("a-directory"));

        assertThat(snapshot(Map.of("POSTHOG_API_KEY", PROJECT), "--out", out.toString()).stderr())
                .contains("needs a personal API key: set POSTHOG_PERSONAL_API_KEY or give --personal-api-key <key>");
        assertThat(snapshot(Map.of("POSTHOG_PERSONAL_API_KEY", PERSONAL, "POSTHOG_API_KEY", " "), "--out", out.toString())
                .stderr()).contains("needs the project API key: set POSTHOG_API_KEY (or POSTHOG_PROJECT_API_KEY)");
        assertThat(snapshot(keys).stderr()).contains("flags snapshot needs --out <file>");
        assertThat(snapshot(keys, "--out", out.toString(), "--format", "yaml").stderr())
                .contains("--format must be snapshot or env (was \"yaml\")");
        assertThat(snapshot(keys, "--out", out.toString(), "--timeout", "0").stderr())
                .contains("--timeout must be a number of seconds above 0");
        assertThat(snapshot(keys, "--out", out.toString(), "--timeout", "soon").stderr()).contains("(was \"soon\")");
        assertThat(snapshot(keys, "--out", out.toString(), "--project-api-key", PERSONAL).stderr())
                .contains("the project API key looks like a personal API key");
        assertThat(snapshot(keys, "--out", out.toString(), "--personal-api-key", PROJECT).stderr())
                .contains("personalApiKey looks like a project API key");
        assertThat(snapshot(keys, "--out", out.toString(), "--host", "ftp://example.com").stderr())
                .contains("host must be an absolute http(s) URL");
        assertThat(snapshot(keys, "--out", directory.toString()).stderr()).contains("is a directory");
        assertThat(snapshot(keys, "--out", out.toString(), "--out", "other.json").stderr()).contains("--out given twice");
        assertThat(snapshot(keys, "--out").stderr()).contains("--out needs a value");
        assertThat(snapshot(keys, "--out", out.toString(), "--gzip").stderr()).contains("unknown option --gzip");

        assertThat(outcomes).allSatisfy(o -> {
            assertThat(o.exitCode()).isEqualTo(2);
            assertThat(o.stdout()).isEmpty();
            assertThat(o.stderr()).startsWith("edgehog: ").contains("edgehog --help");
        });
        assertThat(server.findAll(anyRequestedFor(anyUrl()))).isEmpty();
        assertThat(out).doesNotExist();
    }

    @Test
    void helpAfterTheSubcommandPrintsTheUsage() {
        Outcome o = snapshot(Map.of(), "--help");

        assertThat(o.exitCode()).isZero();
        assertThat(o.stdout()).isEqualTo(Cli.USAGE_TEXT);
    }
}
