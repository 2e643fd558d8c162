// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.flags;

import dev.edgehog.flags.FlagContext;
import dev.edgehog.flags.FlagResult;
import dev.edgehog.flags.FlagValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares the Java evaluator with posthog-node's answers for one case: the all-flags map and
 * payloads per request, and every single-flag result (value and payload).
 */
final class ConformanceCheck {
    private ConformanceCheck() {}

    @SuppressWarnings("unchecked")
    static FlagContext context(Map<String, Object> request) {
        FlagContext.Builder b = FlagContext.builder((String) request.get("distinctId"));
        if (request.get("groups") instanceof Map<?, ?> g) {
            g.forEach((k, v) -> b.group((String) k, String.valueOf(v)));
        }
        if (request.get("personProperties") instanceof Map<?, ?> p) {
            b.personProperties((Map<String, ?>) p);
        }
        if (request.get("groupProperties") instanceof Map<?, ?> gp) {
            gp.forEach((k, v) -> b.groupProperties((String) k, (Map<String, ?>) v));
        }
        return b.build();
    }

    /** The node-shaped single-flag answer: null, or {enabled, variant, payload}. */
    static Object single(FlagResult r) {
        if (!r.value().isKnown()) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("enabled", r.value().isEnabled());
        m.put("variant", r.value().variant().orElse(null));
        m.put("payload", r.payload());
        return m;
    }

    @SuppressWarnings("unchecked")
    static List<String> compare(String caseId, Object definitionsJson, List<Object> requests, List<Object> answers,
            java.time.Clock clock) {
        List<String> mismatches = new ArrayList<>();
        FlagDefinitions defs;
        try {
            defs = FlagDefinitions.fromJson(definitionsJson);
        } catch (FlagDefinitionsException e) {
            mismatches.add(caseId + ": definitions rejected: " + e.getMessage());
            return mismatches;
        }
        LocalEvaluator evaluator = new LocalEvaluator(defs, clock);
        for (int i = 0; i < requests.size(); i++) {
            Map<String, Object> req = (Map<String, Object>) requests.get(i);
            Map<String, Object> answer = (Map<String, Object>) answers.get(i);
            FlagContext ctx = context(req);
            String where = caseId + " request " + i + " " + TestJson.canonical(req);
            LocalEvaluator.AllFlags all = evaluator.evaluateAll(ctx);
            Map<String, Object> javaFlags = new LinkedHashMap<>();
            all.flags().forEach((k, v) -> javaFlags.put(k, v.toJsonValue()));
            Map<String, Object> nodeAll = (Map<String, Object>) answer.get("all");
            String jf = TestJson.canonical(javaFlags);
            String nf = TestJson.canonical(nodeAll.get("flags"));
            if (!jf.equals(nf)) {
                mismatches.add(where + "\n    all-flags: node " + nf + "\n               java " + jf
                        + "\n    java reasons: " + reasons(all));
            }
            String jp = TestJson.canonical(all.payloads());
            String np = TestJson.canonical(nodeAll.get("payloads"));
            if (!jp.equals(np)) {
                mismatches.add(where + "\n    all-payloads: node " + np + "\n                  java " + jp);
            }
            Map<String, Object> single = (Map<String, Object>) answer.get("single");
            for (Map.Entry<String, Object> e : single.entrySet()) {
                FlagResult r = evaluator.evaluate(e.getKey(), ctx);
                String js = TestJson.canonical(single(r));
                String ns = TestJson.canonical(e.getValue());
                if (!js.equals(ns)) {
                    mismatches.add(where + "\n    flag " + e.getKey() + ": node " + ns + "\n      java " + js
                            + " (" + r.reason() + ")");
                }
            }
        }
        return mismatches;
    }

    private static String reasons(LocalEvaluator.AllFlags all) {
        StringBuilder sb = new StringBuilder();
        for (FlagResult r : all.results().values()) {
            if (!r.value().isKnown()) {
                sb.append(r.key()).append("=").append(r.reason()).append("; ");
            }
        }
        return sb.toString();
    }

    static FlagValue value(Object json) {
        if (json == null) {
            return FlagValue.UNKNOWN;
        }
        if (json instanceof Boolean b) {
            return FlagValue.of(b);
        }
        return FlagValue.variant((String) json);
    }
}
