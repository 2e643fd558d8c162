// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edgehog.PostHog;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostHogStandInTest {

    @Test
    void recordsAnUncompressedBatchAsItCame() throws Exception {
        try (PostHogStandIn standIn = PostHogStandIn.start();
                PostHog posthog = PostHog.builder("phc_plain").host(standIn.uri()).gzip(false).build()) {
            standIn.phase("plain");

            posthog.captureImmediate("user-1", "tested", Map.of("n", 1));

            RecordedRequest r = standIn.requests().get(0);
            assertThat(r.phase()).isEqualTo("plain");
            assertThat(r.contentEncoding()).isNull();
            assertThat(r.wireBytes()).isEqualTo(r.jsonBytes());
            assertThat(r.apiKey()).isEqualTo("phc_plain");
            assertThat(r.sentAt()).isNotBlank();
            assertThat(r.eventNames()).containsExactly("tested");
            assertThat(r.events().get(0)).containsEntry("distinct_id", "user-1");
        }
    }

    @Test
    void answersWithTheStatusItWasStartedWith() throws Exception {
        try (PostHogStandIn standIn = PostHogStandIn.start(400);
                PostHog posthog = PostHog.builder("phc_plain").host(standIn.uri()).build()) {

            var result = posthog.captureImmediate("user-1", "tested", Map.of());

            assertThat(result.failed()).isEqualTo(1);
            assertThat(result.errors()).singleElement().satisfies(e -> assertThat(e.statusCode()).isEqualTo(400));
            assertThat(standIn.requests()).hasSize(1);
        }
    }
}
