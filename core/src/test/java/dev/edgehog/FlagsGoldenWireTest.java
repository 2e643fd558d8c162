// SPDX-License-Identifier: Apache-2.0
package dev.edgehog;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.edgehog.flags.FlagOptions;
import dev.edgehog.flags.FlagValue;
import dev.edgehog.internal.LibraryInfo;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Drives each flag method as the recording script drove posthog-node 5.70.0 and compares our
 * requests field by field with the recorded ones in {@code fixtures/golden-wire}; the server
 * answers with the recorded responses. Intended differences: library identity and values that
 * change per run (timestamps, uuids, epoch-ms times).
 */
@ParameterizedClass
@EnumSource(HttpTransport.class)
class FlagsGoldenWireTest {
    /** The built-in transport under test: every test runs against both. */
    @Parameter
    HttpTransport httpTransport;

    static final String KEY = "phc_golden_wire_project_token";
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    @Test
    void remoteGetFeatureFlagWithGroupsMatchesNode() throws Exception {
        JsonNode golden = check("getFeatureFlag-remote.json", remoteClient(), ph -> {
            FlagValue v = ph.getFeatureFlag("remote-multivariate", "user-1", FlagOptions.builder()
                    .group("company", "acme").personProperty("plan", "pro").groupProperty("company", "tier", "gold").build());
            assertThat(v).isEqualTo(FlagValue.variant("test"));
            ph.flush();
        });
        assertThat(golden.get("returned").get("value").asText()).isEqualTo("test");
    }

    @Test
    void remotePayloadReadMatchesNodeAndSendsNoEvent() throws Exception {
        check("getFeatureFlagPayload-remote.json", remoteClient(), ph -> {
            Object payload = ph.getFeatureFlagPayload("remote-multivariate", "user-1");
            assertThat(payload).isEqualTo(Map.of("source", "golden-wire"));
            ph.flush();
        });
    }

    @Test
    void remoteGetAllFlagsAndPayloadsMatchesNode() throws Exception {
        check("getAllFlags-remote.json", remoteClient(), ph -> {
            var all = ph.getAllFlagsAndPayloads("user-1", FlagOptions.builder().personProperty("plan", "pro").build());
            assertThat(all.featureFlags()).containsExactly(Map.entry("remote-multivariate", FlagValue.variant("test")),
                    Map.entry("remote-boolean", FlagValue.ON), Map.entry("remote-off", FlagValue.OFF));
            assertThat(all.featureFlagPayloads()).containsExactly(Map.entry("remote-multivariate", Map.of("source", "golden-wire")));
            ph.flush();
        });
    }

    @Test
    void secondIdenticalIsFeatureEnabledSendsNoSecondEvent() throws Exception {
        check("isFeatureEnabled-remote-twice.json", remoteClient(), ph -> {
            assertThat(ph.isFeatureEnabled("remote-boolean", "user-1")).isTrue();
            assertThat(ph.isFeatureEnabled("remote-boolean", "user-1")).isTrue();
            ph.flush();
        });
    }

    @Test
    void locallyEvaluatedFlagMatchesNode() throws Exception {
        check("local-evaluation.json", remoteClient().personalApiKey("phx_golden_personal"), ph -> {
            FlagValue v = ph.getFeatureFlag("local-flag", "user-1", FlagOptions.builder().personProperty("plan", "pro").build());
            assertThat(v).isEqualTo(FlagValue.ON);
            ph.flush();
        });
    }

    private PostHogOptions.Builder remoteClient() {
        return PostHog.builder(KEY).host(server.baseUrl()).httpTransport(httpTransport).sendMode(SendMode.BUFFERED).maxRetries(0)
                .flagDefinitionsCacheEnabled(false).flagDefinitionsResourceEnabled(false);
    }

