// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.dslplatform.json.DslJson;
import com.dslplatform.json.JsonReader;
import com.dslplatform.json.ObjectConverter;
import dev.edgehog.PostHog;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostHogStandInTest {
    private final HttpClient http = HttpClient.newHttpClient();

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

    @Test
    void servesDefinitionsWithTheirEtagAndA304ToAClientThatHasThem() throws Exception {
        try (PostHogStandIn standIn = PostHogStandIn.start()) {
            URI uri = standIn.uri().resolve("/flags/definitions?token=phc_plain&send_cohorts");

            HttpResponse<String> first = http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer phx_k")
                    .build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> second = http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer phx_k")
                    .header("If-None-Match", "W/\"demo-flags-1\"").build(), HttpResponse.BodyHandlers.ofString());

            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.headers().firstValue("ETag")).contains("W/\"demo-flags-1\"");
            assertThat(flagKeys(decode(first.body()))).containsExactly("new-checkout", "pricing-page", "pro-export",
                    "beta-tools");
            assertThat(second.statusCode()).isEqualTo(304);
            assertThat(second.body()).isEmpty();
            assertThat(standIn.requests()).extracting(RecordedRequest::endpoint, RecordedRequest::status,
                    RecordedRequest::apiKey, RecordedRequest::personalApiKey).containsExactly(
                    tuple(PostHogStandIn.DEFINITIONS, 200, "phc_plain", "phx_k"),
                    tuple(PostHogStandIn.DEFINITIONS, 304, "phc_plain", "phx_k"));
        }
    }

    @Test
    void refusesDefinitionsWithoutAPersonalApiKey() throws Exception {
        try (PostHogStandIn standIn = PostHogStandIn.start()) {

            HttpResponse<String> r = http.send(HttpRequest.newBuilder(standIn.uri()
                    .resolve("/flags/definitions?token=phc_plain&send_cohorts")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(standIn.requests()).extracting(RecordedRequest::status).containsExactly(401);
        }
    }

    @Test
    void answersFlagsInTheV2FormatForExactlyTheKeysAsked() throws Exception {
        try (PostHogStandIn standIn = PostHogStandIn.start()) {
            String body = "{\"token\":\"phc_plain\",\"distinct_id\":\"visitor-14\",\"groups\":{},"
                    + "\"flag_keys_to_evaluate\":[\"pricing-page\"]}";

            HttpResponse<String> r = http.send(HttpRequest.newBuilder(standIn.uri().resolve("/flags/?v=2"))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());

            Map<String, Object> flags = map(decode(r.body()).get("flags"));
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(flags).containsOnlyKeys("pricing-page");
            Map<String, Object> flag = map(flags.get("pricing-page"));
            assertThat(flag).containsEntry("enabled", true).containsEntry("variant", "control");
            assertThat(map(flag.get("metadata"))).containsEntry("id", 102L)
                    .containsEntry("payload", "{\"layout\":\"classic\",\"plans_shown\":3}");
            assertThat(map(flag.get("reason"))).containsEntry("code", "condition_match");
            RecordedRequest recorded = standIn.requests().get(0);
            assertThat(recorded.endpoint()).isEqualTo(PostHogStandIn.FLAGS);
            assertThat(recorded.distinctId()).isEqualTo("visitor-14");
            assertThat(recorded.flagKeysToEvaluate()).containsExactly("pricing-page");
            assertThat(recorded.wireBytes()).isEqualTo(recorded.jsonBytes()).isEqualTo(body.length());
        }
    }

    @Test
    void answersEveryFlagOffForSomeoneItDoesNotKnow() throws Exception {
        try (PostHogStandIn standIn = PostHogStandIn.start()) {

            HttpResponse<String> r = http.send(HttpRequest.newBuilder(standIn.uri().resolve("/flags/?v=2"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"phc_plain\",\"distinct_id\":\"stranger\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());

            Map<String, Object> flags = map(decode(r.body()).get("flags"));
            assertThat(flags).containsOnlyKeys("new-checkout", "pricing-page", "pro-export", "beta-tools");
            assertThat(flags.values()).allSatisfy(f -> assertThat(map(f)).containsEntry("enabled", false));
        }
    }

    @Test
    void answers404ToOtherPathsAndRecordsNothing() throws Exception {
        try (PostHogStandIn standIn = PostHogStandIn.start()) {

            HttpResponse<String> r = http.send(HttpRequest.newBuilder(standIn.uri().resolve("/decide/?v=3"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(standIn.requests()).isEmpty();
        }
    }

    private static Map<String, Object> decode(String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        JsonReader<Object> reader = new DslJson<>(new DslJson.Settings<>()).newReader(bytes);
        reader.getNextToken();
        return ObjectConverter.deserializeMap(reader);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    private static List<Object> flagKeys(Map<String, Object> definitions) {
        return ((List<?>) definitions.get("flags")).stream().map(f -> map(f).get("key")).toList();
    }
}
