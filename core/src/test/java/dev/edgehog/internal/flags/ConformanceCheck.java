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

    /**
     * Differences found. {@code documented} holds the allowed ones: Node decided, we left the flag
     * to the server because of a deliberate difference listed in docs/flags-differences.md.
     */
    record Outcome(List<String> mismatches, List<String> documented) {}

    static boolean documented(FlagResult r) {
        return r != null && !r.value().isKnown()
                && r.reason().description().contains(LocalEvaluator.DELIBERATE_DIFFERENCE);
    }

    static List<String> compare(String caseId, String definitionsText, List<Object> requests, List<Object> answers,
            java.time.Clock clock) {
        Outcome o = compareAll(caseId, definitionsText, requests, answers, clock);
        List<String> all = new ArrayList<>(o.mismatches());
        all.addAll(o.documented());
        return all;
    }

    @SuppressWarnings("unchecked")
    static Outcome compareAll(String caseId, String definitionsText, List<Object> requests, List<Object> answers,
            java.time.Clock clock) {
        List<String> mismatches = new ArrayList<>();
        List<String> documented = new ArrayList<>();
        FlagDefinitions defs;
        try {
            defs = FlagDefinitions.parse(definitionsText);
        } catch (FlagDefinitionsException e) {
            mismatches.add(caseId + ": definitions rejected: " + e.getMessage());
            return new Outcome(mismatches, documented);
        }
        LocalEvaluator evaluator = new LocalEvaluator(defs, clock);
        for (int i = 0; i < requests.size(); i++) {
            Map<String, Object> req = (Map<String, Object>) requests.get(i);
            Map<String, Object> answer = (Map<String, Object>) answers.get(i);
            FlagContext ctx = context(req);
            String where = caseId + " request " + i + " " + TestJson.canonical(req);
            LocalEvaluator.AllFlags all = evaluator.evaluateAll(ctx, (List<String>) req.get("flagKeys"));
            Map<String, Object> javaFlags = new LinkedHashMap<>();
            all.flags().forEach((k, v) -> javaFlags.put(k, v.toJsonValue()));
            Map<String, Object> nodeAll = (Map<String, Object>) answer.get("all");
            Map<String, Object> nodeFlags = (Map<String, Object>) nodeAll.get("flags");
            diff(where, "all-flags", nodeFlags, javaFlags, all, mismatches, documented);
            diff(where, "all-payloads", (Map<String, Object>) nodeAll.get("payloads"), all.payloads(), all, mismatches,
                    documented);
            Map<String, Object> single = (Map<String, Object>) answer.get("single");
            for (Map.Entry<String, Object> e : single.entrySet()) {
                FlagResult r = evaluator.evaluate(e.getKey(), ctx);
                String js = TestJson.canonical(single(r));
                Object nodeValue = e.getValue();
                if (nodeValue instanceof Map<?, ?> m && m.containsKey("threw")) {
                    nodeValue = null; // node threw: no local answer
                }
                String ns = TestJson.canonical(nodeValue);
                if (!js.equals(ns)) {
                    (documented(r) ? documented : mismatches).add(where + "\n    flag " + e.getKey() + ": node " + ns + "\n      java " + js
                            + " (" + r.reason() + ")");
                }
            }
        }
        return new Outcome(mismatches, documented);
    }

    private static void diff(String where, String what, Map<String, Object> node, Map<String, Object> java,
            LocalEvaluator.AllFlags all, List<String> mismatches, List<String> documented) {
        java.util.Set<String> keys = new java.util.TreeSet<>(node.keySet());
        keys.addAll(java.keySet());
        for (String k : keys) {
            String n = node.containsKey(k) ? TestJson.canonical(node.get(k)) : "<absent>";
            String j = java.containsKey(k) ? TestJson.canonical(java.get(k)) : "<absent>";
            if (!n.equals(j)) {
                FlagResult r = all.results().get(k);
                (documented(r) && !java.containsKey(k) ? documented : mismatches).add(where + "\n    " + what + " " + k + ": node " + n + ", java " + j
                        + (r == null ? "" : " (" + r.reason() + ")"));
            }
        }
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
