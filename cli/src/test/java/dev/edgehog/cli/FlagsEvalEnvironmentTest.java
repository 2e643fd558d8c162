// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.cli;

import static dev.edgehog.cli.CliTest.CLOCK;
import static dev.edgehog.cli.CliTest.DEFINITIONS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.edgehog.cli.CliTest.Outcome;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code flags eval} without {@code --definitions}: the definitions come from {@code
 * POSTHOG_FLAG_DEFINITIONS} (JSON, or base64 of gzipped JSON) or {@code
 * POSTHOG_FLAG_DEFINITIONS_FILE}, as the client reads them.
 */
class FlagsEvalEnvironmentTest {
    private static final String REQUEST = "{\"key\": \"checkout\", \"distinctId\": \"u2\", \"personProperties\": {\"plan\": \"team\"}}\n";
    private static final String ANSWER = "{\"key\":\"checkout\",\"distinctId\":\"u2\",\"value\":\"new\",\"payload\":[1,2.5],"
            + "\"reason\":\"CONDITION_MATCH[0]: condition 0 matched\"}";
    /** DEFINITIONS in Edgehog's snapshot wrapper (as flags snapshot writes it; the project is not checked offline). */
    private static final String SNAPSHOT = "{\"edgehog_snapshot\": 1, \"project\": \"0123456789abcdef\", \"fetched_at\": 1, "
            + "\"etag\": \"\\\"e\\\"\", \"definitions\": " + DEFINITIONS + "}";

    @TempDir
    Path dir;

    private static Outcome eval(Map<String, String> env, String... options) {
        String[] args = new String[options.length + 2];
        args[0] = "flags";
        args[1] = "eval";
        System.arraycopy(options, 0, args, 2, options.length);
        return CliTest.cliWith(env, CLOCK, new ByteArrayInputStream(REQUEST.getBytes(StandardCharsets.UTF_8)), args);
    }

    private static String base64Gzip(String json) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(json.getBytes(StandardCharsets.UTF_8));
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    @Test
    void readsRawJsonDefinitionsFromPosthogFlagDefinitions() {
        Outcome o = eval(Map.of("POSTHOG_FLAG_DEFINITIONS", DEFINITIONS));

        assertThat(o.exitCode()).isZero();
        assertThat(o.lines()).containsExactly(ANSWER);
        assertThat(o.stderr()).isEqualTo("edgehog: flag definitions from the environment variable POSTHOG_FLAG_DEFINITIONS\n");
    }

    @Test
    void readsBase64OfAGzippedSnapshotFromPosthogFlagDefinitions() throws Exception {
        Outcome o = eval(Map.of("POSTHOG_FLAG_DEFINITIONS", base64Gzip(SNAPSHOT) + "\n"));

        assertThat(o.exitCode()).as(o.stderr()).isZero();
        assertThat(o.lines()).containsExactly(ANSWER);
    }

    @Test
    void readsUrlSafeBase64OfPlainJsonAsTheClientDoes() {
        String urlSafe = Base64.getUrlEncoder().withoutPadding().encodeToString(DEFINITIONS.getBytes(StandardCharsets.UTF_8));

        Outcome o = eval(Map.of("POSTHOG_FLAG_DEFINITIONS", urlSafe));

        assertThat(o.exitCode()).as(o.stderr()).isZero();
        assertThat(o.lines()).containsExactly(ANSWER);
    }

    @Test
    void readsTheFileNamedByPosthogFlagDefinitionsFile() throws Exception {
        Path file = Files.writeString(dir.resolve("snapshot.json"), SNAPSHOT);

        Outcome o = eval(Map.of("POSTHOG_FLAG_DEFINITIONS_FILE", file.toString()));

        assertThat(o.exitCode()).isZero();
        assertThat(o.lines()).containsExactly(ANSWER);
        assertThat(o.stderr()).isEqualTo("edgehog: flag definitions from the environment variable "
                + "POSTHOG_FLAG_DEFINITIONS_FILE (" + file + ")\n");
    }

    @Test
    void posthogFlagDefinitionsComesBeforeTheFileVariable() {
        Outcome o = eval(Map.of("POSTHOG_FLAG_DEFINITIONS", DEFINITIONS,
                "POSTHOG_FLAG_DEFINITIONS_FILE", dir.resolve("absent.json").toString()));

        assertThat(o.exitCode()).isZero();
        assertThat(o.lines()).containsExactly(ANSWER);
    }

    @Test
    void theDefinitionsOptionWinsOverTheEnvironment() throws Exception {
        Path file = Files.writeString(dir.resolve("defs.json"), DEFINITIONS);

        Outcome o = eval(Map.of("POSTHOG_FLAG_DEFINITIONS", "not usable at all",
                "POSTHOG_FLAG_DEFINITIONS_FILE", dir.resolve("absent.json").toString()), "--definitions", file.toString());

        assertThat(o.exitCode()).isZero();
        assertThat(o.stderr()).isEmpty();
        assertThat(o.lines()).containsExactly(ANSWER);
    }

    @Test
    void unusableEnvironmentTextIsABadInputNamingTheVariable() throws Exception {
        Outcome notBase64 = eval(Map.of("POSTHOG_FLAG_DEFINITIONS", "not base64 *"));
        Outcome notDefinitions = eval(Map.of("POSTHOG_FLAG_DEFINITIONS", base64Gzip("{\"results\": []}")));
        Outcome truncated = eval(Map.of("POSTHOG_FLAG_DEFINITIONS", "{\"flags\": ["));

        assertThat(notBase64.exitCode()).isEqualTo(1);
        assertThat(notBase64.stderr()).contains("edgehog: environment variable POSTHOG_FLAG_DEFINITIONS is neither JSON nor base64");
        assertThat(notDefinitions.exitCode()).isEqualTo(1);
        assertThat(notDefinitions.stderr()).contains("edgehog: environment variable POSTHOG_FLAG_DEFINITIONS: not a flag "
                + "definitions document");
        assertThat(truncated.exitCode()).isEqualTo(1);
        assertThat(truncated.stderr()).contains("edgehog: environment variable POSTHOG_FLAG_DEFINITIONS:1:")
                .contains("invalid JSON");
        assertThat(notBase64.stdout() + notDefinitions.stdout() + truncated.stdout()).isEmpty();
    }

    @Test
    void withNeitherOptionNorVariableItIsAUsageError() {
        Outcome o = eval(Map.of("POSTHOG_FLAG_DEFINITIONS", "  ", "POSTHOG_FLAG_DEFINITIONS_FILE", ""));

        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.stderr()).contains("flags eval needs --definitions <file> (or the environment variable "
                + "POSTHOG_FLAG_DEFINITIONS or POSTHOG_FLAG_DEFINITIONS_FILE)");
    }
}
