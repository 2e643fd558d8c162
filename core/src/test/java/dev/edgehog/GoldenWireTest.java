// SPDX-License-Identifier: Apache-2.0
package dev.edgehog;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.edgehog.internal.LibraryInfo;
import java.io.InputStream;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Drives each event method the way the recording script drove posthog-node and checks our
 * request field by field against the recorded node request in {@code fixtures/golden-wire}.
 * The only intended differences are the library identity ({@code $lib}, {@code $lib_version},
 * User-Agent) and the values that change on every run (timestamps, generated uuids).
 */
@ParameterizedClass
@EnumSource(HttpTransport.class)
class GoldenWireTest {
    /** The built-in transport under test: every test runs against both. */
    @Parameter
    HttpTransport httpTransport;

    static final String KEY = "phc_golden_wire_project_token";
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    @BeforeEach
    void stub() {
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{\"status\":\"Ok\"}")));
    }

    @Test
    void captureMatchesNode() throws Exception {
        check("capture.json", buffered(), ph -> {
            ph.capture(Event.builder("button clicked").distinctId("user-1")
                    .property("color", "red").property("count", 3).property("nested", Map.of("a", List.of(1, 2))).build());
            ph.flush();
        });
    }

    @Test
    void captureWithOptionsMatchesNode() throws Exception {
        check("capture-options.json", buffered(), ph -> {
            ph.capture(Event.builder("order placed").distinctId("user-1")
                    .set(Map.of("plan", "pro")).setOnce(Map.of("first_seen", "2024-01-01"))
                    .property("amount", 12.5)
                    .groups(Map.of("company", "acme"))
                    .timestamp(Instant.parse("2024-05-06T07:08:09.123Z"))
                    .uuid("01890c3c-7e5a-7c3b-9d21-3a5f3c2b1a00")
                    .disableGeoip(true)
                    .build());
            ph.flush();
        });
    }

    @Test
    void threeCapturesGoOutAsOneBatch() throws Exception {
        check("capture-batch-of-three.json", buffered(), ph -> {
            for (int i = 0; i < 3; i++) {
                ph.capture("user-" + i, "page viewed", Map.of("i", i));
            }
            ph.flush();
        });
    }

    @Test
    void uncompressedCaptureMatchesNode() throws Exception {
        check("capture-uncompressed.json", buffered().gzip(false), ph -> {
            ph.capture("user-1", "plain event");
            ph.flush();
        });
    }

    @Test
    void captureImmediateMatchesNode() throws Exception {
        check("captureImmediate.json", buffered(), ph -> ph.captureImmediate("user-1", "immediate event", Map.of("fast", true)));
    }

    @Test
    void identifyMatchesNode() throws Exception {
        check("identify.json", buffered(), ph -> {
            ph.identify("user-1", Map.of("$set", Map.of("email", "user@example.com"),
                    "$set_once", Map.of("signup", "2024-01-01")));
            ph.flush();
        });
    }

    @Test
    void identifyImmediateMatchesNode() throws Exception {
        check("identifyImmediate.json", buffered(),
                ph -> ph.identifyImmediate(Identify.builder("user-1").set("email", "user@example.com").build()));
    }

    @Test
    void aliasMatchesNode() throws Exception {
        check("alias.json", buffered(), ph -> {
            ph.alias("user-1", "anon-123");
            ph.flush();
        });
    }

    @Test
    void aliasImmediateMatchesNode() throws Exception {
        check("aliasImmediate.json", buffered(), ph -> ph.aliasImmediate("user-1", "anon-123"));
    }

    @Test
    void groupIdentifyWithAndWithoutDistinctIdMatchesNode() throws Exception {
        check("groupIdentify.json", buffered(), ph -> {
            ph.groupIdentify(GroupIdentify.builder("company", "acme").property("name", "Acme").property("employees", 50).build());
            ph.groupIdentify(GroupIdentify.builder("company", "globex").property("name", "Globex").distinctId("user-1").build());
            ph.flush();
        });
    }

    @Test
    void groupIdentifyImmediateMatchesNode() throws Exception {
        check("groupIdentifyImmediate.json", buffered(),
                ph -> ph.groupIdentifyImmediate(GroupIdentify.builder("company", "acme").property("name", "Acme").build()));
    }

    @Test
    void immediateModeSendsEachCaptureAsItsOwnRequest() throws Exception {
        // IMMEDIATE (the default) makes capture() behave like captureImmediate(): same wire shape.
        check("captureImmediate.json", PostHog.builder(KEY).host(server.baseUrl()).httpTransport(httpTransport),
                ph -> ph.capture("user-1", "immediate event", Map.of("fast", true)));
    }

    private PostHogOptions.Builder buffered() {
        return PostHog.builder(KEY).host(server.baseUrl()).httpTransport(httpTransport).sendMode(SendMode.BUFFERED);
    }

    private void check(String fixture, PostHogOptions.Builder options, Consumer<PostHog> calls) throws Exception {
        JsonNode golden;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/golden-wire/" + fixture)) {
            golden = JSON.readTree(in);
        }
        try (PostHog ph = options.maxRetries(0).build()) {
            calls.accept(ph);
        }
        List<LoggedRequest> ours = server.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(anyUrl()));
        JsonNode theirs = golden.get("requests");
        assertThat(ours).as("requests made").hasSize(theirs.size());
        for (int i = 0; i < ours.size(); i++) {
            compareRequest(ours.get(i), theirs.get(i));
        }
    }

    private static void compareRequest(LoggedRequest ours, JsonNode node) throws Exception {
        assertThat(ours.getMethod().getName()).isEqualTo(node.get("method").asText());
        assertThat(ours.getUrl()).isEqualTo(node.get("path").asText() + (node.get("rawQuery").asText().isEmpty() ? "" : "?" + node.get("rawQuery").asText()));
        JsonNode h = node.get("headers");
        assertThat(ours.getHeader("Content-Type")).isEqualTo(h.get("content-type").asText());
        assertThat(ours.containsHeader("Content-Encoding")).isEqualTo(h.has("content-encoding"));
        if (h.has("content-encoding")) {
            assertThat(ours.getHeader("Content-Encoding")).isEqualTo(h.get("content-encoding").asText());
        }
        assertThat(ours.containsHeader("Authorization")).isEqualTo(h.has("authorization"));
        assertThat(h.get("user-agent").asText()).startsWith("posthog-node/");
        assertThat(ours.getHeader("User-Agent")).isEqualTo(LibraryInfo.USER_AGENT);

        // WireMock hands over the body already gunzipped (it fails the request if it is not gzip).
        JsonNode body = JSON.readTree(ours.getBodyAsString());
        JsonNode expected = node.get("body");
        assertThat(fieldNames(body)).as("batch body fields").containsExactlyInAnyOrderElementsOf(fieldNames(expected));
        assertThat(body.get("api_key")).isEqualTo(expected.get("api_key"));
        assertThat(body.get("sent_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        JsonNode batch = body.get("batch");
        JsonNode expectedBatch = expected.get("batch");
        assertThat(batch.size()).isEqualTo(expectedBatch.size());
        for (int i = 0; i < batch.size(); i++) {
            compareEvent(batch.get(i), expectedBatch.get(i));
        }
    }

    private static void compareEvent(JsonNode ours, JsonNode node) {
        assertThat(fieldNames(ours)).as("event fields").containsExactlyInAnyOrderElementsOf(fieldNames(node));
        assertThat(ours.get("event")).isEqualTo(node.get("event"));
        assertThat(ours.get("distinct_id")).isEqualTo(node.get("distinct_id"));

        ObjectNode props = ((ObjectNode) ours.get("properties")).deepCopy();
        ObjectNode expectedProps = ((ObjectNode) node.get("properties")).deepCopy();
        assertThat(props.get("$lib").asText()).isEqualTo("edgehog-java");
        assertThat(props.get("$lib_version").asText()).isEqualTo(LibraryInfo.VERSION);
        assertThat(expectedProps.get("$lib").asText()).isEqualTo("posthog-node");
        props.remove(List.of("$lib", "$lib_version"));
        expectedProps.remove(List.of("$lib", "$lib_version"));
        assertThat(props).as("properties of " + node.get("event")).isEqualTo(expectedProps);
        assertThat(fieldNames(ours.get("properties"))).as("property order").isEqualTo(fieldNames(node.get("properties")));

        String ts = node.get("timestamp").asText();
        if (ts.startsWith("2024-")) { // caller-supplied: must be passed through exactly
            assertThat(ours.get("timestamp").asText()).isEqualTo(ts);
        } else {
            assertThat(ours.get("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        }
        String uuid = node.get("uuid").asText();
        if (uuid.startsWith("01890c3c")) { // caller-supplied
            assertThat(ours.get("uuid").asText()).isEqualTo(uuid);
        } else {
            assertThat(ours.get("uuid").asText()).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        }
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new java.util.ArrayList<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
