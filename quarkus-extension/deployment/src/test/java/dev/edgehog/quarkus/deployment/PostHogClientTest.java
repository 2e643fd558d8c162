// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.quarkus.deployment;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.edgehog.Event;
import dev.edgehog.HttpTransport;
import dev.edgehog.PostHog;
import dev.edgehog.PostHogOptions;
import dev.edgehog.SendMode;
import dev.edgehog.flags.FlagValue;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The injected client of an application without an HTTP layer: one bean built from {@code
 * quarkus.posthog.*}, the baked flag snapshot, and the flush when the application stops.
 */
class PostHogClientTest {
    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClass(StandInPostHog.class))
            .overrideConfigKey("quarkus.posthog.api-key", "phc_quarkus_test")
            .overrideConfigKey("quarkus.posthog.personal-api-key", "phx_quarkus_test")
            .overrideConfigKey("quarkus.posthog.host", StandInPostHog.url())
            .overrideConfigKey("quarkus.posthog.flush-at", "50")
            .overrideConfigKey("quarkus.posthog.http-transport", "url-connection")
            .overrideConfigKey("quarkus.posthog.flush-timeout", "3s")
            .overrideConfigKey("quarkus.posthog.flags.polling-interval", "5m")
            .overrideConfigKey("quarkus.posthog.flags.snapshot-file", "target/no-such-runtime-snapshot.json")
            .overrideConfigKey("quarkus.posthog.flags.cache-enabled", "false")
            .overrideConfigKey("quarkus.posthog.build.flag-definitions-file", "src/test/resources/snapshots/flag-definitions.json")
            .setAfterUndeployListener(PostHogClientTest::shutdownFlushDeliveredTheQueuedEvent);

    @Inject
    PostHog posthog;

    @Inject
    Instance<PostHog> clients;

    @Test
    void injectsOneClientPerApplication() {
        PostHog again = clients.get();

        assertThat(again).isSameAs(posthog);
        assertThat(posthog.isDisabled()).isFalse();
    }

    @Test
    void bringsNoHttpLayerIntoAnApplicationWithoutOne() {
        ClassLoader app = Thread.currentThread().getContextClassLoader();

        assertThatThrownBy(() -> Class.forName("io.quarkus.vertx.http.runtime.VertxHttpRecorder", false, app))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("io.vertx.ext.web.Router", false, app))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void mapsQuarkusPosthogConfigurationOntoTheClientOptions() {
        PostHogOptions options = posthog.options();

        assertThat(options.projectApiKey()).isEqualTo("phc_quarkus_test");
        assertThat(options.host()).hasToString(StandInPostHog.url());
        assertThat(options.sendMode()).isEqualTo(SendMode.BUFFERED);
        assertThat(options.flushAt()).isEqualTo(50);
        assertThat(options.httpTransport()).isEqualTo(HttpTransport.URL_CONNECTION);
        assertThat(options.flushTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(options.isLocalEvaluationEnabled()).isTrue();
        assertThat(options.featureFlagsPollingInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(options.flagDefinitionsSnapshotFile()).isEqualTo(Path.of("target/no-such-runtime-snapshot.json"));
        assertThat(options.isFlagDefinitionsResourceEnabled()).isTrue();
        assertThat(options.flagDefinitionsCacheFile()).isNull();
        assertThat(options.isEnableExceptionAutocapture()).isFalse();
    }

    @Test
    void servesTheBuildTimeSnapshotAsCoresClasspathResource() throws IOException {
        String baked;
        try (InputStream in = Thread.currentThread().getContextClassLoader()
                .getResourceAsStream("META-INF/edgehog/flag-definitions.json")) {
            assertThat(in).isNotNull();
            baked = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        String file = Files.readString(Path.of("src/test/resources/snapshots/flag-definitions.json"));
        assertThat(baked).startsWith("{\"edgehog_snapshot\":1,\"fetched_at\":").endsWith(file + "}");
        assertThat(posthog.isLocalEvaluationReady()).isTrue();
        assertThat(posthog.getFeatureFlag("baked-flag", "user-1")).isEqualTo(FlagValue.ON);
        assertThat(StandInPostHog.admin().find(anyRequestedFor(urlPathMatching("/flags.*")))).isEmpty();
    }

    @Test
    void queuesCapturesUntilTheApplicationStops() {
        posthog.capture(Event.builder("quarkus unit test stopped").distinctId("user-1").build());

        assertThat(posthog.stats().queued()).isPositive();
    }

    private static void shutdownFlushDeliveredTheQueuedEvent() {
        List<LoggedRequest> batches = StandInPostHog.admin().find(postRequestedFor(urlEqualTo("/batch/")));

        assertThat(batches).anySatisfy(r -> assertThat(r.getBodyAsString()).contains("quarkus unit test stopped"));
    }
}
