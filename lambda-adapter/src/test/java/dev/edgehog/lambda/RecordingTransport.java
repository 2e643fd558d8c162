// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.lambda;

import dev.edgehog.spi.Transport;
import dev.edgehog.spi.TransportRequest;
import dev.edgehog.spi.TransportResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * A {@link Transport} that records every request (and connection reset) and answers with a
 * scripted outcome: HTTP 200 by default, or an {@link IOException} to play a network failure.
 */
public final class RecordingTransport implements Transport {
    /** What happened, in order: {@code "send"} or {@code "reset"}. */
    public final List<String> calls = new CopyOnWriteArrayList<>();
    /** The requests, in order. */
    public final List<TransportRequest> requests = new CopyOnWriteArrayList<>();
    private volatile IOException failure;

    /** @param failure thrown by every following send (null: answer 200 again) */
    public void failWith(IOException failure) {
        this.failure = failure;
    }

    @Override
    public TransportResponse send(TransportRequest request) throws IOException {
        calls.add("send");
        requests.add(request);
        IOException f = failure;
        if (f != null) {
            throw f;
        }
        return new TransportResponse(200, java.util.Map.of(), "{\"status\":1}".getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void resetConnections() {
        calls.add("reset");
    }

    /** @return the request bodies as JSON text, gunzipped when needed */
    public List<String> bodies() {
        List<String> out = new ArrayList<>();
        for (TransportRequest r : requests) {
            out.add(text(r));
        }
        return out;
    }

    /**
     * @param request a recorded request
     * @return its body as JSON text
     */
    public static String text(TransportRequest request) {
        if (!"gzip".equals(request.header("Content-Encoding"))) {
            return new String(request.body(), StandardCharsets.UTF_8);
        }
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(request.body()))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
