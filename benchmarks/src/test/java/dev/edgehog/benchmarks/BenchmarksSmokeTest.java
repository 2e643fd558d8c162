// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Proves that every benchmark runs (in this JVM, one 100 ms warm-up and measurement
 * iteration each) and that the GC profiler used by {@code run.sh} reports its allocation
 * figure. It asserts no timing: the figures come from {@code run.sh} and {@code run-flags.sh}.
 * A benchmark that fails its own consistency checks (undelivered events, a batch split in two,
 * a flag not decided locally, a flag call that made a request) fails this test.
 */
class BenchmarksSmokeTest {

    @Test
    void everyBenchmarkRunsAndReportsTimeAndAllocationPerOperation() throws RunnerException {
        Options options = new OptionsBuilder()
                .include("dev\\.edgehog\\.benchmarks\\.")
                .forks(0)
                .warmupIterations(1)
                .warmupTime(TimeValue.milliseconds(100))
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(100))
                .addProfiler(GCProfiler.class)
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .build();

        Collection<RunResult> results = new Runner(options).run();

        List<String> ran = new ArrayList<>();
        for (RunResult r : results) {
            BenchmarkParams p = r.getParams();
            String name = p.getBenchmark().substring("dev.edgehog.benchmarks.".length());
            StringBuilder withParams = new StringBuilder(name);
            for (String key : p.getParamsKeys()) {
                withParams.append(' ').append(key).append('=').append(p.getParam(key));
            }
            ran.add(withParams.toString());
            assertThat(r.getPrimaryResult().getScore()).as(name + " score").isPositive();
            assertThat(r.getSecondaryResults()).as(name + " secondary results").containsKey("gc.alloc.rate.norm");
        }
        assertThat(ran).containsExactlyInAnyOrder(
                "CaptureBenchmark.edgehog",
                "CaptureBenchmark.jacksonBatched",
                "CaptureBenchmark.jacksonEvent",
                "BatchBenchmark.edgehog gzip=false",
                "BatchBenchmark.edgehog gzip=true",
                "BatchBenchmark.jackson gzip=false",
                "BatchBenchmark.jackson gzip=true",
                "FlagEvaluationBenchmark.evaluate",
                "FlagCallBenchmark.getFeatureFlag events=false",
                "FlagCallBenchmark.getFeatureFlag events=true");
    }
}
