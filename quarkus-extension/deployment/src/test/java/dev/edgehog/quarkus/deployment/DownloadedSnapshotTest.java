// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.quarkus.deployment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.edgehog.PostHog;
import dev.edgehog.flags.FlagValue;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Flag definitions downloaded during the build start the application with no further request. */
class DownloadedSnapshotTest {
    /** A path of its own on the shared stand-in, so other tests' requests never mix in. */
    private static final String PREFIX = "/build-download";

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClass(StandInPostHog.class))
            .overrideConfigKey("quarkus.posthog.api-key", "phc_download_test")
            .overrideConfigKey("quarkus.posthog.personal-api-key", "phx_download_test")
            .overrideConfigKey("quarkus.posthog.host", hostServingDefinitions())
            .overrideConfigKey("quarkus.posthog.flags.cache-enabled", "false")
            .overrideConfigKey("quarkus.posthog.build.download-flag-definitions", "true");

    @Inject
    PostHog posthog;

    @Test
    void bakesTheDownloadedDefinitionsAsASnapshotWithTheirETag() throws IOException {
        String baked;
        try (InputStream in = Thread.currentThread().getContextClassLoader()
                .getResourceAsStream("META-INF/edgehog/flag-definitions.json")) {
            assertThat(in).isNotNull();
            baked = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(baked).contains("\"edgehog_snapshot\"").contains("downloaded-flag").contains("build-etag-1");
        assertThat(posthog.getFeatureFlag("downloaded-flag", "user-1")).isEqualTo(FlagValue.ON);
        assertThat(StandInPostHog.admin().find(getRequestedFor(urlPathEqualTo(PREFIX + "/flags/definitions"))))
                .as("only the build's download").hasSize(1);
    }

    private static String hostServingDefinitions() {
        StandInPostHog.admin().register(get(urlPathEqualTo(PREFIX + "/flags/definitions"))
                .willReturn(aResponse().withStatus(200).withHeader("ETag", "W/\"build-etag-1\"").withBody("""
                        {"flags": [{"id": 9, "key": "downloaded-flag", "active": true,
                          "filters": {"groups": [{"properties": [], "rollout_percentage": 100}]}}],
                         "group_type_mapping": {}, "cohorts": {}}""")));
        return StandInPostHog.url() + PREFIX;
    }
}
