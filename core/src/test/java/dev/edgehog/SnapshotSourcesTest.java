// SPDX-License-Identifier: Apache-2.0
package dev.edgehog;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.edgehog.FlagTestSupport.DEFINITIONS;
import static dev.edgehog.FlagTestSupport.DEFINITIONS_V2;
import static dev.edgehog.FlagTestSupport.KEY;
import static dev.edgehog.FlagTestSupport.PERSONAL;
import static dev.edgehog.FlagTestSupport.START;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.edgehog.flags.DefinitionsRefresh;
import dev.edgehog.spi.SnapshotSource;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cold-start snapshots: each source, their precedence and freshness, and unusable snapshots.
 * Every client here uses {@link DefinitionsRefresh#MANUAL} and strict local evaluation, so any
 * request at all would be a failure (the server has no stubs and answers 404).
 */
class SnapshotSourcesTest {
    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(START);

    private PostHog fromEnv(Map<String, String> env) {
        Map<String, String> e = new HashMap<>(env);
        e.put("POSTHOG_API_KEY", KEY);
        e.put("POSTHOG_PERSONAL_API_KEY", PERSONAL);
        e.put("POSTHOG_HOST", server.baseUrl());
        return PostHogOptions.fromEnvironment(e).clock(clock).flagDefinitionsRefresh(DefinitionsRefresh.MANUAL)
                .strictLocalEvaluation(true).sendFeatureFlagEvent(false).flagDefinitionsResourceEnabled(false)
                .flagDefinitionsCacheFile(dir.resolve("absent-cache.json")).build();
    }

    private static String base64Gzip(String json) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(json.getBytes(StandardCharsets.UTF_8));
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    @Test
    void rawDefinitionsJsonInTheEnvironmentMakesLocalEvaluationReadyWithoutNetwork() {
        try (PostHog ph = fromEnv(Map.of("POSTHOG_FLAG_DEFINITIONS", DEFINITIONS))) {
            assertThat(ph.isLocalEvaluationReady()).isTrue();
            assertThat(ph.isFeatureEnabled("always-on", "user-1")).isTrue();
        }
        assertThat(FlagTestSupport.allRequests(server)).isEmpty();
    }

    @Test
    void base64OfGzippedSnapshotInTheEnvironmentIsAccepted() throws Exception {
        String env = base64Gzip(FlagTestSupport.snapshot(DEFINITIONS_V2, "\"e\"", START, KEY));

        try (PostHog ph = fromEnv(Map.of("POSTHOG_FLAG_DEFINITIONS", env))) {
            assertThat(ph.isLocalEvaluationReady()).isTrue();
            assertThat(ph.isFeatureEnabled("always-on", "user-1", true)).as("v2 has it inactive").isFalse();
        }
        assertThat(FlagTestSupport.allRequests(server)).isEmpty();
    }

    @Test
    void snapshotFileNamedByTheEnvironmentIsRead() throws Exception {
        Path file = dir.resolve("baked.json");
        Files.writeString(file, DEFINITIONS);

        try (PostHog ph = fromEnv(Map.of("POSTHOG_FLAG_DEFINITIONS_FILE", file.toString()))) {
            assertThat(ph.isFeatureEnabled("always-on", "user-1")).isTrue();
        }
        assertThat(FlagTestSupport.allRequests(server)).isEmpty();
    }

    @Test
    void classpathResourceIsReadFromTheContextClassLoader() throws Exception {
        Path root = dir.resolve("cp");
        Path resource = root.resolve(PostHogOptions.FLAG_DEFINITIONS_RESOURCE);
        Files.createDirectories(resource.getParent());
        Files.writeString(resource, DEFINITIONS);

        assertThat(alwaysOnFromClasspath(root)).isTrue();
        assertThat(FlagTestSupport.allRequests(server)).isEmpty();
    }

    @Test
    void gzippedClasspathResourceIsReadLikeAGzippedFile() throws Exception {
        Path root = dir.resolve("cp-gz");
        Path resource = root.resolve(PostHogOptions.FLAG_DEFINITIONS_RESOURCE);
        Files.createDirectories(resource.getParent());
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(resource))) {
            out.write(DEFINITIONS.getBytes(StandardCharsets.UTF_8));
        }

        assertThat(alwaysOnFromClasspath(root)).isTrue();
        assertThat(FlagTestSupport.allRequests(server)).isEmpty();
    }

    /** Builds a client whose only snapshot source is the classpath resource under {@code root}. */
    private boolean alwaysOnFromClasspath(Path root) throws Exception {
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader cl = new URLClassLoader(new URL[] {root.toUri().toURL()}, before)) {
            Thread.currentThread().setContextClassLoader(cl);
            try (PostHog ph = PostHog.builder(KEY).host(server.baseUrl()).personalApiKey(PERSONAL).clock(clock)
                    .flagDefinitionsRefresh(DefinitionsRefresh.MANUAL).strictLocalEvaluation(true)
                    .sendFeatureFlagEvent(false).flagDefinitionsCacheEnabled(false).build()) {
                return ph.isFeatureEnabled("always-on", "user-1");
            }
        } finally {
            Thread.currentThread().setContextClassLoader(before);
        }
    }

    @Test
    void freshestSnapshotWinsOverHigherPrecedence() throws Exception {
        Path cache = dir.resolve("cache.json");
        Files.writeString(cache, FlagTestSupport.snapshot(DEFINITIONS_V2, "\"new\"", START.minusSeconds(10), KEY));
        Path file = dir.resolve("file.json");
        Files.writeString(file, FlagTestSupport.snapshot(DEFINITIONS, "\"old\"", START.minusSeconds(86_400), KEY));
        Map<String, String> env = new HashMap<>();
        env.put("POSTHOG_API_KEY", KEY);
        env.put("POSTHOG_PERSONAL_API_KEY", PERSONAL);
        env.put("POSTHOG_HOST", server.baseUrl());
        env.put("POSTHOG_FLAG_DEFINITIONS", DEFINITIONS);
        env.put("POSTHOG_FLAG_DEFINITIONS_FILE", file.toString());

        try (PostHog ph = PostHogOptions.fromEnvironment(env).clock(clock).flagDefinitionsRefresh(DefinitionsRefresh.MANUAL)
                .strictLocalEvaluation(true).sendFeatureFlagEvent(false).flagDefinitionsResourceEnabled(false)
                .flagDefinitionsCacheFile(cache).build()) {
            assertThat(ph.isFeatureEnabled("always-on", "user-1", true)).as("the 10 s old cache file (v2) wins").isFalse();
        }
    }

    @Test
    void amongSnapshotsOfEqualAgeTheHigherPrecedenceWins() throws Exception {
        Path file = dir.resolve("file.json");
        Files.writeString(file, DEFINITIONS_V2);

        try (PostHog ph = fromEnv(Map.of("POSTHOG_FLAG_DEFINITIONS", DEFINITIONS,
                "POSTHOG_FLAG_DEFINITIONS_FILE", file.toString()))) {
            assertThat(ph.isFeatureEnabled("always-on", "user-1")).as("environment text beats the file").isTrue();
        }
    }

    @Test
    void corruptTruncatedAndForeignSnapshotsAreSkippedWithAWarningNamingTheSource() throws Exception {
        Path truncated = dir.resolve("truncated.json");
        Files.writeString(truncated, DEFINITIONS.substring(0, DEFINITIONS.length() / 2));
        Path cache = dir.resolve("cache.json");
        Files.writeString(cache, FlagTestSupport.snapshot(DEFINITIONS, null, START, KEY));
        Map<String, String> env = new HashMap<>();
        env.put("POSTHOG_API_KEY", KEY);
        env.put("POSTHOG_PERSONAL_API_KEY", PERSONAL);
        env.put("POSTHOG_HOST", server.baseUrl());
        env.put("POSTHOG_FLAG_DEFINITIONS", "{\"name\": \"not flags\"}");
        env.put("POSTHOG_FLAG_DEFINITIONS_FILE", truncated.toString());

        try (FlagTestSupport.LogCapture log = new FlagTestSupport.LogCapture();
                PostHog ph = PostHogOptions.fromEnvironment(env).clock(clock).flagDefinitionsRefresh(DefinitionsRefresh.MANUAL)
                        .strictLocalEvaluation(true).sendFeatureFlagEvent(false).flagDefinitionsResourceEnabled(false)
                        .flagDefinitionsCacheFile(cache).build()) {
            assertThat(ph.isFeatureEnabled("always-on", "user-1")).as("the valid cache file is used").isTrue();
            assertThat(log.warnings()).anySatisfy(w -> assertThat(w).contains("POSTHOG_FLAG_DEFINITIONS")
                    .contains("neither an Edgehog snapshot nor a /flags/definitions document"));
            assertThat(log.warnings()).anySatisfy(w -> assertThat(w).contains(truncated.toString()).contains("corrupt or truncated"));
        }
    }

    @Test
    void snapshotOfAnotherProjectOrUnknownFormatIsSkipped() throws Exception {
        Path file = dir.resolve("other.json");
        Files.writeString(file, FlagTestSupport.snapshot(DEFINITIONS, null, START, "phc_some_other_project"));
        String future = "{\"edgehog_snapshot\": 9, \"definitions\": " + DEFINITIONS + "}";

        try (FlagTestSupport.LogCapture log = new FlagTestSupport.LogCapture();
                PostHog ph = fromEnv(Map.of("POSTHOG_FLAG_DEFINITIONS_FILE", file.toString(),
                        "POSTHOG_FLAG_DEFINITIONS", future))) {
            assertThat(ph.isLocalEvaluationReady()).isFalse();
            assertThat(ph.getFeatureFlag("always-on", "user-1").isKnown()).isFalse();
            assertThat(log.warnings()).anySatisfy(w -> assertThat(w).contains(file.toString()).contains("another project"));
            assertThat(log.warnings()).anySatisfy(w -> assertThat(w).contains("snapshot format 9"));
        }
    }

    @Test
    void missingSnapshotFileIsReportedButDoesNotStopTheClient() {
        Path missing = dir.resolve("nope.json");

        try (FlagTestSupport.LogCapture log = new FlagTestSupport.LogCapture();
                PostHog ph = fromEnv(Map.of("POSTHOG_FLAG_DEFINITIONS_FILE", missing.toString()))) {
            assertThat(ph.isLocalEvaluationReady()).isFalse();
            assertThat(log.warnings()).anySatisfy(w -> assertThat(w).contains(missing.toString()).contains("does not exist"));
        }
    }

    @Test
    void customSnapshotSourceIsReadAndAFailingOneIsSkipped() {
        SnapshotSource good = () -> DEFINITIONS.getBytes(StandardCharsets.UTF_8);
        SnapshotSource failing = new SnapshotSource() {
            @Override
            public byte[] load() throws java.io.IOException {
                throw new java.io.IOException("parameter store unreachable");
            }

            @Override
            public String name() {
                return "parameter-store";
            }
        };

        try (FlagTestSupport.LogCapture log = new FlagTestSupport.LogCapture();
                PostHog ok = PostHog.builder(KEY).host(server.baseUrl()).personalApiKey(PERSONAL).clock(clock)
                        .flagDefinitionsRefresh(DefinitionsRefresh.MANUAL).strictLocalEvaluation(true).sendFeatureFlagEvent(false)
                        .flagDefinitionsResourceEnabled(false).flagDefinitionsCacheEnabled(false)
                        .flagDefinitionsSnapshotSource(good).build();
                PostHog broken = PostHog.builder(KEY).host(server.baseUrl()).personalApiKey(PERSONAL).clock(clock)
                        .flagDefinitionsRefresh(DefinitionsRefresh.MANUAL).strictLocalEvaluation(true).sendFeatureFlagEvent(false)
                        .flagDefinitionsResourceEnabled(false).flagDefinitionsCacheEnabled(false)
                        .flagDefinitionsSnapshotSource(failing).build()) {
            assertThat(ok.isFeatureEnabled("always-on", "user-1")).isTrue();
            assertThat(broken.isLocalEvaluationReady()).isFalse();
            assertThat(log.warnings()).anySatisfy(w -> assertThat(w).contains("snapshot source parameter-store")
                    .contains("parameter store unreachable"));
        }
        assertThat(FlagTestSupport.allRequests(server)).isEmpty();
    }

    @Test
    void environmentTextThatIsNeitherJsonNorBase64IsSkipped() {
        try (FlagTestSupport.LogCapture log = new FlagTestSupport.LogCapture();
                PostHog ph = fromEnv(Map.of("POSTHOG_FLAG_DEFINITIONS", "%%% not base64 %%%"))) {
            assertThat(ph.isLocalEvaluationReady()).isFalse();
            assertThat(log.warnings()).anySatisfy(w -> assertThat(w).contains("POSTHOG_FLAG_DEFINITIONS"));
        }
    }
}
