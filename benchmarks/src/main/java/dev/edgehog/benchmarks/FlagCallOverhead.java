// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.benchmarks;

import dev.edgehog.PostHog;
import dev.edgehog.flags.DefinitionsRefresh;
import dev.edgehog.flags.FlagContext;
import dev.edgehog.flags.FlagOptions;
import dev.edgehog.internal.flags.FlagDefinitions;
import dev.edgehog.internal.flags.LocalEvaluator;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The flag call's overhead over the bare evaluator, measured in paired time slices in one JVM:
 * the same work as {@link FlagEvaluationBenchmark} and {@link FlagCallBenchmark} ({@code
 * events=false}), alternated every {@code sliceMillis} (order swapped every pair), each pair
 * giving one ratio of the two rates; the result is the median of those ratios.
 *
 * <p>Why besides JMH: on a shared machine the load changes within seconds, so two JMH
 * benchmarks run one after the other can differ by more than the overhead being measured. Slices
 * a few milliseconds apart see the same load. Both paths run in one JVM with one compiled
 * evaluator, which is what a client does.
 *
 * <p>Usage: {@code FlagCallOverhead [pairs] [sliceMillis] [warmupSeconds] [ON_DEMAND|MANUAL]}
 * (defaults 200, 25, 5, ON_DEMAND: the client's {@code flagDefinitionsRefresh}; with {@code
 * MANUAL} a call does not read the clock to see whether the definitions are due). Prints one
 * line: {@code refresh=... bare_per_s=... call_per_s=... overhead_pct=<median> p25=... p75=...}.
 */
public final class FlagCallOverhead {
    private static final int BATCH = 500;

    private final LocalEvaluator evaluator;
    private final FlagContext[] contexts;
    private final PostHog client;
    private final NoRequestTransport transport = new NoRequestTransport();
    private final FlagOptions[] options;
    private final String[] ids;
    private final String[] keys;
    private int nextBare;
    private int nextCall;
    private long sink;

    private FlagCallOverhead(DefinitionsRefresh refresh) throws Exception {
        evaluator = new LocalEvaluator(FlagDefinitions.parse(FlagWorkload.definitions()), Clock.systemUTC());
        client = PostHog.builder(FlagWorkload.API_KEY)
                .personalApiKey(FlagWorkload.PERSONAL_API_KEY)
                .flagDefinitionsSnapshot(FlagWorkload.snapshot(FlagWorkload.definitions(), System.currentTimeMillis()))
                .featureFlagsPollingInterval(Duration.ofHours(1))
                .flagDefinitionsRefresh(refresh)
                .flagDefinitionsCacheEnabled(false)
                .flagDefinitionsResourceEnabled(false)
                .transport(transport)
                .build();
        List<FlagWorkload.Person> persons = FlagWorkload.persons(FlagWorkload.SEED, FlagWorkload.PERSONS);
        List<String> flagKeys = FlagWorkload.flagKeys();
        int n = persons.size();
        contexts = new FlagContext[n];
        options = new FlagOptions[n];
        ids = new String[n];
        keys = new String[n];
        for (int i = 0; i < n; i++) {
            options[i] = persons.get(i).options(false);
            ids[i] = persons.get(i).distinctId();
            // The very context the client evaluates (options cache the context of their last
            // distinct id): both paths read the same 10,000 contexts, as separate copies would
            // double the memory the alternating slices pull through the caches.
            contexts[i] = options[i].toContext(ids[i]);
            keys[i] = flagKeys.get(i % flagKeys.size());
        }
    }

    /** Evaluates for about {@code nanos}; returns evaluations per second. */
    private double bare(long nanos) {
        long start = System.nanoTime();
        long end = start + nanos;
        long ops = 0;
        long now;
        int i = nextBare;
        do {
            for (int b = 0; b < BATCH; b++) {
                sink += evaluator.evaluate(keys[i], contexts[i]).value().kind().ordinal();
                i = i + 1 == contexts.length ? 0 : i + 1;
            }
            ops += BATCH;
            now = System.nanoTime();
        } while (now < end);
        nextBare = i;
        return ops * 1e9 / (now - start);
    }

    /** Calls the client for about {@code nanos}; returns calls per second. */
    private double call(long nanos) {
        long start = System.nanoTime();
        long end = start + nanos;
        long ops = 0;
        long now;
        int i = nextCall;
        do {
            for (int b = 0; b < BATCH; b++) {
                sink += client.getFeatureFlag(keys[i], ids[i], options[i]).kind().ordinal();
                i = i + 1 == ids.length ? 0 : i + 1;
            }
            ops += BATCH;
            now = System.nanoTime();
        } while (now < end);
        nextCall = i;
        return ops * 1e9 / (now - start);
    }

    /**
     * @param args pairs, slice length in ms, warm-up seconds (all optional)
     * @throws Exception if the workload cannot be prepared or a request was made
     */
    public static void main(String[] args) throws Exception {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        long slice = (args.length > 1 ? Long.parseLong(args[1]) : 25) * 1_000_000L;
        long warmup = (args.length > 2 ? Long.parseLong(args[2]) : 5) * 1_000_000_000L;
        DefinitionsRefresh refresh = args.length > 3 ? DefinitionsRefresh.valueOf(args[3]) : DefinitionsRefresh.ON_DEMAND;
        FlagCallOverhead m = new FlagCallOverhead(refresh);
        long warmEnd = System.nanoTime() + warmup;
        while (System.nanoTime() < warmEnd) {
            m.bare(slice);
            m.call(slice);
        }
        List<Double> overheads = new ArrayList<>();
        List<Double> bareRates = new ArrayList<>();
        List<Double> callRates = new ArrayList<>();
        for (int p = 0; p < pairs; p++) {
            double b;
            double c;
            if (p % 2 == 0) {
                b = m.bare(slice);
                c = m.call(slice);
            } else {
                c = m.call(slice);
                b = m.bare(slice);
            }
            bareRates.add(b);
            callRates.add(c);
            overheads.add((b / c - 1) * 100);
        }
        m.transport.check();
        m.transport.disarm();
        m.client.close();
        System.out.println(String.format(Locale.ROOT,
                "refresh=%s bare_per_s=%.0f call_per_s=%.0f overhead_pct=%.1f p25=%.1f p75=%.1f pairs=%d slice_ms=%d sink=%d",
                refresh, FlagsTable.median(bareRates), FlagsTable.median(callRates), FlagsTable.median(overheads),
                percentile(overheads, 0.25), percentile(overheads, 0.75), pairs, slice / 1_000_000, m.sink));
    }

    private static double percentile(List<Double> values, double q) {
        List<Double> s = new ArrayList<>(values);
        s.sort(null);
        return s.get((int) Math.round(q * (s.size() - 1)));
    }
}
