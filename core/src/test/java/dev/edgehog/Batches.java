// SPDX-License-Identifier: Apache-2.0
package dev.edgehog;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.edgehog.spi.TransportRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Reads batch requests back, from WireMock's journal or from a {@link RecordingTransport}, with Jackson. */
final class Batches {
    static final ObjectMapper JSON = new ObjectMapper();

    private Batches() {}

    /** @return the {@code POST /batch/} requests the server received, oldest first */
    static List<LoggedRequest> received(WireMockExtension server) {
        return server.findAll(postRequestedFor(urlEqualTo("/batch/")));
    }

    /**
     * The requests made by one client, told apart by its project API key. Tests with delayed
     * stubs need this: WireMock may journal a request that timed out on the client side after
     * the next test's reset, so a plain count could include a request of an earlier test.
     *
     * @return the {@code POST /batch/} requests carrying {@code apiKey}, oldest first
     */
    static List<LoggedRequest> received(WireMockExtension server, String apiKey) {
        return server.findAll(postRequestedFor(urlEqualTo("/batch/"))
                .withRequestBody(matchingJsonPath("$.api_key", equalTo(apiKey))));
    }

    /** @return the events of a request WireMock received (WireMock gunzips the body) */
    static List<JsonNode> events(LoggedRequest request) {
        try {
            return events(JSON.readTree(request.getBodyAsString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the number of events in each request, in order */
    static List<Integer> sizes(List<LoggedRequest> requests) {
        List<Integer> sizes = new ArrayList<>();
        for (LoggedRequest r : requests) {
            sizes.add(events(r).size());
        }
        return sizes;
    }

    /** @return the {@code seq} property of every event of every request, in order */
    static List<Integer> seqs(List<LoggedRequest> requests) {
        List<Integer> seqs = new ArrayList<>();
        for (LoggedRequest r : requests) {
            seqs.addAll(seqsOf(events(r)));
        }
        return seqs;
    }

    /** @return the {@code seq} property of each event */
    static List<Integer> seqsOf(List<JsonNode> events) {
        List<Integer> seqs = new ArrayList<>();
        for (JsonNode e : events) {
            seqs.add(e.get("properties").get("seq").asInt());
        }
        return seqs;
    }

    /** @return the uuid of each event */
    static List<String> uuids(List<JsonNode> events) {
        List<String> uuids = new ArrayList<>();
        for (JsonNode e : events) {
            uuids.add(e.get("uuid").asText());
        }
        return uuids;
    }

    /** @return the body of a request made through a transport, gunzipped when it says so */
    static JsonNode body(TransportRequest request) {
        byte[] body = request.body();
        return parse("gzip".equals(request.header("Content-Encoding")) ? gunzip(body) : body);
    }

    static List<JsonNode> events(JsonNode body) {
        List<JsonNode> events = new ArrayList<>();
        body.get("batch").forEach(events::add);
        return events;
    }

    static JsonNode parse(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] gunzip(byte[] gz) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
