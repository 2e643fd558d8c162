// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.flags;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Differential test against posthog-node 5.70.0 (run with {@code mvn -Pconformance verify}).
 *
 * <p>Generates cases with a fixed seed, has core/src/test/node/run-cases.js answer them with
 * posthog-node's public API ({@code onlyEvaluateLocally}, definitions from memory), evaluates the
 * same inputs in Java and reports every difference in value, payload or all-flags map.
 * System properties: {@code edgehog.conformance.seed}, {@code .cases}, {@code .requests},
 * {@code .nodeDir} (where the profile installed posthog-node).
 */
class NodeConformanceIT {
    @Test
    @SuppressWarnings("unchecked")
    void javaEvaluatorAgreesWithPosthogNode() throws Exception {
        long seed = Long.getLong("edgehog.conformance.seed", 20261127L);
        int randomCases = Integer.getInteger("edgehog.conformance.cases", 600);
        int requestsPerCase = Integer.getInteger("edgehog.conformance.requests", 40);
        Path nodeDir = Path.of(System.getProperty("edgehog.conformance.nodeDir", "target/conformance-node")).toAbsolutePath();
        Path script = Path.of("src/test/node/run-cases.js").toAbsolutePath();
        assertThat(nodeDir.resolve("node_modules/posthog-node/package.json"))
                .as("posthog-node must be installed by the conformance profile (mvn -Pconformance)").exists();
        Path work = Path.of("target/conformance").toAbsolutePath();
        Files.createDirectories(work);

        long t0 = System.nanoTime();
        ConformanceCases gen = new ConformanceCases(seed);
        List<Map<String, Object>> cases = new ArrayList<>(gen.edgeCases());
        for (int i = 0; i < randomCases; i++) {
            cases.add(gen.randomCase("random-" + i, requestsPerCase));
        }
        // Two node processes (the machines have two cores), each answering every other case.
        int workers = 2;
        List<Process> processes = new ArrayList<>();
        List<Path> answerFiles = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            List<Map<String, Object>> share = new ArrayList<>();
            for (int i = w; i < cases.size(); i += workers) {
                share.add(cases.get(i));
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("cases", share);
            Path casesFile = work.resolve("cases-" + w + ".json");
            Files.writeString(casesFile, TestJson.canonical(doc), StandardCharsets.UTF_8);
            Path answersFile = work.resolve("answers-" + w + ".jsonl");
            answerFiles.add(answersFile);
            ProcessBuilder pb = new ProcessBuilder("node", script.toString(), casesFile.toString(), answersFile.toString())
                    .directory(nodeDir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(work.resolve("node-stderr-" + w + ".txt").toFile());
            pb.environment().put("TZ", "UTC");
            processes.add(pb.start());
        }
        long t1 = System.nanoTime();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(8);
        for (int w = 0; w < workers; w++) {
            Process p = processes.get(w);
            boolean done = p.waitFor(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (!done) {
                processes.forEach(Process::destroyForcibly);
            }
            assertThat(done).as("node worker " + w + " finished within 8 minutes; its last answer is the last line of "
                    + answerFiles.get(w)).isTrue();
            assertThat(p.exitValue()).as("node worker " + w + " exit status; see node-stderr-" + w + ".txt").isZero();
        }
        long t2 = System.nanoTime();

        List<Object> answers = new ArrayList<>();
        for (Path f : answerFiles) {
            answers.addAll(TestJson.lines(f));
        }
        Map<String, List<Object>> byCase = new LinkedHashMap<>();
        for (Object a : answers) {
            byCase.computeIfAbsent((String) ((Map<String, Object>) a).get("case"), k -> new ArrayList<>()).add(a);
        }
        List<String> mismatches = new ArrayList<>();
        List<String> documented = new ArrayList<>();
        int requests = 0;
        long singles = 0;
        for (Map<String, Object> c : cases) {
            String id = (String) c.get("id");
            List<Object> reqs = (List<Object>) c.get("requests");
            List<Object> got = byCase.getOrDefault(id, List.of());
            assertThat(got).as("node answers for case " + id).hasSameSizeAs(reqs);
            requests += reqs.size();
            for (Object r : reqs) {
                singles += ((List<Object>) ((Map<String, Object>) r).get("keys")).size();
            }
            ConformanceCheck.Outcome o = ConformanceCheck.compareAll(id, TestJson.canonical(c.get("definitions")), reqs,
                    got, Clock.systemUTC());
            mismatches.addAll(o.mismatches());
            documented.addAll(o.documented());
        }
        long t3 = System.nanoTime();
        String summary = String.format(
                "conformance: seed %d, %d cases, %d requests (%d single-flag checks plus one all-flags map each), "
                        + "%d mismatches, %d documented differences (%d of them in random cases; node decided, "
                        + "edgehog asks the server; see docs/flags-differences.md); generate %s, node %s, "
                        + "java+compare %s",
                seed, cases.size(), requests, singles, mismatches.size(), documented.size(),
                documented.stream().filter(d -> d.startsWith("random-")).count(), ms(t1 - t0), ms(t2 - t1),
                ms(t3 - t2));
        System.out.println(summary);
        Files.writeString(work.resolve("mismatches.txt"), summary + "\n\n" + String.join("\n\n", mismatches));
        Files.writeString(work.resolve("documented-differences.txt"), String.join("\n\n", documented));

        assertThat(mismatches.size())
                .as(summary + "; all are in " + work.resolve("mismatches.txt") + "; the first ones:\n"
                        + String.join("\n\n", mismatches.subList(0, Math.min(15, mismatches.size()))))
                .isZero();
    }

    private static String ms(long nanos) {
        return Duration.ofNanos(nanos).toMillis() + " ms";
    }

}
