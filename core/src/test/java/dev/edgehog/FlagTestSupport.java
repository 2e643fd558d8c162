// SPDX-License-Identifier: Apache-2.0
package dev.edgehog;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Shared helpers for the flag-client tests. */
final class FlagTestSupport {
    static final String KEY = "phc_flags_test_project";
    static final String PERSONAL = "phx_flags_test_personal";
    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant START = Instant.parse("2026-11-27T10:00:00Z");

    /** "always-on": 100 % for everyone; "plan-flag": on for plan=team (undecidable without plan). */
    static final String DEFINITIONS = """
            {"flags": [
              {"id": 1, "key": "always-on", "active": true,
               "filters": {"groups": [{"properties": [], "rollout_percentage": 100}], "payloads": {"true": "{\\"a\\":1}"}}},
              {"id": 2, "key": "plan-flag", "active": true,
               "filters": {"groups": [{"properties": [{"key": "plan", "type": "person", "operator": "exact", "value": ["team"]}],
                                       "rollout_percentage": 100}]}}
            ], "group_type_mapping": {}, "cohorts": {}}""";

    /** Like {@link #DEFINITIONS} but "always-on" is switched off (a newer version). */
    static final String DEFINITIONS_V2 = DEFINITIONS.replace("\"key\": \"always-on\", \"active\": true",
            "\"key\": \"always-on\", \"active\": false");

    private FlagTestSupport() {}

    static String remoteFlags(String key, boolean enabled, String variant) {
        return "{\"flags\": {\"" + key + "\": {\"key\": \"" + key + "\", \"enabled\": " + enabled + ", \"variant\": "
                + (variant == null ? "null" : "\"" + variant + "\"")
                + ", \"reason\": {\"code\": \"condition_match\", \"condition_index\": 0, \"description\": \"Matched condition set 1\"},"
                + " \"metadata\": {\"id\": 99, \"version\": 4, \"payload\": null}}},"
                + " \"errorsWhileComputingFlags\": false, \"requestId\": \"req-1\"}";
    }

    static String snapshot(String definitions, String etag, Instant fetchedAt, String projectKey) {
        return "{\"edgehog_snapshot\": 1, \"project\": \"" + dev.edgehog.internal.snapshot.SnapshotFiles.projectTag(projectKey)
                + "\", \"fetched_at\": " + fetchedAt.toEpochMilli() + ", \"etag\": "
                + (etag == null ? "null" : "\"" + etag.replace("\"", "\\\"") + "\"") + ", \"definitions\": " + definitions + "}";
    }

    static PostHogOptions.Builder client(WireMockExtension server, MutableClock clock) {
        return PostHog.builder(KEY).host(server.baseUrl()).personalApiKey(PERSONAL).sendMode(SendMode.BUFFERED)
                .maxRetries(0).retryDelay(Duration.ofMillis(1)).clock(clock)
                .flagDefinitionsCacheEnabled(false).flagDefinitionsResourceEnabled(false);
    }

    static List<LoggedRequest> definitionRequests(WireMockExtension server) {
        return server.findAll(getRequestedFor(urlPathEqualTo("/flags/definitions")));
    }

    static List<LoggedRequest> flagsRequests(WireMockExtension server) {
        return server.findAll(postRequestedFor(urlPathEqualTo("/flags/")));
    }

    static List<LoggedRequest> allRequests(WireMockExtension server) {
        return server.findAll(anyRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.anyUrl()));
    }

    /** The events of every {@code /batch/} request, in order. */
    static List<JsonNode> events(WireMockExtension server) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (LoggedRequest r : server.findAll(postRequestedFor(urlPathEqualTo("/batch/")))) {
            for (JsonNode e : JSON.readTree(r.getBodyAsString()).get("batch")) {
                out.add(e);
            }
        }
        return out;
    }

    /** Collects the records of the {@code edgehog.flags} logger while open. */
    static final class LogCapture extends Handler implements AutoCloseable {
        final List<LogRecord> records = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final Logger logger = Logger.getLogger("edgehog.flags");

        LogCapture() {
            logger.addHandler(this);
        }

        List<String> warnings() {
            List<String> out = new ArrayList<>();
            for (LogRecord r : records) {
                if (r.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
                    out.add(java.text.MessageFormat.format(r.getMessage(), r.getParameters() == null ? new Object[0] : r.getParameters()));
                }
            }
            return out;
        }

        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {
            logger.removeHandler(this);
        }
    }
}
