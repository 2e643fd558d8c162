// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.benchmarks;

import dev.edgehog.flags.FlagContext;
import dev.edgehog.flags.FlagResult;
import dev.edgehog.internal.flags.FlagDefinitions;
import dev.edgehog.internal.flags.FlagDefinitionsException;
import dev.edgehog.internal.flags.LocalEvaluator;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The bare local evaluator: one {@code LocalEvaluator.evaluate(key, context)} per operation, on
 * one thread, over the {@link FlagWorkload}: 50 flags, 10,000 precomputed contexts, call
 * {@code i} evaluating flag {@code i % 50} for person {@code i}, cycling. Throughput in
 * evaluations per second. The target (issue 3) is at least 1,000,000 per second.
 *
 * <p>The set-up checks that every call of the cycle is decided locally, so the benchmark
 * measures evaluations and not the undecided path.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@Threads(1)
public class FlagEvaluationBenchmark {
    private LocalEvaluator evaluator;
    private FlagContext[] contexts;
    private String[] keys;
    private int next;

    /**
     * Parses the definitions and prepares the contexts.
     *
     * @throws FlagDefinitionsException if the fixture does not parse
     */
    @Setup(Level.Trial)
    public void setUp() throws FlagDefinitionsException {
        evaluator = new LocalEvaluator(FlagDefinitions.parse(FlagWorkload.definitions()), Clock.systemUTC());
        List<FlagWorkload.Person> persons = FlagWorkload.persons(FlagWorkload.SEED, FlagWorkload.PERSONS);
        List<String> flagKeys = FlagWorkload.flagKeys();
        contexts = new FlagContext[persons.size()];
        keys = new String[persons.size()];
        for (int i = 0; i < contexts.length; i++) {
            contexts[i] = persons.get(i).context();
            keys[i] = flagKeys.get(i % flagKeys.size());
            FlagResult r = evaluator.evaluate(keys[i], contexts[i]);
            if (!r.isDecided()) {
                throw new IllegalStateException("call " + i + " is not decided locally: " + r);
            }
        }
    }

    /** @return one flag's result for the next person of the cycle */
    @Benchmark
    public FlagResult evaluate() {
        int i = next;
        next = i + 1 == contexts.length ? 0 : i + 1;
        return evaluator.evaluate(keys[i], contexts[i]);
    }
}
