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
 * Prints a JMH JSON result file ({@code -rf json}) as a short table: time and bytes allocated
 * per operation for each benchmark, then Edgehog against each Jackson baseline of the same
 * benchmark and parameters, with the targets (at least 1.5x the throughput, at most half the
 * bytes allocated). Used by {@code benchmarks/run.sh}.
 *
 * <p>Times are compared by their median when the run sampled them ({@code -bm sample}, the
 * benchmarks' default), otherwise by the mean.
 */
public final class ResultTable {
    static final double THROUGHPUT_TARGET = 1.5;
    static final double ALLOCATION_TARGET = 0.5;

    private ResultTable() {}

    /** One benchmark result. */
    record Row(String group, String method, String params, double median, double nsPerOp, double nsError,
            double bytesPerOp) {
        String name() {
            return group + "." + method + (params.isEmpty() ? "" : " [" + params + "]");
        }
    }

    /**
     * @param args the JMH JSON result file
     * @throws IOException if it cannot be read
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: ResultTable <jmh-result.json>");
        }
        print(read(Path.of(args[0])), System.out);
    }

    static List<Row> read(Path file) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (JsonNode r : new ObjectMapper().readTree(Files.readAllBytes(file))) {
            String benchmark = r.path("benchmark").asText();
            int dot = benchmark.lastIndexOf('.');
            String group = benchmark.substring(benchmark.lastIndexOf('.', dot - 1) + 1, dot).replace("Benchmark", "");
            StringBuilder params = new StringBuilder();
            for (Map.Entry<String, JsonNode> p : r.path("params").properties()) {
                params.append(params.length() == 0 ? "" : ", ").append(p.getKey()).append('=').append(p.getValue().asText());
            }
            JsonNode primary = r.path("primaryMetric");
            JsonNode alloc = r.path("secondaryMetrics").path("gc.alloc.rate.norm");
            JsonNode median = primary.path("scorePercentiles").path("50.0");
            double mean = primary.path("score").asDouble();
            rows.add(new Row(group, benchmark.substring(dot + 1), params.toString(),
                    median.isMissingNode() ? mean : median.asDouble(), mean, primary.path("scoreError").asDouble(Double.NaN),
                    alloc.isMissingNode() ? Double.NaN : alloc.path("score").asDouble()));
        }
        return rows;
    }

    static void print(List<Row> rows, PrintStream out) {
        out.println();
        out.printf(Locale.ROOT, "%-38s %14s %24s %10s%n", "benchmark", "median ns/op", "mean ns/op (99.9% CI)", "B/op");
        for (Row r : rows) {
            out.printf(Locale.ROOT, "%-38s %14.1f %13.1f ± %8.1f %10.0f%n", r.name(), r.median(), r.nsPerOp(), r.nsError(),
                    r.bytesPerOp());
        }
        Map<String, Row> edgehog = new LinkedHashMap<>();
        for (Row r : rows) {
            if (r.method().equals("edgehog")) {
                edgehog.put(r.group() + "|" + r.params(), r);
            }
        }
        out.println();
        out.printf(Locale.ROOT, "%-38s %22s %22s%n", "edgehog against", "throughput (>= " + THROUGHPUT_TARGET + "x)",
                "bytes/op (<= " + ALLOCATION_TARGET + "x)");
        for (Row r : rows) {
            Row e = edgehog.get(r.group() + "|" + r.params());
            if (e == null || !r.method().startsWith("jackson")) {
                continue;
            }
            double speedup = r.median() / e.median();
            double bytes = e.bytesPerOp() / r.bytesPerOp();
            out.printf(Locale.ROOT, "%-38s %15.2fx %-6s %15.2fx %-6s%n", r.name(),
                    speedup, speedup >= THROUGHPUT_TARGET ? "met" : "missed",
                    bytes, bytes <= ALLOCATION_TARGET ? "met" : "missed");
        }
    }
}
