// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.gcf;

import com.dslplatform.json.DslJson;
import com.dslplatform.json.JsonReader;
import com.dslplatform.json.ObjectConverter;
import dev.edgehog.spi.Transport;
import dev.edgehog.spi.TransportRequest;
import dev.edgehog.spi.TransportResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * A {@link Transport} that records every request, with the thread that made it, and answers
 * with a scripted outcome (200 by default). Shared with the examples through the test-jar.
 */
public final class RecordingTransport implements Transport {
    /** What the transport does with a request. */
    @FunctionalInterface
    public interface Outcome {
        /**
         * @param request the request
         * @return the response
         * @throws IOException to simulate a network error
         */
        TransportResponse answer(TransportRequest request) throws IOException;
    }

    /** One recorded request. */
    public record Recorded(TransportRequest request, Thread thread) {
        /** @return the decoded JSON body */
        public Map<String, Object> json() {
            return parse(body(request));
        }

        /** @return the {@code event} names of the batch, in order */
        public List<String> eventNames() {
            List<String> names = new ArrayList<>();
            for (Map<String, Object> e : events()) {
                names.add((String) e.get("event"));
            }
            return names;
        }

        /** @return the batch's events */
        @SuppressWarnings("unchecked")
        public List<Map<String, Object>> events() {
            return (List<Map<String, Object>>) json().get("batch");
        }
    }

    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private volatile Outcome outcome = request -> TransportResponse.of(200);

    /** @param outcome what every later request gets */
    public void answerWith(Outcome outcome) {
        this.outcome = outcome;
    }

    @Override
    public TransportResponse send(TransportRequest request) throws IOException {
        requests.add(new Recorded(request, Thread.currentThread()));
        return outcome.answer(request);
    }

    /** @return the requests so far */
    public List<Recorded> requests() {
        return List.copyOf(requests);
    }

    /** @return the only request so far; fails when there is not exactly one */
    public Recorded onlyRequest() {
        List<Recorded> all = requests();
        if (all.size() != 1) {
            throw new AssertionError("expected exactly one request, got " + all.size() + ": " + all);
        }
        return all.get(0);
    }

    private static byte[] body(TransportRequest request) {
        try {
            if ("gzip".equalsIgnoreCase(request.header("Content-Encoding"))) {
                try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(request.body()))) {
                    return in.readAllBytes();
                }
            }
            return request.body();
        } catch (IOException e) {
            throw new AssertionError("cannot gunzip the request body", e);
        }
    }

    /**
     * @param json a JSON object
     * @return it as a map
     */
    public static Map<String, Object> parse(byte[] json) {
        try {
            DslJson<Object> dsl = new DslJson<>();
            JsonReader<Object> reader = dsl.newReader(json);
            reader.getNextToken();
            return ObjectConverter.deserializeMap(reader);
        } catch (IOException e) {
            throw new AssertionError("not a JSON object: " + new String(json, java.nio.charset.StandardCharsets.UTF_8), e);
        }
    }
}
