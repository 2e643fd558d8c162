// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.benchmarks;

import dev.edgehog.PostHog;
import dev.edgehog.flags.FlagContext;
import dev.edgehog.flags.FlagResult;
import dev.edgehog.flags.FlagValue;
import dev.edgehog.internal.flags.FlagDefinitions;
import dev.edgehog.internal.flags.LocalEvaluator;
import java.io.FileInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * The cold-start cost of a flag definitions snapshot, measured once in a fresh JVM (issue 4:
 * a 200-flag document loads in under 20 ms). Run it in a new JVM each time; {@code
 * benchmarks/run-flags.sh} runs it N times and reports the median and range.
 *
 * <ul>
 *   <li>{@code parse <definitions.json>}: read the file and {@code FlagDefinitions.parse} it,
 *       the first such work in the JVM: it includes the JSON library's one-time start
 *       ({@code DslJson}), which any client pays at build.
 *   <li>{@code load <definitions.json>}: first build a plain events-only client (so the JSON
 *       library and the client's own start-up are done, as in any real cold start), then time
 *       reading and parsing the file into a ready {@code LocalEvaluator}: the snapshot load's
 *       own cost ({@code ms}; {@code cpu_ms} is this thread's time on a CPU meanwhile, where
 *       Linux's {@code /proc/thread-self/schedstat} exists: the same work without the time spent
 *       waiting for a core on a busy machine). Then, each timed alone, the first evaluation of {@code
 *       new-navigation} (a plain rollout; {@code first_eval_ms}) and next that of {@code
 *       staff-debug-panel} (a regex filter on the email; {@code regex_eval_ms}); each includes
 *       compiling that flag if the evaluator compiles flags at first use.
 *   <li>{@code client <snapshot.json>}: build a flag-enabled client whose only definitions
 *       source is that snapshot file ({@code flagDefinitionsSnapshotFile}; no cache file, no
 *       classpath resource, a transport that fails on any request), then answer one flag
 *       locally: the first thing a cold function does.
 * </ul>
 *
 * Prints one line: {@code mode=<mode> ms=<time of the measured step> jvm_ms=<JVM uptime at
 * the end, start-up included>} and the flags parsed or the first flag's value (in {@code load}
 * mode also {@code cpu_ms}, {@code first_eval_ms} and {@code regex_eval_ms}).
 */
public final class ColdStartSnapshot {
    private ColdStartSnapshot() {}

    /**
     * @param args {@code parse <file>}, {@code load <file>} or {@code client <file>}
     * @throws Exception if the file cannot be read or parsed, or a request was made
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !(args[0].equals("parse") || args[0].equals("load") || args[0].equals("client"))) {
            throw new IllegalArgumentException("usage: ColdStartSnapshot parse|load|client <file>");
        }
        Path file = Path.of(args[1]);
        if (args[0].equals("load")) {
            System.out.println(load(file));
            return;
        }
        long start = System.nanoTime();
        String what;
        long elapsed;
        if (args[0].equals("parse")) {
            what = "flags=" + FlagDefinitions.parse(Files.readAllBytes(file)).size();
            elapsed = System.nanoTime() - start;
        } else {
            NoRequestTransport transport = new NoRequestTransport();
            PostHog client = PostHog.builder(FlagWorkload.API_KEY)
                    .personalApiKey(FlagWorkload.PERSONAL_API_KEY)
                    .flagDefinitionsSnapshotFile(file)
                    .featureFlagsPollingInterval(Duration.ofHours(1))
                    .flagDefinitionsCacheEnabled(false)
                    .flagDefinitionsResourceEnabled(false)
                    .transport(transport)
                    .build();
            FlagValue v = client.getFeatureFlag("new-navigation", "user-1");
            transport.check();
            if (!v.isKnown() || !client.isLocalEvaluationReady()) {
                throw new IllegalStateException("the snapshot did not make local evaluation ready: " + v);
            }
            elapsed = System.nanoTime() - start;
            what = "first_flag=" + v;
            transport.disarm();
            client.close();
        }
        double ms = elapsed / 1e6;
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
        System.out.println(String.format(Locale.ROOT, "mode=%s ms=%.2f jvm_ms=%d %s", args[0], ms, uptime, what));
    }

    private static String load(Path file) throws Exception {
        NoRequestTransport transport = new NoRequestTransport();
        PostHog client = PostHog.builder(FlagWorkload.API_KEY).transport(transport).build();
        FlagContext plain = FlagContext.builder("user-1").build();
        FlagContext staff = FlagContext.builder("user-2").personProperty("email", "dev@acme.io").build();

        long cpuBefore = onCpuNanos();
        long start = System.nanoTime();
        FlagDefinitions definitions = FlagDefinitions.parse(Files.readAllBytes(file));
        LocalEvaluator evaluator = new LocalEvaluator(definitions);
        long loaded = System.nanoTime();
        long cpuAfter = onCpuNanos();
        long firstStart = System.nanoTime();
        FlagResult first = evaluator.evaluate("new-navigation", plain);
        long firstDone = System.nanoTime();
        FlagResult regex = evaluator.evaluate("staff-debug-panel", staff);
        long regexDone = System.nanoTime();

        if (!first.value().isEnabled() || !regex.value().isEnabled()) {
            throw new IllegalStateException("unexpected answers: " + first + ", " + regex);
        }
        transport.check();
        transport.disarm();
        client.close();
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
        String cpu = cpuBefore < 0 || cpuAfter < 0 ? ""
                : String.format(Locale.ROOT, " cpu_ms=%.2f", (cpuAfter - cpuBefore) / 1e6);
        return String.format(Locale.ROOT, "mode=load ms=%.2f%s first_eval_ms=%.2f regex_eval_ms=%.2f jvm_ms=%d flags=%d",
                (loaded - start) / 1e6, cpu, (firstDone - firstStart) / 1e6, (regexDone - firstDone) / 1e6, uptime,
                definitions.size());
    }

    /**
     * The time this thread has spent on a CPU, from Linux's {@code /proc/thread-self/schedstat}
     * (its first field, in ns), read with {@code FileInputStream} (loaded at JVM start, so the
     * read adds no class loading); -1 where that file does not exist.
     */
    private static long onCpuNanos() {
        try (FileInputStream in = new FileInputStream("/proc/thread-self/schedstat")) {
            String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            int end = text.indexOf(' ');
            return end > 0 ? Long.parseLong(text.substring(0, end)) : -1;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }
}
