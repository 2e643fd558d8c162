// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.edgehog.internal.LibraryInfo;
import dev.edgehog.internal.capture.Timestamps;
import dev.edgehog.internal.capture.UuidV7;
import dev.edgehog.spi.Transport;
import dev.edgehog.spi.TransportRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * The baseline: the same event and batch JSON produced the ordinary way, as a client built on
 * Jackson-databind would: the event becomes a {@code Map} with the same enrichment Edgehog
 * adds ({@code $lib}, {@code $lib_version}, {@code $is_server}, {@code $geoip_disable}, a
 * UUIDv7 and a millisecond timestamp), and {@link ObjectMapper#writeValueAsBytes} encodes it;
 * a batch is the envelope map ({@code api_key}, {@code batch}, {@code sent_at}) encoded the
 * same way, gzipped by streaming into a {@link GZIPOutputStream} when asked.
 *
 * <p>It deliberately shares Edgehog's uuid generator, timestamp formatter, clock and transport,
 * so the two sides differ only in how the JSON is built and written. One thread only.
 */
public final class JacksonBaseline {
    private static final URI BATCH_URI = URI.create("http://127.0.0.1/batch/");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final UuidV7 uuids = new UuidV7();
    private final Clock clock = Clock.systemUTC();
    private final Transport transport;
    private final boolean gzip;
    private final Map<String, String> headers;

    /**
     * @param transport where batches go
     * @param gzip whether batches are gzipped
     */
    public JacksonBaseline(Transport transport, boolean gzip) {
        this.transport = transport;
        this.gzip = gzip;
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "application/json");
        h.put("User-Agent", LibraryInfo.USER_AGENT);
        if (gzip) {
            h.put("Content-Encoding", "gzip");
        }
        this.headers = h;
    }

    /**
     * Builds the wire form of an event as a map: the caller's properties copied and enriched.
     *
     * @param name the event name
     * @param distinctId the distinct id
     * @param properties the caller's properties
     * @return the event map
     */
    public Map<String, Object> event(String name, String distinctId, Map<String, Object> properties) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Map<String, Object> props = new LinkedHashMap<>(properties);
        props.put("$lib", LibraryInfo.NAME);
        props.put("$lib_version", LibraryInfo.VERSION);
        props.put("$is_server", Boolean.TRUE);
        props.put("$geoip_disable", Boolean.TRUE);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event", name);
        event.put("distinct_id", distinctId);
        event.put("properties", props);
        event.put("timestamp", Timestamps.format(now));
        event.put("uuid", uuids.next(now.toEpochMilli()).toString());
        return event;
    }

    /**
     * @param event an event map
     * @return its JSON
     */
    public byte[] encode(Map<String, Object> event) {
        try {
            return mapper.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Encodes the batch envelope (gzipped if configured) and hands it to the transport.
     *
     * @param events the event maps
     * @return the body that was sent
     */
    public byte[] send(List<Map<String, Object>> events) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("api_key", SampleEvents.API_KEY);
        envelope.put("batch", events);
        envelope.put("sent_at", Timestamps.format(clock.instant().truncatedTo(ChronoUnit.MILLIS)));
        byte[] body;
        try {
            if (gzip) {
                ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
                try (GZIPOutputStream gz = new GZIPOutputStream(out, 8192)) {
                    mapper.writeValue(gz, envelope);
                }
                body = out.toByteArray();
            } else {
                body = mapper.writeValueAsBytes(envelope);
            }
            transport.send(new TransportRequest("POST", BATCH_URI, headers, body, TIMEOUT));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return body;
    }
}
