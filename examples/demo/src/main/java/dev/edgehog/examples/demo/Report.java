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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Prints what the {@link PostHogStandIn} received: one table row per request (part of the
 * scenario, endpoint, status, events and their names or the flags asked for, bytes on the wire
 * against bytes of JSON), the totals, the headers, one event in full so a reader sees the wire
 * shape, and the {@code $feature_flag_called} events the flag calls sent.
 */
final class Report {
    private static final DslJson<Object> JSON = new DslJson<>(new DslJson.Settings<>());
    private static final String ROW = "   %2s  %-9s  %-22s  %4s  %6s  %-30s  %8s  %8s%n";
    private static final String EVENT_ROW = "   %-12s  %-13s  %-9s  %-17s  %s";

    private Report() {}

    /**
     * @param requests what the stand-in recorded, in arrival order
     * @param out where to print
     */
    static void print(List<RecordedRequest> requests, PrintStream out) {
        out.println();
        out.println("4. What the stand-in received: " + requests.size() + " requests (" + countByEndpoint(requests) + ")");
        out.printf(ROW, "#", "part", "request", "HTTP", "events", "event names / flags asked", "on wire", "as JSON");
        int events = 0;
        long wire = 0;
        long json = 0;
        long batchWire = 0;
        long batchJson = 0;
        for (int i = 0; i < requests.size(); i++) {
            RecordedRequest r = requests.get(i);
            boolean hasBody = r.jsonBytes() > 0;
            out.printf(ROW, i + 1, r.phase(), r.endpoint(), r.status(), r.isBatch() ? r.events().size() : "",
                    r.isBatch() ? names(r.eventNames()) : detail(r), hasBody ? bytes(r.wireBytes()) : "-",
                    hasBody ? bytes(r.jsonBytes()) : "-");
            events += r.events().size();
            wire += r.wireBytes();
            json += r.jsonBytes();
            if (r.isBatch()) {
                batchWire += r.wireBytes();
                batchJson += r.jsonBytes();
            }
        }
        out.printf(ROW, "", "total", "", "", events, "", bytes(wire), bytes(json));
        if (batchJson > 0) {
            out.printf("   gzip sent %d%% of the batches' JSON bytes%n", Math.round(100.0 * batchWire / batchJson));
        }
        out.println("   headers: " + headers(requests));
        if (!requests.isEmpty() && !requests.get(0).events().isEmpty()) {
            Map<String, Object> first = requests.get(0).events().get(0);
            out.println();
            out.println("5. Request 1's event as it arrived:");
            for (String line : pretty(first).split("\n")) {
                out.println("   " + line);
            }
            out.println("   " + facts(first));
        }
        flagCalledEvents(requests, out);
    }

    /**
     * One line for a request, as the flag narration shows it.
     *
     * @param r the request
     * @return e.g. {@code POST /flags/?v=2, flag_keys_to_evaluate [beta-tools] -> 200}
     */
    static String describe(RecordedRequest r) {
        String what = r.isBatch() ? " with " + r.events().size() + (r.events().size() == 1 ? " event" : " events")
                : ", " + detail(r);
        return r.endpoint() + what + " -> " + r.status();
    }

    /** What a flag request asked: the ETag it already had, or the flags and the person. */
    private static String detail(RecordedRequest r) {
        if (PostHogStandIn.DEFINITIONS.equals(r.endpoint())) {
            return r.ifNoneMatch() == null ? "no ETag yet" : "If-None-Match " + r.ifNoneMatch();
        }
        List<String> keys = r.flagKeysToEvaluate();
        return (keys == null ? "every flag" : String.join(", ", keys)) + " for " + r.distinctId();
    }

    /** "$feature_flag_called" events, one line each, wherever they arrived. */
    private static void flagCalledEvents(List<RecordedRequest> requests, PrintStream out) {
        List<String> rows = new ArrayList<>();
        Set<Integer> from = new TreeSet<>();
        for (int i = 0; i < requests.size(); i++) {
            for (Map<String, Object> e : requests.get(i).events()) {
                if ("$feature_flag_called".equals(e.get("event")) && e.get("properties") instanceof Map<?, ?> p) {
                    rows.add(String.format(EVENT_ROW, e.get("distinct_id"), p.get("$feature_flag"),
                            json(p.get("$feature_flag_response")), p.get("locally_evaluated"), p.get("$feature_flag_reason")));
                    from.add(i + 1);
                }
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        out.println();
        out.println("6. The $feature_flag_called events, as they arrived (request" + (from.size() == 1 ? " " : "s ")
                + joinNumbers(from) + "):");
        out.println(String.format(EVENT_ROW, "distinct_id", "$feature_flag", "response",
                "locally_evaluated", "$feature_flag_reason"));
        rows.forEach(out::println);
    }

    private static String json(Object value) {
        return value instanceof String s ? '"' + s + '"' : String.valueOf(value);
    }

    private static String joinNumbers(Set<Integer> numbers) {
        List<String> s = new ArrayList<>();
        numbers.forEach(n -> s.add(String.valueOf(n)));
        return String.join(" and ", s);
    }

    private static String countByEndpoint(List<RecordedRequest> requests) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (RecordedRequest r : requests) {
            counts.merge(r.endpoint(), 1, Integer::sum);
        }
        List<String> parts = new ArrayList<>();
        counts.forEach((endpoint, n) -> parts.add(n + " " + endpoint));
        return String.join(", ", parts);
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
        Set<String> agents = new LinkedHashSet<>();
        Set<String> encodings = new LinkedHashSet<>();
        for (RecordedRequest r : requests) {
            agents.add(String.valueOf(r.userAgent()));
            if (r.isBatch()) {
                encodings.add(r.contentEncoding() == null ? "(none)" : r.contentEncoding());
            }
        }
        return "User-Agent " + String.join(" / ", agents) + (agents.size() == 1 ? " (every request)" : "")
                + ", Content-Encoding " + String.join(" / ", encodings) + (encodings.size() == 1 ? " (every batch)" : "");
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
