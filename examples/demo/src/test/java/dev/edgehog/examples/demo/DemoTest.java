// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the demo's own logic against a {@link PostHogStandIn} and checks what arrived, and how
 * the demo reports it.
 */
class DemoTest {
    /** The default run (the demo's own stand-in), made once: every test below reads it. */
    private static int standInStatus;
    private static List<RecordedRequest> standInRequests;
    private static String standInOutput;

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    @BeforeAll
    static void runTheDemoAgainstItsStandIn() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PostHogStandIn standIn = PostHogStandIn.start()) {
            standInStatus = Demo.runWithStandIn(standIn, new PrintStream(bytes, true, StandardCharsets.UTF_8));
            standInRequests = standIn.requests();
        }
        standInOutput = bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void standInReceivesOneEventPerImmediateCallAndBatchesOfTenTenFive() {
        assertThat(standInStatus).isZero();
        assertThat(standInRequests).extracting(r -> r.events().size()).containsExactly(1, 1, 1, 1, 1, 10, 10, 5);
        assertThat(standInRequests).extracting(RecordedRequest::phase).containsExactly(
                "immediate", "immediate", "immediate", "immediate", "immediate", "buffered", "buffered", "buffered");
        assertThat(countByName(standInRequests)).isEqualTo(new TreeMap<>(Map.of(
                "signed up", 1L, "$identify", 1L, "$create_alias", 1L, "$groupidentify", 1L,
                "$exception", 1L, "page viewed", 25L)));
    }

    @Test
    void everyRequestIsGzippedAndCarriesTheLibraryIdentityAndKey() {
        assertThat(standInRequests).isNotEmpty().allSatisfy(r -> {
            assertThat(r.contentEncoding()).isEqualTo("gzip");
            assertThat(r.userAgent()).startsWith("edgehog-java/");
            assertThat(r.apiKey()).isEqualTo(Demo.STAND_IN_KEY);
            assertThat(r.wireBytes()).isPositive().isNotEqualTo(r.jsonBytes());
            assertThat(r.events()).allSatisfy(e -> assertThat(properties(e))
                    .containsEntry("$lib", "edgehog-java").containsEntry("$geoip_disable", true));
        });
    }

    @Test
    void immediateCallsSendTheShapesOfIdentifyAliasGroupAndException() {
        List<Map<String, Object>> events = new ArrayList<>();

        standInRequests.subList(0, 5).forEach(r -> events.addAll(r.events()));

        assertThat(properties(events.get(0))).containsEntry("plan", "pro").containsEntry("seats", 3L);
        assertThat(properties(events.get(1))).containsEntry("$set", Map.of("email", "ada@example.com", "plan", "pro"))
                .containsEntry("$set_once", Map.of("first_seen", "2026-01-15"));
        assertThat(properties(events.get(2))).containsEntry("alias", "anon-7f3a91")
                .containsEntry("distinct_id", Walkthrough.USER);
        assertThat(properties(events.get(3))).containsEntry("$group_type", "company")
                .containsEntry("$group_key", "acme");
        List<Object> exceptionTypes = new ArrayList<>();
        for (Object entry : (List<?>) properties(events.get(4)).get("$exception_list")) {
            exceptionTypes.add(((Map<?, ?>) entry).get("type"));
        }
        assertThat(exceptionTypes).containsExactly("IllegalStateException", "NumberFormatException");
    }

    @Test
    void invalidCaptureIsDroppedWithAWarningAndReportedToTheListener() {
        assertThat(standInOutput).contains(
                "! WARNING edgehog.capture: captureImmediate: distinct id is null; the call was dropped.",
                "! errorListener: INVALID_ARGUMENT, 1 event(s)",
                "-> dropped 1, nothing sent (INVALID_ARGUMENT)",
                "immediate client: accepted 5, delivered 5, failed 0, dropped as invalid 1, requests 5");
    }

    @Test
    void reportListsEachRequestWithItsSizesAndShowsOneEventInFull() {
        RecordedRequest last = standInRequests.get(7);

        String row = String.format("   %2d  %-9s  %6d  %-30s  %8s  %8s%n", 8, "buffered", 5, "page viewed x5",
                last.wireBytes() + " B", last.jsonBytes() + " B");

        assertThat(standInOutput).contains(
                "3. What the stand-in received: 8 requests to POST /batch/",
                row,
                "Content-Encoding gzip (every request)",
                "\"$lib\": \"edgehog-java\"",
                "\"event\": \"signed up\"",
                "uuid version 7");
    }

    @Test
    void sendsToPosthogHostInsteadOfAStandInWhenItIsSet() throws Exception {
        try (PostHogStandIn host = PostHogStandIn.start()) {
            Map<String, String> env = Map.of("POSTHOG_HOST", host.uri().toString(), "POSTHOG_API_KEY", "phc_from_env");

            int status = Demo.run(env, out, err);

            assertThat(status).isZero();
            assertThat(host.requests()).hasSize(8).allSatisfy(r -> assertThat(r.apiKey()).isEqualTo("phc_from_env"));
            assertThat(output()).contains("sending to " + host.uri(), "Delivered 30 of 30 events")
                    .doesNotContain("stand-in at", "phc_from_env");
        }
    }

    @Test
    void exitsWithOneAndStopsWhenTheHostRefusesTheFirstEvent() throws Exception {
        try (PostHogStandIn host = PostHogStandIn.start(401)) {
            Map<String, String> env = Map.of("POSTHOG_HOST", host.uri().toString(), "POSTHOG_API_KEY", "phc_wrong");

            int status = Demo.run(env, out, err);

            assertThat(status).isEqualTo(1);
            assertThat(host.requests()).hasSize(1);
            assertThat(output()).contains("-> failed 1 in 1 request (DELIVERY_FAILED)", "the demo stops here",
                    "Delivered 0 of 30 events");
        }
    }

    @Test
    void exitsWithTwoAndSaysWhatIsMissingWhenTheHostHasNoApiKey() {
        Map<String, String> env = Map.of("POSTHOG_HOST", "http://127.0.0.1:9");

        int status = Demo.run(env, out, err);

        assertThat(status).isEqualTo(2);
        assertThat(errBytes.toString(StandardCharsets.UTF_8)).contains("POSTHOG_API_KEY is not");
        assertThat(output()).isEmpty();
    }

    private String output() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Map<String, Object> event) {
        return (Map<String, Object>) event.get("properties");
    }

    private static Map<String, Long> countByName(List<RecordedRequest> requests) {
        Map<String, Long> counts = new TreeMap<>();
        for (RecordedRequest r : requests) {
            for (String name : r.eventNames()) {
                counts.merge(name, 1L, Long::sum);
            }
        }
        return counts;
    }
}
