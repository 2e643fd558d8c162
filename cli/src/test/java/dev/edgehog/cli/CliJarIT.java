// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the built, self-contained jar in a child JVM, exactly as the README tells users to. */
class CliJarIT {
    @TempDir
    Path dir;

    record Run(int exitCode, String stdout, String stderr) {}

    Run java(String stdin, String... args) throws IOException, InterruptedException {
        return java(Map.of(), stdin, args);
    }

    Run java(Map<String, String> env, String stdin, String... args) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("edgehog.cli.jar"));
        assertThat(jar).isRegularFile();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().keySet().removeIf(name -> name.startsWith("POSTHOG_"));
        pb.environment().putAll(env);
        Process p = pb.start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the jar exits").isTrue();
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void theJarEvaluatesRequestsFromStandardInputWithNothingElseOnTheClassPath() throws Exception {
        Path defs = Files.writeString(dir.resolve("defs.json"), CliTest.DEFINITIONS);

        Run run = java("{\"key\": \"checkout\", \"distinctId\": \"u1\", \"personProperties\": {\"plan\": \"team\"}}\n",
                "flags", "eval", "--definitions", defs.toString());

        assertThat(run.stderr()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).isEqualTo("{\"key\":\"checkout\",\"distinctId\":\"u1\",\"value\":\"new\","
                + "\"payload\":[1,2.5],\"reason\":\"CONDITION_MATCH[0]: condition 0 matched\"}\n");
    }

    @Test
    void theJarDownloadsASnapshotWithKeysFromItsEnvironment() throws Exception {
        WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        try {
            server.stubFor(get(urlPathEqualTo("/flags/definitions")).withHeader("Authorization", equalTo("Bearer phx_jar_it"))
                    .withQueryParam("token", equalTo("phc_jar_it")).willReturn(okJson(CliTest.DEFINITIONS).withHeader("ETag", "\"j1\"")));
            Path out = dir.resolve("flag-definitions.json");

            Run run = java(Map.of("POSTHOG_PERSONAL_API_KEY", "phx_jar_it", "POSTHOG_API_KEY", "phc_jar_it",
                    "POSTHOG_HOST", server.baseUrl()), "", "flags", "snapshot", "--out", out.toString());

            assertThat(run.exitCode()).as(run.stderr()).isZero();
            assertThat(run.stderr()).isEqualTo("edgehog: wrote 4 flags (ETag \"j1\", " + Files.size(out)
                    + " bytes, snapshot) to " + out + "\n");
            assertThat(Files.readString(out)).startsWith("{\"edgehog_snapshot\":1,").contains("\"etag\":\"\\\"j1\\\"\"");
        } finally {
            server.stop();
        }
    }

    @Test
    void theJarPrintsItsVersion() throws Exception {
        Run run = java("", "--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout().strip()).isEqualTo("edgehog " + CliTest.projectVersion());
    }
}
