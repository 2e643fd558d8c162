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
 * Prints the figures of {@code benchmarks/run-flags.sh}: the JMH flag benchmarks (median, range
 * and mean of all measured iterations of all forks, bytes allocated per call), the client
 * call's overhead over the bare evaluator, Java against posthog-node, and the cold-start
 * times, each with its target.
 *
 * <p>Medians, not means: on a shared machine a mean absorbs every stall of the benchmark
 * thread.
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
     * @param args the JMH JSON result, the node result line (may be absent), the cold-start lines
     * @throws IOException if a file cannot be read
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: FlagsTable <jmh-result.json> <node-result.json> <cold-start.txt>");
        }
        Path node = Path.of(args[1]);
        print(readJmh(Path.of(args[0])), Files.exists(node) ? new ObjectMapper().readTree(Files.readAllBytes(node)) : null,
                Files.readAllLines(Path.of(args[2])), System.out);
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

    static void print(Map<String, Row> rows, JsonNode node, List<String> cold, PrintStream out) {
        out.println();
        out.println("JMH, one thread, evaluations per second (all iterations of all forks):");
        out.printf(Locale.ROOT, "%-48s %12s %12s %12s %12s %8s%n", "benchmark", "median", "min", "max", "mean", "B/op");
        for (Row r : rows.values()) {
            out.printf(Locale.ROOT, "%-48s %12.0f %12.0f %12.0f %12.0f %8.0f%n", r.name(), r.median(),
                    r.iterations().stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
                    r.iterations().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN),
                    r.mean(), r.bytesPerOp());
        }
        Row bare = rows.get("FlagEvaluationBenchmark.evaluate");
        out.println();
        if (bare != null) {
            out.printf(Locale.ROOT, "evaluator: %.0f evaluations/s (target >= %.0f: %s)%n", bare.median(),
                    EVALUATIONS_TARGET, bare.median() >= EVALUATIONS_TARGET ? "met" : "MISSED");
            for (String variant : List.of("events=false", "events=true")) {
                Row call = rows.get("FlagCallBenchmark.getFeatureFlag " + variant);
                if (call != null) {
                    double overhead = (bare.median() / call.median() - 1) * 100;
                    out.printf(Locale.ROOT, "flag call, %s: %.0f calls/s, %+.1f %% time per call over the bare evaluator%s%n",
                            variant, call.median(), overhead, variant.equals("events=false")
                                    ? String.format(Locale.ROOT, " (target <= %.0f %%: %s)", OVERHEAD_TARGET_PERCENT,
                                            overhead <= OVERHEAD_TARGET_PERCENT ? "met" : "MISSED")
                                    : "");
                }
            }
            if (node != null) {
                double n = node.path("evaluationsPerSecond").asDouble();
                out.printf(Locale.ROOT, "posthog-node %s (median of %s): %.0f evaluations/s, %d answers differ from Java's%n",
                        node.path("node").asText(), node.path("iterations"), n, node.path("mismatches").asInt());
                out.printf(Locale.ROOT, "Java evaluator / posthog-node: %.1fx%n", bare.median() / n);
            } else {
                out.println("posthog-node: not run");
            }
        }
        out.println();
        out.println("cold start of the 200-flag snapshot, fresh JVMs (ms: median [min .. max]):");
        for (String mode : List.of("parse", "client")) {
            List<Double> ms = new ArrayList<>();
            List<Double> jvm = new ArrayList<>();
            List<Double> process = new ArrayList<>();
            for (String line : cold) {
                Map<String, String> f = fields(line);
                if (mode.equals(f.get("mode"))) {
                    ms.add(Double.parseDouble(f.get("ms")));
                    jvm.add(Double.parseDouble(f.get("jvm_ms")));
                    process.add(Double.parseDouble(f.get("process_ms")));
                }
            }
            if (ms.isEmpty()) {
                continue;
            }
            String what = mode.equals("parse") ? "read + parse + compile" : "build client from snapshot + first flag";
            out.printf(Locale.ROOT, "%-40s %s  (target < %.0f ms: %s)%n", what, range(ms), COLD_START_TARGET_MS,
                    median(ms) < COLD_START_TARGET_MS ? "met" : "MISSED");
            out.printf(Locale.ROOT, "%-40s %s%n", "  JVM uptime at the end", range(jvm));
            out.printf(Locale.ROOT, "%-40s %s   (%d runs)%n", "  whole process (java launch to exit)", range(process), ms.size());
        }
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

    private static String range(List<Double> values) {
        return String.format(Locale.ROOT, "%8.1f [%.1f .. %.1f]", median(values),
                values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
                values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN));
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
