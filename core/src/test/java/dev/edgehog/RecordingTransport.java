// SPDX-License-Identifier: Apache-2.0
package dev.edgehog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edgehog.spi.Transport;
import dev.edgehog.spi.TransportRequest;
import dev.edgehog.spi.TransportResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory {@link Transport} for tests: answers each request through a scripted {@link
 * Responder} and remembers every request, with the thread that sent it and its status. Safe for
 * concurrent use; it starts no thread.
 */
final class RecordingTransport implements Transport {

    /** Decides the answer to the request with the given 0-based index. */
    @FunctionalInterface
    interface Responder {
        TransportResponse respond(int index, TransportRequest request) throws IOException, InterruptedException;
    }

    /**
     * One request as it was sent.
     *
     * @param request the request
     * @param thread the thread that called {@link Transport#send}
     * @param status the status answered, or 0 when a network error was thrown
     */
    record Sent(TransportRequest request, Thread thread, int status) {
        /** @return the batch body as JSON, gunzipped when needed */
        JsonNode body() {
            return Batches.body(request);
        }

        /** @return the events of the batch */
        List<JsonNode> events() {
            return Batches.events(body());
        }

        boolean delivered() {
            return status >= 200 && status < 300;
        }
    }

    private final Responder responder;
    private final AtomicInteger count = new AtomicInteger();
    private final ConcurrentLinkedQueue<Sent> sent = new ConcurrentLinkedQueue<>();

    RecordingTransport(Responder responder) {
        this.responder = responder;
    }

    /** @return a transport that answers 200 to everything */
    static RecordingTransport accepting() {
        return new RecordingTransport((i, r) -> TransportResponse.of(200));
    }

    @Override
    public TransportResponse send(TransportRequest request) throws IOException, InterruptedException {
        int index = count.getAndIncrement();
        TransportResponse response;
        try {
            response = responder.respond(index, request);
        } catch (IOException | RuntimeException e) {
            sent.add(new Sent(request, Thread.currentThread(), 0));
            throw e;
        }
        sent.add(new Sent(request, Thread.currentThread(), response.status()));
        return response;
    }

    /** @return every request so far, in the order their answers were decided */
    List<Sent> sent() {
        return new ArrayList<>(sent);
    }

    /** @return the events of every request answered with a 2xx status */
    List<JsonNode> deliveredEvents() {
        List<JsonNode> events = new ArrayList<>();
        for (Sent s : sent) {
            if (s.delivered()) {
                events.addAll(s.events());
            }
        }
        return events;
    }
}
