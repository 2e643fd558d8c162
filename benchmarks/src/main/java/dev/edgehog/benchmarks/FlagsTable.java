// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints the figures of {@code benchmarks/run-flags.sh}: the JMH flag benchmarks of every
 * round (median of the measured iterations, bytes allocated per call), the client call's
 * overhead over the bare evaluator in each round, Java against posthog-node, and the
 * cold-start times, each with its target. Figures over rounds are the median and range of the
 * rounds' figures.
 *
 * <p>Medians, not means: on a shared machine a mean absorbs every stall of the benchmark
 * thread. Overheads are computed within a round (measurements seconds apart), never across.
 */
public final class FlagsTable {
    static final double EVALUATIONS_TARGET = 1_000_000;
    static final double OVERHEAD_TARGET_PERCENT = 10;
    static final double COLD_START_TARGET_MS = 20;

    private FlagsTable() {}

    /** One JMH result: throughput per iteration in ops/s. */
    record Row(String name, List<Double> iterations, double mean, double bytesPerOp) {
        double median() {
            return FlagsTable.median(iterations);
        }
    }

    /**
     * @param args the node result line (may be absent), the cold-start lines, then one JMH JSON
     *     result per round
     * @throws IOException if a file cannot be read
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            throw new IllegalArgumentException("usage: FlagsTable <node-result.json> <cold-start.txt> <jmh-round.json>...");
        }
        Path node = Path.of(args[0]);
        List<Map<String, Row>> rounds = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            rounds.add(readJmh(Path.of(args[i])));
        }
        print(rounds, Files.exists(node) ? new ObjectMapper().readTree(Files.readAllBytes(node)) : null,
                Files.readAllLines(Path.of(args[1])), System.out);
    }

    static Map<String, Row> readJmh(Path file) throws IOException {
        Map<String, Row> rows = new LinkedHashMap<>();
        for (JsonNode r : new ObjectMapper().readTree(Files.readAllBytes(file))) {
            String benchmark = r.path("benchmark").asText();
            String name = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
            for (Map.Entry<String, JsonNode> p : r.path("params").properties()) {
                name += " " + p.getKey() + "=" + p.getValue().asText();
            }
            JsonNode primary = r.path("primaryMetric");
            List<Double> iterations = new ArrayList<>();
            for (JsonNode fork : primary.path("rawData")) {
                for (JsonNode v : fork) {
                    iterations.add(v.asDouble());
                }
            }
            double bytes = r.path("secondaryMetrics").path("gc.alloc.rate.norm").path("score").asDouble(Double.NaN);
            rows.put(name, new Row(name, iterations, primary.path("score").asDouble(), bytes));
        }
        return rows;
    }

    private static final String BARE = "FlagEvaluationBenchmark.evaluate";
    private static final String CALL = "FlagCallBenchmark.getFeatureFlag events=false";
    private static final String CALL_EVENTS = "FlagCallBenchmark.getFeatureFlag events=true";

    static void print(List<Map<String, Row>> rounds, JsonNode node, List<String> cold, PrintStream out) {
        out.println();
        out.println("JMH, one thread, operations per second: median of each round's iterations [its min .. max]");
        out.printf(Locale.ROOT, "%-46s %s%n", "benchmark", "round 1, round 2, ...");
        for (String name : List.of(BARE, CALL, CALL_EVENTS)) {
            StringBuilder line = new StringBuilder();
            double bytes = Double.NaN;
            for (Map<String, Row> round : rounds) {
                Row r = round.get(name);
                if (r != null) {
                    line.append(String.format(Locale.ROOT, "%9.0f [%.0f .. %.0f]  ", r.median(), min(r.iterations()),
                            max(r.iterations())));
                    bytes = r.bytesPerOp();
                }
            }
            out.printf(Locale.ROOT, "%-46s %s %.0f B/op%n", name, line, bytes);
        }
        out.println();
        List<Double> bare = medians(rounds, BARE);
        if (!bare.isEmpty()) {
            double evals = median(bare);
            out.printf(Locale.ROOT, "evaluator: %.0f evaluations/s, rounds %s (target >= %.0f: %s)%n", evals,
                    range(bare, "%.0f"), EVALUATIONS_TARGET, evals >= EVALUATIONS_TARGET ? "met" : "MISSED");
            for (String name : List.of(CALL, CALL_EVENTS)) {
                List<Double> overheads = new ArrayList<>();
                for (Map<String, Row> round : rounds) {
                    if (round.containsKey(BARE) && round.containsKey(name)) {
                        overheads.add((round.get(BARE).median() / round.get(name).median() - 1) * 100);
                    }
                }
                if (overheads.isEmpty()) {
                    continue;
                }
                double overhead = median(overheads);
                out.printf(Locale.ROOT, "flag call, %s: %.0f calls/s; time per call over the bare evaluator %+.1f %%, "
                        + "rounds %s%s%n", name.substring(name.indexOf(' ') + 1), median(medians(rounds, name)), overhead,
                        range(overheads, "%+.1f"), name.equals(CALL)
                                ? String.format(Locale.ROOT, " (target <= %.0f %%: %s)", OVERHEAD_TARGET_PERCENT,
                                        overhead <= OVERHEAD_TARGET_PERCENT ? "met" : "MISSED")
                                : "");
            }
            if (node != null) {
                double n = node.path("evaluationsPerSecond").asDouble();
                out.printf(Locale.ROOT, "posthog-node (%s): %.0f evaluations/s (median of the one-second iterations %s); "
                        + "%d of %d answers differ from Java's%n", node.path("node").asText(), n, node.path("iterations"),
                        node.path("mismatches").asInt(), node.path("calls").asInt());
                out.printf(Locale.ROOT, "Java evaluator / posthog-node: %.1fx%n", evals / n);
            } else {
                out.println("posthog-node: not run");
            }
        }
        out.println();
        out.println("cold start of the 200-flag snapshot, fresh JVMs (ms: median [min .. max]):");
        for (String mode : List.of("parse", "load", "client")) {
            List<Double> ms = new ArrayList<>();
            List<Double> jvm = new ArrayList<>();
            List<Double> process = new ArrayList<>();
            List<Double> firstEval = new ArrayList<>();
            List<Double> regexEval = new ArrayList<>();
            List<Double> cpu = new ArrayList<>();
            for (String line : cold) {
                Map<String, String> f = fields(line);
                if (mode.equals(f.get("mode"))) {
                    ms.add(Double.parseDouble(f.get("ms")));
                    jvm.add(Double.parseDouble(f.get("jvm_ms")));
                    process.add(Double.parseDouble(f.get("process_ms")));
                    if (f.containsKey("first_eval_ms")) {
                        firstEval.add(Double.parseDouble(f.get("first_eval_ms")));
                        regexEval.add(Double.parseDouble(f.get("regex_eval_ms")));
                    }
                    if (f.containsKey("cpu_ms")) {
                        cpu.add(Double.parseDouble(f.get("cpu_ms")));
                    }
                }
            }
            if (ms.isEmpty()) {
                continue;
            }
            String what = switch (mode) {
                case "parse" -> "read + parse, first JSON use of the JVM";
                case "load" -> "read + parse after an events-only client";
                default -> "build client from snapshot + first flag";
            };
            out.printf(Locale.ROOT, "%-40s %s  (target < %.0f ms: %s)%n", what, range(ms, "%.1f"), COLD_START_TARGET_MS,
                    median(ms) < COLD_START_TARGET_MS ? "met" : "MISSED");
            if (!cpu.isEmpty()) {
                out.printf(Locale.ROOT, "%-40s %s%n", "  of which on a CPU (schedstat)", range(cpu, "%.1f"));
            }
            if (!firstEval.isEmpty()) {
                out.printf(Locale.ROOT, "%-40s %s%n", "  then first evaluation, plain rollout", range(firstEval, "%.1f"));
                out.printf(Locale.ROOT, "%-40s %s%n", "  then first evaluation, regex filter", range(regexEval, "%.1f"));
            }
            out.printf(Locale.ROOT, "%-40s %s%n", "  JVM uptime at the end", range(jvm, "%.0f"));
            out.printf(Locale.ROOT, "%-40s %s   (%d runs)%n", "  whole process (java launch to exit)", range(process, "%.0f"),
                    ms.size());
        }
    }

    private static List<Double> medians(List<Map<String, Row>> rounds, String name) {
        List<Double> m = new ArrayList<>();
        for (Map<String, Row> round : rounds) {
            if (round.containsKey(name)) {
                m.add(round.get(name).median());
            }
        }
        return m;
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    private static Map<String, String> fields(String line) {
        Map<String, String> f = new LinkedHashMap<>();
        for (String part : line.trim().split("\\s+")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                f.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return f;
    }

    private static String range(List<Double> values, String format) {
        return String.format(Locale.ROOT, format + " [" + format + " .. " + format + "]", median(values), min(values),
                max(values));
    }

    static double median(List<Double> values) {
        List<Double> s = new ArrayList<>(values);
        s.sort(null);
        int n = s.size();
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
