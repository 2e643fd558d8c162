// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.benchmarks;

import dev.edgehog.ClientStats;
import dev.edgehog.PostHog;
import dev.edgehog.flags.FlagOptions;
import dev.edgehog.flags.FlagValue;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A flag call through the client, {@code PostHog.getFeatureFlag(key, distinctId, options)},
 * with fresh definitions in memory, over the same workload and call sequence as {@link
 * FlagEvaluationBenchmark}. Issue 4: such a call makes no network request and costs within
 * 10 % of the bare evaluator.
 *
 * <p>The client has a personal key, gets the 50 flags from a snapshot given to the builder
 * ({@code flagDefinitionsSnapshot}) that counts as just downloaded, a one-hour polling interval
 * (the definitions stay fresh for the whole run), no cache file and no classpath resource. Its
 * transport fails the call, and the trial, on any request. The options of each person are
 * built once, as a caller builds them once per request (the context they derive for the
 * evaluator too, in the set-up; see there).
 *
 * <ul>
 *   <li>{@code events=false}: {@code sendFeatureFlagEvents(false)}, the pure call overhead.
 *   <li>{@code events=true}: {@code $feature_flag_called} on. Each of the 10,000 (person,
 *       flag, value) calls queues its event once; after the first cycle (in warm-up) every call
 *       is a de-duplication hit. The queue never reaches {@code flushAt}, so nothing is sent.
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@Threads(1)
public class FlagCallBenchmark {
    private static final int NEVER = 1 << 24;

    /** Whether the calls send {@code $feature_flag_called}. */
    @Param({"false", "true"})
    public boolean events;

    private NoRequestTransport transport;
    private PostHog client;
    private FlagOptions[] options;
    private String[] ids;
    private String[] keys;
    private int next;
    private long calls;

    /** Builds the client from the snapshot and prepares the calls. */
    @Setup(Level.Trial)
    public void setUp() {
        transport = new NoRequestTransport();
        client = PostHog.builder(FlagWorkload.API_KEY)
                .personalApiKey(FlagWorkload.PERSONAL_API_KEY)
                .flagDefinitionsSnapshot(FlagWorkload.snapshot(FlagWorkload.definitions(), System.currentTimeMillis()))
                .featureFlagsPollingInterval(Duration.ofHours(1))
                .flagDefinitionsCacheEnabled(false)
                .flagDefinitionsResourceEnabled(false)
                .flushAt(NEVER)
                .maxQueueSize(NEVER)
                .transport(transport)
                .build();
        if (!client.isLocalEvaluationReady()) {
            throw new IllegalStateException("the client did not load the snapshot");
        }
        List<FlagWorkload.Person> persons = FlagWorkload.persons(FlagWorkload.SEED, FlagWorkload.PERSONS);
        List<String> flagKeys = FlagWorkload.flagKeys();
        options = new FlagOptions[persons.size()];
        ids = new String[persons.size()];
        keys = new String[persons.size()];
        for (int i = 0; i < options.length; i++) {
            options[i] = persons.get(i).options(events);
            ids[i] = persons.get(i).distinctId();
            keys[i] = flagKeys.get(i % flagKeys.size());
            // Options build their context on first use and keep it. Build it here, in order, as
            // FlagEvaluationBenchmark builds its contexts: built during the first cycle instead,
            // the contexts lie scattered among that cycle's garbage, and the comparison measures
            // memory layout instead of the call.
            options[i].toContext(ids[i]);
        }
    }

    /** Fails the trial on any request, or if the events sent are not one per distinct call. */
    @TearDown(Level.Trial)
    public void tearDown() {
        try {
            transport.check();
            ClientStats s = client.stats();
            long expected = events ? Math.min(calls, ids.length) : 0;
            if (s.accepted() != expected || s.requests() != 0) {
                throw new IllegalStateException("expected " + expected + " $feature_flag_called events and no request "
                        + "after " + calls + " calls: " + s);
            }
        } finally {
            transport.disarm();
            client.close();
        }
    }

    /** @return one flag's value for the next person of the cycle */
    @Benchmark
    public FlagValue getFeatureFlag() {
        int i = next;
        next = i + 1 == ids.length ? 0 : i + 1;
        calls++;
        return client.getFeatureFlag(keys[i], ids[i], options[i]);
    }
}
