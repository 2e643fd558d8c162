// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.benchmarks;

import dev.edgehog.DeliveryResult;
import dev.edgehog.Event;
import dev.edgehog.PostHog;
import dev.edgehog.PostHogOptions;
import dev.edgehog.SendMode;
import dev.edgehog.internal.capture.BatchSender;
import dev.edgehog.internal.capture.Counters;
import dev.edgehog.internal.capture.Delivery;
import dev.edgehog.internal.capture.ErrorReporter;
import dev.edgehog.internal.capture.EventPreparer;
import dev.edgehog.internal.capture.PreparedEvent;
import dev.edgehog.internal.capture.UuidV7;
import java.time.Duration;
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
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of sending one batch of {@value SampleEvents#BATCH_SIZE} already-captured 20-property
 * events, uncompressed and gzipped. One operation is one whole batch.
 *
 * <ul>
 *   <li>{@link #edgehog}: the client's own flush path: the prepared (already encoded) events
 *       are queued in the client's {@link Delivery} and {@link Delivery#flush} takes them, splices
 *       them into the envelope, gzips if asked and hands the body to a no-op transport. The
 *       events are prepared once, in setup, by the client's own {@link EventPreparer}; queueing
 *       them again each operation costs a few lock acquisitions and is included.
 *   <li>{@link #jackson}: the same {@value SampleEvents#BATCH_SIZE} enriched event maps encoded
 *       as the envelope map with {@code writeValueAsBytes} (or streamed through gzip).
 * </ul>
 *
 * Edgehog encodes an event when it is captured, so its flush only copies bytes while Jackson's
 * encodes every event here: compare the per-event totals in {@link CaptureBenchmark}, and read
 * this one as "what a flush costs on the request path". Sample time, for a median that holds
 * up on a busy machine (see {@link CaptureBenchmark}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class BatchBenchmark {
    private static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(10);

    /** Whether the body is gzipped, as the client does by default. */
    @Param({"false", "true"})
    public boolean gzip;

    private Delivery delivery;
    private NoOpTransport edgehogTransport;
    private final List<PreparedEvent> prepared = new ArrayList<>(SampleEvents.BATCH_SIZE);
    private JacksonBaseline jackson;
    private final List<Map<String, Object>> eventMaps = new ArrayList<>(SampleEvents.BATCH_SIZE);

    /** Prepares the batch on both sides. */
    @Setup(Level.Trial)
    public void setUp() {
        edgehogTransport = new NoOpTransport();
        PostHogOptions options = PostHog.builder(SampleEvents.API_KEY)
                .sendMode(SendMode.BUFFERED)
                .flushAt(SampleEvents.BATCH_SIZE * 2)
                .maxBatchSize(SampleEvents.BATCH_SIZE)
                .gzip(gzip)
                .maxRetries(0)
                .transport(edgehogTransport)
                .buildOptions();
        Counters counters = new Counters();
        ErrorReporter reporter = new ErrorReporter(null);
        delivery = new Delivery(options, new BatchSender(options, edgehogTransport, counters), counters, reporter);
        EventPreparer preparer = new EventPreparer(options, new UuidV7(), counters, reporter);
        Event event = SampleEvents.event();
        jackson = new JacksonBaseline(new NoOpTransport(), gzip);
        Map<String, Object> properties = SampleEvents.properties();
        for (int i = 0; i < SampleEvents.BATCH_SIZE; i++) {
            PreparedEvent e = preparer.prepare(event, "capture", false).event();
            if (e == null) {
                throw new IllegalStateException("the sample event was dropped");
            }
            prepared.add(e);
            eventMaps.add(jackson.event(SampleEvents.NAME, SampleEvents.DISTINCT_ID, properties));
        }
    }

    /** Fails the run if a flush did not deliver the whole batch in one request. */
    @TearDown(Level.Trial)
    public void tearDown() {
        if (delivery.queued() != 0) {
            throw new IllegalStateException(delivery.queued() + " events were left queued");
        }
    }

    /**
     * Edgehog: queue the prepared events and flush them as one batch.
     *
     * @return the flush result
     */
    @Benchmark
    public DeliveryResult edgehog() {
        for (PreparedEvent e : prepared) {
            delivery.enqueue(e);
        }
        DeliveryResult r = delivery.flush(FLUSH_TIMEOUT);
        if (r.delivered() != SampleEvents.BATCH_SIZE || r.requests() != 1) {
            throw new IllegalStateException("expected one request delivering the batch, got " + r);
        }
        return r;
    }

    /**
     * Jackson: encode the envelope of the event maps and send it.
     *
     * @return the body
     */
    @Benchmark
    public byte[] jackson() {
        return jackson.send(eventMaps);
    }
}
