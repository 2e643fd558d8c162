// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.quarkus.test.QuarkusUnitTest;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every build-visible snapshot mistake fails the build, all in one report. */
class BadSnapshotBuildTest {
    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addAsResource(new StringAsset("{\"flags\": []}"),
                    "META-INF/edgehog/flag-definitions.json"))
            .overrideConfigKey("quarkus.posthog.build.flag-definitions-file", "src/test/resources/snapshots/not-json.txt")
            .overrideConfigKey("quarkus.posthog.build.download-flag-definitions", "true")
            .assertException(t -> assertThat(t).hasStackTraceContaining("5 configuration error(s)")
                    .hasStackTraceContaining("already has its own META-INF/edgehog/flag-definitions.json")
                    .hasStackTraceContaining("flag-definitions-file=src/test/resources/snapshots/not-json.txt: not")
                    .hasStackTraceContaining("download-flag-definitions=true and quarkus.posthog.build.flag-definitions-file are both set")
                    .hasStackTraceContaining("needs quarkus.posthog.api-key at build time")
                    .hasStackTraceContaining("needs quarkus.posthog.personal-api-key at build time"));

    @Test
    void failsTheBuildNamingEveryMistake() {
        fail("the build should have failed");
    }
}
