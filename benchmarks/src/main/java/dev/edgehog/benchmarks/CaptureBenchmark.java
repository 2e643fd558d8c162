// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.benchmarks;

import dev.edgehog.ClientStats;
import dev.edgehog.Event;
import dev.edgehog.PostHog;
import dev.edgehog.SendMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The cost per event of capturing a 20-property event, batch encoding included. Each
 * invocation captures {@value SampleEvents#BATCH_SIZE} events and sends them as one batch, and
 * counts as {@value SampleEvents#BATCH_SIZE} operations, so the scores are per event. Read it
 * with {@code -prof gc} for bytes allocated per event ({@code gc.alloc.rate.norm}).
 *
 * <p>The mode is sample time: every sample is a whole batch cycle, and the median of those
 * samples stays meaningful on a busy machine, where a mean absorbs every pause the benchmark
 * thread suffers.
 *
 * <ul>
 *   <li>{@link #edgehog}: the real client path, {@code PostHog.capture(event)} in buffered mode
 *       (validate, uuid, timestamp, enrichment, encode once into bytes, queue) and
 *       {@code flush()} (splice the queued bytes into the envelope, hand it to a no-op
 *       transport). {@code flushAt} is out of reach, so only the explicit flush sends.
 *   <li>{@link #jacksonBatched}: an ordinary Jackson client: build the enriched event maps,
 *       queue them, then encode the envelope map with {@code writeValueAsBytes} and send it
 *       (each event is encoded once, at flush).
 *   <li>{@link #jacksonEvent}: build the enriched event map and {@code writeValueAsBytes} it,
 *       for each event, with no batch work at all.
 * </ul>
 *
 * gzip is off on both sides: compressing a 100-event body costs more than encoding it and would
 * hide the encoding; {@link BatchBenchmark} measures it separately.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@OperationsPerInvocation(SampleEvents.BATCH_SIZE)
public class CaptureBenchmark {
    private static final int NEVER = 1 << 24;

    private Event event;
    private Map<String, Object> properties;
    private PostHog client;
    private NoOpTransport edgehogTransport;
    private JacksonBaseline jackson;
    private NoOpTransport jacksonTransport;
    private final List<Map<String, Object>> pending = new ArrayList<>(SampleEvents.BATCH_SIZE);

    /** Builds the client, the baseline and the event. */
    @Setup(Level.Trial)
    public void setUp() {
        event = SampleEvents.event();
        properties = SampleEvents.properties();
        edgehogTransport = new NoOpTransport();
        client = PostHog.builder(SampleEvents.API_KEY)
                .sendMode(SendMode.BUFFERED)
                .flushAt(NEVER)
                .maxQueueSize(NEVER)
                .gzip(false)
                .maxRetries(0)
                .transport(edgehogTransport)
                .build();
        jacksonTransport = new NoOpTransport();
        jackson = new JacksonBaseline(jacksonTransport, false);
    }

    /** Fails the run if the client dropped anything or never sent: the numbers would be meaningless. */
    @TearDown(Level.Trial)
    public void tearDown() {
        client.flush();
        ClientStats s = client.stats();
        if (s.accepted() > 0 && (s.delivered() != s.accepted() || edgehogTransport.requests() == 0)) {
            throw new IllegalStateException("the client did not deliver every event: " + s);
        }
        client.close();
    }

    /** Edgehog: {@value SampleEvents#BATCH_SIZE} captures, then a flush. */
    @Benchmark
    public void edgehog() {
        for (int i = 0; i < SampleEvents.BATCH_SIZE; i++) {
            client.capture(event);
        }
        client.flush();
    }

    /** Jackson: {@value SampleEvents#BATCH_SIZE} event maps queued, then the envelope encoded and sent. */
    @Benchmark
    public void jacksonBatched() {
        for (int i = 0; i < SampleEvents.BATCH_SIZE; i++) {
            pending.add(jackson.event(SampleEvents.NAME, SampleEvents.DISTINCT_ID, properties));
        }
        jackson.send(pending);
        pending.clear();
    }

    /**
     * Jackson: {@value SampleEvents#BATCH_SIZE} event maps built and each encoded on its own.
     *
     * @param sink takes each event's JSON, so none of the work can be dropped
     */
    @Benchmark
    public void jacksonEvent(Blackhole sink) {
        for (int i = 0; i < SampleEvents.BATCH_SIZE; i++) {
            sink.consume(jackson.encode(jackson.event(SampleEvents.NAME, SampleEvents.DISTINCT_ID, properties)));
        }
    }
}