    private JsonNode check(String fixture, PostHogOptions.Builder options, Consumer<PostHog> calls) throws Exception {
        JsonNode golden;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/golden-wire/" + fixture)) {
            golden = JSON.readTree(in);
        }
        JsonNode theirs = golden.get("requests");
        for (JsonNode r : theirs) {
            String body = JSON.writeValueAsString(r.get("response").get("body"));
            var response = aResponse().withStatus(r.get("response").get("status").asInt()).withBody(body);
            if (r.get("method").asText().equals("GET")) {
                server.stubFor(get(urlPathEqualTo(r.get("path").asText())).willReturn(response));
            } else {
                server.stubFor(post(urlPathEqualTo(r.get("path").asText())).willReturn(response));
            }
        }
        try (PostHog ph = options.build()) {
            calls.accept(ph);
        }
        List<LoggedRequest> ours = server.findAll(anyRequestedFor(anyUrl()));
        assertThat(ours).as("requests made").hasSize(theirs.size());
        for (int i = 0; i < ours.size(); i++) {
            compareRequest(ours.get(i), theirs.get(i));
        }
        return golden;
    }

    private static void compareRequest(LoggedRequest ours, JsonNode node) throws Exception {
        assertThat(ours.getMethod().getName()).isEqualTo(node.get("method").asText());
        assertThat(ours.getUrl()).isEqualTo(node.get("path").asText() + node.get("rawQuery").asText());
        JsonNode h = node.get("headers");
        assertThat(ours.getHeader("Content-Type")).isEqualTo(h.get("content-type").asText());
        assertThat(ours.containsHeader("Content-Encoding")).isEqualTo(h.has("content-encoding"));
        assertThat(ours.containsHeader("Authorization")).isEqualTo(h.has("authorization"));
        if (h.has("authorization")) {
            assertThat(ours.getHeader("Authorization")).isEqualTo("Bearer phx_golden_personal");
        }
        assertThat(ours.getHeader("User-Agent")).isEqualTo(LibraryInfo.USER_AGENT);
        JsonNode expected = node.get("body");
        if (expected.isNull()) {
            assertThat(ours.getBody()).isEmpty();
            return;
        }
        JsonNode body = JSON.readTree(ours.getBodyAsString());
        if (!body.has("batch")) {
            assertThat(fieldNames(body)).as("/flags body fields").containsExactlyInAnyOrderElementsOf(fieldNames(expected));
            assertThat(body).as("/flags body").isEqualTo(expected);
            return;
        }
        assertThat(body.get("api_key")).isEqualTo(expected.get("api_key"));
        JsonNode batch = body.get("batch");
        JsonNode expectedBatch = expected.get("batch");
        assertThat(batch.size()).isEqualTo(expectedBatch.size());
        for (int i = 0; i < batch.size(); i++) {
            ObjectNode props = ((ObjectNode) batch.get(i).get("properties")).deepCopy();
            ObjectNode expectedProps = ((ObjectNode) expectedBatch.get(i).get("properties")).deepCopy();
            assertThat(batch.get(i).get("event")).isEqualTo(expectedBatch.get(i).get("event"));
            assertThat(batch.get(i).get("distinct_id")).isEqualTo(expectedBatch.get(i).get("distinct_id"));
            assertThat(props.get("$lib").asText()).isEqualTo("edgehog-java");
            assertThat(fieldNames(props)).as("property order").isEqualTo(fieldNames(expectedProps));
            for (String timeField : List.of("$feature_flag_evaluated_at", "$feature_flag_definitions_loaded_at")) {
                if (expectedProps.has(timeField)) {
                    assertThat(props.get(timeField).isIntegralNumber()).as(timeField).isTrue();
                    assertThat(props.get(timeField).asLong()).as(timeField).isGreaterThan(1_700_000_000_000L);
                    props.remove(timeField);
                    expectedProps.remove(timeField);
                }
            }
            props.remove(List.of("$lib", "$lib_version"));
            expectedProps.remove(List.of("$lib", "$lib_version"));
            assertThat(props).as("properties").isEqualTo(expectedProps);
        }
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
