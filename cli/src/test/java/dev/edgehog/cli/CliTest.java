// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    static final String DEFINITIONS = """
            {"flags": [
              {"id": 1, "key": "beta", "active": true, "filters": {
                "groups": [{"properties": [{"key": "email", "operator": "icontains", "value": "@acme.com", "type": "person"}],
                            "rollout_percentage": 100}],
                "payloads": {"true": "{\\"color\\": \\"blue\\"}"}}},
              {"id": 2, "key": "checkout", "active": true, "filters": {
                "groups": [{"properties": [{"key": "plan", "operator": "exact", "value": ["team"], "type": "person"}],
                            "rollout_percentage": 100, "variant": "new"}],
                "multivariate": {"variants": [{"key": "old", "rollout_percentage": 50}, {"key": "new", "rollout_percentage": 50}]},
                "payloads": {"new": "[1, 2.5]"}}},
              {"id": 3, "key": "retired", "active": false, "filters": {"groups": [{"rollout_percentage": 100}]}},
              {"id": 4, "key": "big-company", "active": true, "filters": {
                "aggregation_group_type_index": 0,
                "groups": [{"properties": [{"key": "seats", "operator": "gt", "value": "10", "type": "group", "group_type_index": 0}],
                            "rollout_percentage": 100}]}}
            ],
            "group_type_mapping": {"0": "company"},
            "cohorts": {}}
            """;

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-15T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    record Outcome(int exitCode, String stdout, String stderr) {
        List<String> lines() {
            return stdout.lines().toList();
        }
    }

    static Outcome cli(InputStream stdin, String... args) {
        return cliWith(Map.of(), CLOCK, stdin, args);
    }

    static Outcome cliWith(Map<String, String> env, Clock clock, InputStream stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(args, stdin, new PrintStream(out, false, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), clock, env);
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Outcome cli(String... args) {
        return cli(InputStream.nullInputStream(), args);
    }

    Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(String line) throws Json.SyntaxError {
        return (Map<String, Object>) Json.parse(line.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void answersKeyedRequestsWithValuePayloadAndReasonInRequestOrder() throws Exception {
        Path defs = file("defs.json", DEFINITIONS);
        Path requests = file("requests.jsonl", """
                {"key": "beta", "distinctId": "u1", "personProperties": {"email": "ann@ACME.com"}}
                {"key": "checkout", "distinctId": "u2", "personProperties": {"plan": "team"}}
                {"key": "beta", "distinctId": "u3", "personProperties": {"email": "bob@example.com"}}
                {"key": "retired", "distinctId": "u4"}
                """);

        Outcome o = cli("flags", "eval", "--definitions", defs.toString(), "--requests", requests.toString());

        assertThat(o.exitCode()).isZero();
        assertThat(o.stderr()).isEmpty();
        assertThat(o.lines()).containsExactly(
                "{\"key\":\"beta\",\"distinctId\":\"u1\",\"value\":true,\"payload\":{\"color\":\"blue\"},"
                        + "\"reason\":\"CONDITION_MATCH[0]: condition 0 matched\"}",
                "{\"key\":\"checkout\",\"distinctId\":\"u2\",\"value\":\"new\",\"payload\":[1,2.5],"
                        + "\"reason\":\"CONDITION_MATCH[0]: condition 0 matched\"}",
                "{\"key\":\"beta\",\"distinctId\":\"u3\",\"value\":false,\"payload\":null,"
                        + "\"reason\":\"NO_CONDITION_MATCH: no condition matched\"}",
                "{\"key\":\"retired\",\"distinctId\":\"u4\",\"value\":false,\"payload\":null,"
                        + "\"reason\":\"FLAG_INACTIVE: flag is inactive\"}");
    }

    @Test
    void givesNullValueWithTheCauseWhenAFlagCannotBeDecidedLocally() throws Exception {
        Path defs = file("defs.json", DEFINITIONS);
        Path requests = file("requests.jsonl", """
                {"key": "beta", "distinctId": "u1"}
                {"key": "no-such-flag", "distinctId": "u1"}
                """);

        Outcome o = cli("flags", "eval", "--definitions", defs.toString(), "--requests", requests.toString());

        assertThat(o.exitCode()).isZero();
        Map<String, Object> missing = json(o.lines().get(0));
        assertThat(missing).containsEntry("value", null).containsEntry("payload", null);
        assertThat((String) missing.get("reason")).startsWith("MISSING_CONTEXT");
        Map<String, Object> unknown = json(o.lines().get(1));
        assertThat(unknown).containsEntry("key", "no-such-flag").containsEntry("value", null);
        assertThat((String) unknown.get("reason")).startsWith("FLAG_NOT_FOUND");
    }

    @Test
    void evaluatesGroupFlagsWithGroupsAndGroupProperties() throws Exception {
        Path defs = file("defs.json", DEFINITIONS);
        Path requests = file("requests.jsonl", """
                {"key": "big-company", "distinctId": "u1", "groups": {"company": "acme"}, "groupProperties": {"company": {"seats": 40}}}
                {"key": "big-company", "distinctId": "u1", "groups": {"company": "tiny"}, "groupProperties": {"company": {"seats": 3}}}
                {"key": "big-company", "distinctId": "u1"}
                """);

        Outcome o = cli("flags", "eval", "--definitions", defs.toString(), "--requests", requests.toString());

        assertThat(o.exitCode()).isZero();
        assertThat(o.lines()).extracting(l -> json(l).get("value")).containsExactly(true, false, false);
        assertThat((String) json(o.lines().get(2)).get("reason")).startsWith("NO_GROUP");
    }

    @Test
    void answersAKeylessRequestWithEveryLocallyDecidableFlagAndPayload() throws Exception {
        Path defs = file("defs.json", DEFINITIONS);
        Path requests = file("requests.jsonl", """
                {"distinctId": "u1", "personProperties": {"email": "ann@acme.com"}}
                """);

        Outcome o = cli("flags", "eval", "--definitions", defs.toString(), "--requests", requests.toString());

        assertThat(o.exitCode()).isZero();
        // checkout needs "plan", which is not given: it cannot be decided locally, so it is absent.
        assertThat(o.lines()).containsExactly("{\"distinctId\":\"u1\","
                + "\"flags\":{\"beta\":true,\"retired\":false,\"big-company\":false},"
                + "\"payloads\":{\"beta\":{\"color\":\"blue\"}}}");
    }

    @Test
    void readsRequestsFromStandardInputWhenNoFileIsGiven() throws Exception {
        Path defs = file("defs.json", DEFINITIONS);
        InputStream stdin = new ByteArrayInputStream("""
                {"key": "checkout", "distinctId": "u9", "personProperties": {"plan": "TEAM"}}

                {"key": "checkout", "distinctId": "u9", "personProperties": {"plan": "solo"}}
                """.getBytes(StandardCharsets.UTF_8));

        Outcome o = cli(stdin, "flags", "eval", "--definitions=" + defs);

        assertThat(o.exitCode()).isZero();
        assertThat(o.lines()).extracting(l -> json(l).get("value")).containsExactly("new", false);
    }

    @Test
    void acceptsAnEdgehogSnapshotAsTheDefinitionsFile() throws Exception {
        Path snapshot = file("snapshot.json", "{\"edgehog_snapshot\": 1, \"project\": \"00112233aabbccdd\", "
                + "\"fetched_at\": 1795786851094, \"etag\": \"W/\\\"abc\\\"\", \"definitions\": " + DEFINITIONS + "}");
        Path requests = file("requests.jsonl", "{\"key\": \"retired\", \"distinctId\": \"u1\"}\n");

        Outcome o = cli("flags", "eval", "--definitions", snapshot.toString(), "--requests", requests.toString());

        assertThat(o.exitCode()).isZero();
        assertThat(json(o.lines().get(0))).containsEntry("value", false);
    }

    @Test
    void acceptsAGzippedDefinitionsFile() throws Exception {
        Path gz = dir.resolve("defs.json.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(DEFINITIONS.getBytes(StandardCharsets.UTF_8));
        }
        Path requests = file("requests.jsonl", "{\"key\": \"checkout\", \"distinctId\": \"u1\", \"personProperties\": {\"plan\": \"team\"}}\n");

        Outcome o = cli("flags", "eval", "--definitions", gz.toString(), "--requests", requests.toString());

        assertThat(o.exitCode()).isZero();
        assertThat(json(o.lines().get(0))).containsEntry("value", "new");
    }

    @Test
    void answersTheGoodLinesAndReportsEachBadLineWithItsNumber() throws Exception {
        Path defs = file("defs.json", DEFINITIONS);
        Path requests = file("requests.jsonl", """
                {"key": "retired", "distinctId": "a"}
                [1, 2]
                {"key": "retired", "distinctId":
                {"key": "retired"}
                {"key": "retired", "distinct_id": "b"}
                {"key": "retired", "distinctId": "c"}
                """);

        Outcome o = cli("flags", "eval", "--definitions", defs.toString(), "--requests", requests.toString());

        assertThat(o.exitCode()).isEqualTo(1);
        List<String> lines = o.lines();
        assertThat(lines).hasSize(6);
        assertThat(json(lines.get(0))).containsEntry("distinctId", "a").containsEntry("value", false);
        assertThat(json(lines.get(1))).containsEntry("line", 2L)
                .containsEntry("error", "a request must be a JSON object, got an array");
        assertThat(json(lines.get(2))).containsEntry("line", 3L);
        assertThat((String) json(lines.get(2)).get("error")).startsWith("invalid JSON");
        assertThat(json(lines.get(3))).containsEntry("line", 4L).containsEntry("error", "\"distinctId\" is missing");
        assertThat(json(lines.get(4))).containsEntry("line", 5L);
        assertThat((String) json(lines.get(4)).get("error")).startsWith("unknown field \"distinct_id\"");
        assertThat(json(lines.get(5))).containsEntry("distinctId", "c").containsEntry("value", false);
        assertThat(o.stderr().lines().toList()).hasSize(4).allSatisfy(l -> assertThat(l).startsWith("edgehog: " + requests + ":"));
        assertThat(o.stderr()).contains(requests + ":2: a request must be a JSON object");
    }

    @Test
    void rejectsRequestFieldsOfTheWrongType() throws Exception {
        Path defs = file("defs.json", DEFINITIONS);
        Path requests = file("requests.jsonl", """
                {"key": 7, "distinctId": "a"}
                {"distinctId": "a", "groups": {"company": ["x"]}}
                {"distinctId": "a", "personProperties": "plan=team"}
                {"distinctId": "a", "groupProperties": {"company": 3}}
                {"distinctId": "  "}
                """);

        Outcome o = cli("flags", "eval", "--definitions", defs.toString(), "--requests", requests.toString());

        assertThat(o.exitCode()).isEqualTo(1);
        assertThat(o.lines()).extracting(l -> json(l).get("error")).containsExactly(
                "\"key\" must be a string, got a number",
                "\"groups\".\"company\" must be a string (the group key), got an array",
                "\"personProperties\" must be an object, got a string",
                "\"groupProperties\".\"company\" must be an object, got a number",
                "\"distinctId\" must be a non-blank string, got a string");
    }

    @Test
    void failsNamingTheFileAndPositionWhenTheDefinitionsAreNotJson() throws Exception {
        Path defs = file("defs.json", "{\"flags\": [\n  {\"key\": \"x\",, }\n]}");

        Outcome o = cli("flags", "eval", "--definitions", defs.toString(), "--requests", defs.toString());

        assertThat(o.exitCode()).isEqualTo(1);
        assertThat(o.stdout()).isEmpty();
        assertThat(o.stderr()).startsWith("edgehog: " + defs + ":2:").contains("invalid JSON");
    }

    @Test
    void failsWhenTheDefinitionsFileIsMissingOrNotADefinitionsDocument() throws Exception {
        Path notDefs = file("other.json", "{\"results\": []}");
        Path futureSnapshot = file("future.json", "{\"edgehog_snapshot\": 2, \"definitions\": {\"flags\": []}}");

        Outcome missing = cli("flags", "eval", "--definitions", dir.resolve("nope.json").toString());
        Outcome wrongShape = cli("flags", "eval", "--definitions", notDefs.toString());
        Outcome wrongFormat = cli("flags", "eval", "--definitions", futureSnapshot.toString());

        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.stderr()).contains("cannot read definitions file " + dir.resolve("nope.json"));
        assertThat(wrongShape.exitCode()).isEqualTo(1);
        assertThat(wrongShape.stderr()).contains(notDefs + ": not a flag definitions document").contains("\"flags\"");
        assertThat(wrongFormat.exitCode()).isEqualTo(1);
        assertThat(wrongFormat.stderr()).contains(futureSnapshot + ": Edgehog snapshot format 2 is not supported");
    }

    @Test
    void failsNamingTheRequestsFileWhenItCannotBeRead() throws Exception {
        Path defs = file("defs.json", DEFINITIONS);

        Outcome o = cli("flags", "eval", "--definitions", defs.toString(), "--requests", dir.resolve("gone.jsonl").toString());

        assertThat(o.exitCode()).isEqualTo(1);
        assertThat(o.stdout()).isEmpty();
        assertThat(o.stderr()).contains("cannot read requests file " + dir.resolve("gone.jsonl"));
    }

    @Test
    void reportsUsageMistakesWithExitCodeTwo() {
        assertThat(cli()).satisfies(o -> assertThat(o.stderr()).contains("no command given"));
        assertThat(cli("flags", "eval")).satisfies(o -> {
            assertThat(o.exitCode()).isEqualTo(2);
            assertThat(o.stderr()).contains("flags eval needs --definitions <file>").contains("edgehog --help");
        });
        assertThat(cli("flags", "eval", "--definitions", "d.json", "--verbose").stderr()).contains("unknown option --verbose");
        assertThat(cli("flags", "eval", "--definitions").stderr()).contains("--definitions needs a file name");
        assertThat(cli("flags", "eval", "--definitions", "a", "--definitions", "b").stderr()).contains("--definitions given twice");
        assertThat(cli("flags", "list").stderr()).contains("unknown subcommand \"flags list\"");
        assertThat(cli("evaluate").stderr()).contains("unknown command \"evaluate\"");
        assertThat(List.of(cli(), cli("flags", "eval", "--definitions", "d.json", "extra"), cli("flags")))
                .allSatisfy(o -> {
                    assertThat(o.exitCode()).isEqualTo(2);
                    assertThat(o.stdout()).isEmpty();
                });
    }

    @Test
    void printsUsageForHelpAndTheVersionForVersion() throws Exception {
        Outcome help = cli("--help");
        Outcome commandHelp = cli("flags", "eval", "--help");
        Outcome version = cli("--version");

        assertThat(help.exitCode()).isZero();
        assertThat(help.stdout()).startsWith("Usage: edgehog flags eval [--definitions <file>]").contains("--explain")
                .contains("edgehog flags snapshot --out <file>").contains("POSTHOG_PERSONAL_API_KEY");
        assertThat(commandHelp.exitCode()).isZero();
        assertThat(commandHelp.stdout()).isEqualTo(help.stdout());
        assertThat(version.exitCode()).isZero();
        assertThat(version.stdout().strip()).isEqualTo("edgehog " + projectVersion());
    }

    @Test
    void explainTracesEachConditionAndTheFilterThatDecided() throws Exception {
        Path defs = file("defs.json", DEFINITIONS);
        Path requests = file("requests.jsonl", """
                {"key": "beta", "distinctId": "u1", "personProperties": {"email": "bob@example.com"}}
                {"key": "checkout", "distinctId": "u2", "personProperties": {"plan": "team"}}
                """);

        Outcome o = cli("flags", "eval", "--definitions", defs.toString(), "--requests", requests.toString(), "--explain");

        assertThat(o.exitCode()).isZero();
        assertThat(o.stdout()).startsWith("""
                flag "beta" for distinct id "u1" (line 1)
                  [note] bucketing: by distinct id "u1"
                  condition 0
                    [fail] email icontains "@acme.com": email is "bob@example.com"
                    [fail] condition: a filter did not match
                  value: false
                  reason: NO_CONDITION_MATCH: no condition matched

                flag "checkout" for distinct id "u2" (line 2)
                  [note] bucketing: by distinct id "u2"
                  condition 0
                    [pass] plan exact ["team"]: plan is "team"
                    [pass] rollout 100%: hash""");
        assertThat(o.stdout()).contains("""
                    [pass] condition: matched
                    [note] variant: "new", the condition's override
                  value: "new"
                  payload: [1,2.5]
                  reason: CONDITION_MATCH[0]: condition 0 matched
                """);
    }

    @Test
    void explainSaysWhichPropertyIsMissingWhenAFlagCannotBeDecided() throws Exception {
        Path defs = file("defs.json", DEFINITIONS);
        InputStream stdin = new ByteArrayInputStream("{\"key\": \"beta\", \"distinctId\": \"u3\"}\n"
                .getBytes(StandardCharsets.UTF_8));

        Outcome o = cli(stdin, "flags", "eval", "--explain", "--definitions", defs.toString());

        assertThat(o.exitCode()).isZero();
        assertThat(o.stdout()).contains("[undecided] email icontains \"@acme.com\": email was not provided")
                .contains("value: null (cannot be decided locally")
                .contains("reason: MISSING_CONTEXT");
    }

    @Test
    void explainNeedsAKeyInEachRequest() throws Exception {
        Path defs = file("defs.json", DEFINITIONS);
        Path requests = file("requests.jsonl", """
                {"distinctId": "u1"}
                {"key": "retired", "distinctId": "u1"}
                """);

        Outcome o = cli("flags", "eval", "--definitions", defs.toString(), "--requests", requests.toString(), "--explain");

        assertThat(o.exitCode()).isEqualTo(1);
        assertThat(o.stdout()).startsWith("line 1: error: --explain traces one flag: the request needs a \"key\"\n")
                .contains("flag \"retired\" for distinct id \"u1\" (line 2)\n  [fail] active: the flag is inactive");
        assertThat(o.stderr()).contains(requests + ":1: --explain traces one flag");
    }

    /** The project version, passed in by Maven (not taken from the code under test). */
    static String projectVersion() {
        String version = System.getProperty("edgehog.project.version");
        assertThat(version).as("system property edgehog.project.version").isNotBlank();
        return version;
    }
}
