// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code flags eval} end to end against answers recorded from posthog-node 5.70.0 (core's
 * scenario fixtures: holdouts, cohorts, dependencies, group and mixed flags, early exit,
 * payloads): the CLI must print node's value and payload for every flag, and node's
 * all-flags map for every person (maps compared as maps: key order is not part of the answer).
 */
class FlagsEvalTest {
    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("unchecked")
    void answersAsPosthogNodeDoesForTheRecordedScenarios() throws Exception {
        Path fixtures = Path.of(System.getProperty("edgehog.flags.fixtures"));
        List<Object> scenarioRequests = (List<Object>) parse(Files.readString(fixtures.resolve("scenarios-requests.json")));
        List<Map<String, Object>> nodeAnswers = new ArrayList<>();
        for (String line : Files.readAllLines(fixtures.resolve("scenarios-posthog-node-5.70.0.jsonl"))) {
            nodeAnswers.add((Map<String, Object>) parse(line));
        }
        StringBuilder requests = new StringBuilder();
        List<List<Object>> expected = new ArrayList<>();
        for (int i = 0; i < scenarioRequests.size(); i++) {
            Map<String, Object> scenario = (Map<String, Object>) scenarioRequests.get(i);
            Map<String, Object> node = nodeAnswers.get(i);
            assertThat(node.get("request")).isEqualTo((long) i);
            Map<String, Object> base = new LinkedHashMap<>(scenario);
            List<String> keys = (List<String>) base.remove("keys");
            requests.append(Json.text(base)).append('\n');
            Map<String, Object> all = (Map<String, Object>) node.get("all");
            expected.add(Arrays.asList("all", base.get("distinctId"), all.get("flags"), all.get("payloads")));
            Map<String, Object> singles = (Map<String, Object>) node.get("single");
            for (String key : keys) {
                Map<String, Object> keyed = new LinkedHashMap<>(base);
                keyed.put("key", key);
                requests.append(Json.text(keyed)).append('\n');
                Map<String, Object> answer = (Map<String, Object>) singles.get(key);
                Object value = answer == null ? null
                        : answer.get("variant") != null ? answer.get("variant") : answer.get("enabled");
                expected.add(Arrays.asList(key, base.get("distinctId"), value, answer == null ? null : answer.get("payload")));
            }
        }
        Path defs = fixtures.resolve("scenarios-definitions.json");
        Path requestsFile = Files.writeString(dir.resolve("requests.jsonl"), requests);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(new String[] {"flags", "eval", "--definitions", defs.toString(), "--requests", requestsFile.toString()},
                InputStream.nullInputStream(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Clock.systemUTC(), Map.of());

        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(code).isZero();
        List<List<Object>> actual = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).lines().toList()) {
            Map<String, Object> answer = (Map<String, Object>) parse(line);
            actual.add(answer.containsKey("key")
                    ? Arrays.asList(answer.get("key"), answer.get("distinctId"), answer.get("value"), answer.get("payload"))
                    : Arrays.asList("all", answer.get("distinctId"), answer.get("flags"), answer.get("payloads")));
        }
        assertThat(actual).hasSize(expected.size()).isEqualTo(expected);
    }

    private static Object parse(String text) throws Json.SyntaxError {
        return Json.parse(text.getBytes(StandardCharsets.UTF_8));
    }
}
