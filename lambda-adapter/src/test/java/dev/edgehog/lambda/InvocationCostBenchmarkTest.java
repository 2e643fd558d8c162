// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Keeps {@link InvocationCostBenchmark} runnable: a short in-process run on every build. It
 * checks that each benchmark produced a result, never how fast it was (timing assertions in
 * unit tests are flaky by nature); the numbers come from forked runs.
 */
class InvocationCostBenchmarkTest {

    @Test
    void runsEveryInvocationCostBenchmark() throws RunnerException {
        Options options = new OptionsBuilder()
                .include(InvocationCostBenchmark.class.getName() + "\\.")
                .forks(0)
                .warmupIterations(1)
                .warmupTime(TimeValue.milliseconds(100))
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(100))
                .shouldFailOnError(true)
                .build();

        Collection<RunResult> results = new Runner(options).run();

        assertThat(results).extracting(r -> r.getParams().getBenchmark().replaceAll(".*\\.", ""))
                .containsExactlyInAnyOrder("bareHandler", "emptyInvocation", "oneEventInvocation");
        assertThat(results).allSatisfy(r -> assertThat(r.getPrimaryResult().getScore()).isPositive());
    }
}
