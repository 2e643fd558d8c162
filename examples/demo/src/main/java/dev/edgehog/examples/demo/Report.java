// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.examples.demo;

import com.dslplatform.json.DslJson;
import com.dslplatform.json.JsonWriter;
import com.dslplatform.json.ObjectConverter;
import com.dslplatform.json.PrettifyOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Prints what the {@link PostHogStandIn} received: one table row per request (phase, events,
 * their names, bytes on the wire against bytes of JSON), the totals, the headers, and one event
 * in full so a reader sees the wire shape.
 */
final class Report {
    private static final DslJson<Object> JSON = new DslJson<>(new DslJson.Settings<>());

    private Report() {}

    /**
     * @param requests what the stand-in recorded, in arrival order
     * @param out where to print
     */
    static void print(List<RecordedRequest> requests, PrintStream out) {
        out.println();
        out.println("3. What the stand-in received: " + requests.size() + " requests to POST /batch/");
        out.printf("   %2s  %-9s  %6s  %-30s  %8s  %8s%n", "#", "mode", "events", "event names", "on wire", "as JSON");
        int events = 0;
        long wire = 0;
        long json = 0;
        for (int i = 0; i < requests.size(); i++) {
            RecordedRequest r = requests.get(i);
            out.printf("   %2d  %-9s  %6d  %-30s  %8s  %8s%n", i + 1, r.phase(), r.events().size(),
                    names(r.eventNames()), bytes(r.wireBytes()), bytes(r.jsonBytes()));
            events += r.events().size();
            wire += r.wireBytes();
            json += r.jsonBytes();
        }
        out.printf("       %-9s  %6d  %-30s  %8s  %8s%n", "total", events, "", bytes(wire), bytes(json));
        if (json > 0) {
            out.printf("   gzip sent %d%% of the JSON's bytes%n", Math.round(100.0 * wire / json));
        }
        out.println("   headers: " + headers(requests));
        if (!requests.isEmpty() && !requests.get(0).events().isEmpty()) {
            Map<String, Object> first = requests.get(0).events().get(0);
            out.println();
            out.println("4. Request 1's event as it arrived:");
            for (String line : pretty(first).split("\n")) {
                out.println("   " + line);
            }
            out.println("   " + facts(first));
        }
    }

    /** "page viewed x10" for a run of one name; otherwise the distinct names, shortened to fit. */
    static String names(List<String> names) {
        Set<String> distinct = new LinkedHashSet<>(names);
        String s = distinct.size() == 1 && names.size() > 1 ? names.get(0) + " x" + names.size()
                : String.join(", ", distinct);
        return s.length() <= 30 ? s : s.substring(0, 27) + "...";
    }

    private static String bytes(long n) {
        return n + " B";
    }

    private static String headers(List<RecordedRequest> requests) {
        Set<String> seen = new LinkedHashSet<>();
        for (RecordedRequest r : requests) {
            seen.add("User-Agent " + r.userAgent() + ", Content-Encoding "
                    + (r.contentEncoding() == null ? "(none)" : r.contentEncoding()));
        }
        return seen.size() == 1 ? seen.iterator().next() + " (every request)" : String.join("; ", seen);
    }

    /** The wire facts a reader should notice, read from the event itself. */
    private static String facts(Map<String, Object> event) {
        List<String> facts = new ArrayList<>();
        if (event.get("properties") instanceof Map<?, ?> props) {
            facts.add("$lib " + props.get("$lib") + " " + props.get("$lib_version"));
            facts.add("$geoip_disable " + props.get("$geoip_disable"));
        }
        Object uuid = event.get("uuid");
        try {
            facts.add("uuid version " + UUID.fromString(String.valueOf(uuid)).version());
        } catch (IllegalArgumentException e) {
            facts.add("uuid " + uuid + " is not a UUID");
        }
        facts.add("timestamp " + event.get("timestamp"));
        return String.join("; ", facts);
    }

    /** Indents a decoded JSON object with DSL-JSON's own prettifier (keys keep wire order). */
    static String pretty(Map<String, Object> object) {
        JsonWriter writer = JSON.newWriter();
        ObjectConverter.serializeMap(object, writer);
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (PrettifyOutputStream pretty = new PrettifyOutputStream(buffer, PrettifyOutputStream.IndentType.SPACES, 2)) {
            writer.toStream(pretty);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
