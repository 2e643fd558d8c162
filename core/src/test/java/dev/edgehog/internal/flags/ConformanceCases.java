// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.flags;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates differential-test cases: a seeded random generator of definitions and requests,
 * plus hand-written edge cases that cross every operator with awkward operands and values.
 * Each case is {@code {"id", "definitions", "requests"}} as run-cases.js expects.
 */
final class ConformanceCases {
    private final Random rnd;

    ConformanceCases(long seed) {
        this.rnd = new Random(seed);
    }

    // ---- value pools ---------------------------------------------------------------------

    static final List<Object> STRINGS = List.of("pro", "Pro", "PRO", "free", "team", "enterprise", "", "true", "false",
            "TRUE", "False", "null", "a@acme.io", "bob@ACME.io", "x@y.z", "ä", "Ä", "ünïcödé", "123", "123aloha", "1.5",
            " 12 ", "0x10", "1e3", "9", "10", "10.0", "-3", "Infinity", "v1.2.3", "1.2.3-beta+7", "1.02.3", "1.10.0",
            "2", "0.2.9", "1.2.*", "2024-05-01", "2024-05-01T10:00:00Z", "2024-05-01 02:00:00 +01:00",
            "2024-02-30", "2024-05-01T10:00:00.123+0200", "2024-05-01T10:00", "not a date", "-7d", "30d", "1y",
            "2m", "24h", "line\nbreak", "carriage\rreturn", "user_42", "US", "CA", "ca", "de", "[object Object]",
            "a,b", "1,2", "tab\there", "😀", "straße", "İstanbul", "ΣΑΣ");
    static final List<Object> NUMBERS = List.of(0L, 1L, -1L, 1.5, 30L, 100L, 129L, 10L, 9L, 0.1, -0.5,
            1714608000000L, 1e21, 2.5e-7, 123456789.125, 42L, 3.0);
    static final List<Object> OTHERS = Arrays.asList(true, false, null, List.of("US", "CA"), List.of(),
            List.of("a", 1.5), List.of(true, false), List.of(1L, 2L), List.of("true"), Arrays.asList((Object) null),
            Map.of("a", 1.5), Map.of("a", 1L), Map.of(), List.of(List.of(1.5, "x")));

    static final List<String> OPERATORS = List.of("exact", "is_not", "is_set", "is_not_set", "icontains",
            "not_icontains", "starts_with", "not_starts_with", "ends_with", "not_ends_with", "regex", "not_regex",
            "gt", "gte", "lt", "lte", "is_date_before", "is_date_after", "semver_eq", "semver_neq", "semver_gt",
            "semver_gte", "semver_lt", "semver_lte", "semver_tilde", "semver_caret", "semver_wildcard");
    static final List<Object> ODD_OPERATORS = Arrays.asList(null, "", "is_date_exact", "in", "flag_evaluates_to", 5L);

    static final List<Object> REGEXES = List.of("^user_\\d+$", "\\.com$", "?*", "", "a$", "[a-z]+", "(?=a)",
            "[\\d-z]", "[\\b]", "\\v", "[^abc]", "a{2,}", "(?:ab)+", "\\x41", "[z-a]", "a{1}{2}", "^*", "é", "[\\:]",
            "^$", ".", "^.+@acme\\.io$", "(a|b)*c", "[A-Z]", "\\s", "\\S+", "\\w+@\\w+", "\\bword", "a++", "\\1",
            "(?<n>a)", "[]", "a{3000000000}", "[\\w-a]", "\\-", "[\\-.]", "\\/", "x*?y", "(", "[a", "a\\", "a|",
            "\\d{2,4}", "^(pro|team)$", "[[a]", "^-?\\d+(\\.\\d+)?$", "\\t", "[\\x41-\\x5a]+", "^[^@]+$");
    static final List<Object> DATES = List.of("2024-05-01", "2024-05-01T00:00:00Z", "2022-01-01", "-7d", "7d",
            "30d", "-1y", "2m", "24h", "2w", "10000d", "7D", "garbage", "", "1714608000000", 1714608000000L, 0L,
            true, "2024-05-01 10:00:00", "2024-13-01", "2030-01-01T00:00:00.000+05:30", "2024-02-29",
            "2023-12-31T23:59:59Z", "2024", "Wed, 01 May 2024 10:00:00 GMT", "Sun, 31 Dec 2023 23:59:59 GMT",
            "Wed May 01 2024 10:00:00 GMT+0200 (Central European Summer Time)", "2024/05/01", "5/1/2024",
            "May 1, 2024", "1 May 2024 12:00", "2024-5-1");
    static final List<Object> VERSIONS = List.of("1.2.3", "v1.2.3", "1.2", "1", "1.2.3.4", "1..3", "", ".1.2",
            "abc", "1.2.three", "01.2.3", "1.07.3", " 1.2.3 ", "1.2.3-alpha+build", "0.0.3", "0.2.3", "1.*",
            "1.2.*", "*", "v2", 1L, 1.5, "99999999999999999999.1.0", "1.2.3alpha", "V1.0.0");
    static final List<Object> PERSON_DATES = List.of("2024-04-30", "2024-05-01", "2024-05-02T00:00:00Z",
            "2000-01-01", "2099-12-31", "2024-05-01 02:00:00 +01:00", "not a date", 1714608000000L,
            1714521600000L, true, "2024-05-01T10:00:00.123456Z", "2019-06-15T12:00:00+02:00",
            "Tue, 30 Apr 2024 23:00:00 GMT", "Wed, 1 May 2024 00:00:00 GMT", "Wed, 01 May 2024 00:00:00 +0100",
            "Wed May 01 2024 01:30:00 GMT+0130", "Tue Apr 30 2024 22:00:00 GMT-0200 (Brazil)", "May 1, 2024",
            "2024/04/30", "2024/5/1 10:00", "2024/02/30", "2024/13/01", "04/30/2024", "5/1/2024 23:59:59",
            "13/01/2024", "05/01/24", "May 01 2024", "Apr 31, 2024", "May 32, 2024", "1 May 2024",
            "30 Apr 2024 10:00", "1 Mayo 2024", "2024-5-1", "2024-05-1 10:00", "2024/05/01 24:00",
            "2024/05/01 10:60", "Sept 1, 2024");
    static final List<Object> PERSON_VERSIONS = List.of("1.2.3", "v1.2.3-beta+7", "1.10.0", "2.0.0", "1.2.9",
            "1.3.0", "0.2.9", "0.3.0", "0.0.4", "1.99.0", "1.2.7", "1.02.3", "abc", 1L, 2.5, "", "1.2", "  3.0.0 ");

    static final String[] KEYS = {"plan", "email", "age", "country", "version", "signup", "score", "flag", "tags",
            "nothing", "$device_id", "distinct_id", "name", "$group_key"};

    private <T> T pick(List<T> l) {
        return l.get(rnd.nextInt(l.size()));
    }

    private boolean chance(double p) {
        return rnd.nextDouble() < p;
    }

    private Object anyValue() {
        int r = rnd.nextInt(10);
        if (r < 5) {
            return pick(STRINGS);
        }
        if (r < 8) {
            return pick(NUMBERS);
        }
        return pick(OTHERS);
    }

    private Object personValue(String key) {
        if (chance(0.25)) {
            return anyValue();
        }
        return switch (key) {
            case "plan" -> pick(List.of("pro", "free", "team", "enterprise", "Pro", "TEAM"));
            case "email" -> pick(List.of("a@acme.io", "bob@ACME.io", "x@y.z", "eve@example.com", "user_42@acme.io"));
            case "age", "score" -> pick(NUMBERS);
            case "country" -> pick(List.of("US", "CA", "ca", "DE", "fr"));
            case "version" -> pick(PERSON_VERSIONS);
            case "signup" -> pick(PERSON_DATES);
            case "$device_id" -> pick(Arrays.asList("device-abc", "", null, "dev-1", 42L));
            case "$group_key" -> pick(List.of("acme", "globex", "acme3", "c1", "ACME"));
            default -> anyValue();
        };
    }

    private Object filterValue(String operator, String key) {
        if (chance(0.15)) {
            return anyValue();
        }
        switch (operator) {
            case "regex", "not_regex":
                return pick(REGEXES);
            case "is_date_before", "is_date_after":
                return pick(DATES);
            case "semver_eq", "semver_neq", "semver_gt", "semver_gte", "semver_lt", "semver_lte", "semver_tilde",
                    "semver_caret", "semver_wildcard":
                return pick(VERSIONS);
            case "gt", "gte", "lt", "lte":
                return pick(Arrays.asList(21L, "9", "30", "123aloha", "b", 10L, 1.5, "xyz", 0L, -1L, "1e2", true, null));
            default:
                break;
        }
        if (chance(0.3)) {
            List<Object> arr = new ArrayList<>();
            int n = rnd.nextInt(3);
            for (int i = 0; i < n; i++) {
                arr.add(personValue(key));
            }
            return arr;
        }
        return personValue(key);
    }

    private Map<String, Object> propertyFilter(String key) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("key", key);
        f.put("type", chance(0.95) ? "person" : pick(List.of("group", "event", "weird")));
        Object op = chance(0.93) ? pick(OPERATORS) : pick(ODD_OPERATORS);
        if (op != null || chance(0.5)) {
            f.put("operator", op);
        }
        f.put("value", filterValue(op instanceof String s ? s : "exact", key));
        if (chance(0.1)) {
            f.put("negation", true);
        }
        return f;
    }

    private Map<String, Object> cohortGroup(int depth, int cohortIndex) {
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("type", chance(0.03) ? pick(List.of("XOR", "property")) : (chance(0.5) ? "AND" : "OR"));
        List<Object> values = new ArrayList<>();
        int n = rnd.nextInt(4);
        if (depth < 2 && chance(0.4)) {
            for (int i = 0; i < Math.max(1, n); i++) {
                values.add(cohortGroup(depth + 1, cohortIndex));
            }
        } else {
            for (int i = 0; i < n; i++) {
                if (cohortIndex > 0 && chance(0.15)) {
                    Map<String, Object> c = new LinkedHashMap<>();
                    c.put("key", "id");
                    c.put("type", "cohort");
                    c.put("value", chance(0.9) ? (long) (100 + rnd.nextInt(cohortIndex)) : 999L);
                    if (chance(0.3)) {
                        c.put("negation", true);
                    }
                    if (chance(0.2)) {
                        c.put("operator", "not_in");
                    }
                    values.add(c);
                } else {
                    values.add(propertyFilter(pick(Arrays.asList(KEYS))));
                }
            }
        }
        g.put("values", values);
        return g;
    }

    private Map<String, Object> flag(int index, List<String> earlier, Map<String, List<String>> variantsByFlag,
            Map<String, List<String>> chains, int cohorts) {
        String key = "f" + index;
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("id", (long) (1000 + index));
        f.put("key", key);
        f.put("name", "Flag " + index);
        f.put("active", chance(0.92) ? Boolean.TRUE : pick(Arrays.asList(false, null, 0L, 1L, "yes")));
        if (chance(0.04)) {
            f.put("ensure_experience_continuity", true);
        }
        if (chance(0.1)) {
            f.put("bucketing_identifier", pick(Arrays.asList("device_id", "distinct_id", "", null)));
        }
        Map<String, Object> filters = new LinkedHashMap<>();
        if (chance(0.15)) {
            filters.put("aggregation_group_type_index", pick(List.of(0L, 1L, 1L, 2L)));
        }
        List<String> variants = new ArrayList<>();
        if (chance(0.4)) {
            int n = 1 + rnd.nextInt(4);
            List<Object> vs = new ArrayList<>();
            double remaining = chance(0.8) ? 100 : 60 + rnd.nextInt(40);
            for (int i = 0; i < n; i++) {
                double pct = i == n - 1 ? remaining : Math.floor(rnd.nextDouble() * remaining);
                remaining -= pct;
                String vk = pick(List.of("control", "test", "a", "b", "treatment", "v" + i));
                if (variants.contains(vk)) {
                    vk = vk + i;
                }
                variants.add(vk);
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("key", vk);
                v.put("rollout_percentage", chance(0.05) ? (Object) String.valueOf((long) pct) : (Object) pct);
                vs.add(v);
            }
            filters.put("multivariate", Map.of("variants", vs));
        }
        variantsByFlag.put(key, variants);
        List<Object> groups = new ArrayList<>();
        int nConditions = rnd.nextInt(4);
        List<String> myChain = new ArrayList<>();
        for (int c = 0; c < nConditions; c++) {
            Map<String, Object> cond = new LinkedHashMap<>();
            List<Object> props = new ArrayList<>();
            int nProps = rnd.nextInt(4);
            for (int p = 0; p < nProps; p++) {
                double r = rnd.nextDouble();
                if (r < 0.1 && cohorts > 0) {
                    Map<String, Object> cf = new LinkedHashMap<>();
                    cf.put("key", "id");
                    cf.put("type", "cohort");
                    cf.put("value", chance(0.85) ? (Object) (long) (100 + rnd.nextInt(cohorts)) : (Object) "999");
                    if (chance(0.25)) {
                        cf.put("operator", "not_in");
                    }
                    if (chance(0.1)) {
                        cf.put("negation", true);
                    }
                    props.add(cf);
                } else if (r < 0.2 && !earlier.isEmpty()) {
                    String dep = pick(earlier);
                    Map<String, Object> df = new LinkedHashMap<>();
                    df.put("key", dep);
                    df.put("type", "flag");
                    df.put("operator", "flag_evaluates_to");
                    List<Object> expected = new ArrayList<>(Arrays.asList(true, false, true));
                    expected.addAll(variantsByFlag.get(dep));
                    expected.add("nope");
                    df.put("value", pick(expected));
                    double shape = rnd.nextDouble();
                    if (shape < 0.85) {
                        List<String> chain = new ArrayList<>(chains.getOrDefault(dep, List.of()));
                        chain.add(dep);
                        df.put("dependency_chain", chain);
                        for (String d : chain) {
                            if (!myChain.contains(d)) {
                                myChain.add(d);
                            }
                        }
                    } else if (shape < 0.9) {
                        df.put("dependency_chain", List.of());
                    } else if (shape < 0.95) {
                        df.put("dependency_chain", List.of("ghost-flag", dep));
                    }
                    props.add(df);
                } else {
                    props.add(propertyFilter(pick(Arrays.asList(KEYS))));
                }
            }
            double shapeOfProperties = rnd.nextDouble();
            if (shapeOfProperties < 0.03) {
                cond.put("properties", null);
            } else if (shapeOfProperties < 0.05) {
                cond.put("properties", Map.of());
            } else if (!(shapeOfProperties < 0.07 && props.isEmpty())) {
                cond.put("properties", props);
            }
            double rr = rnd.nextDouble();
            if (rr < 0.35) {
                cond.put("rollout_percentage", 100L);
            } else if (rr < 0.7) {
                cond.put("rollout_percentage", Math.round(rnd.nextDouble() * 10000) / 100.0);
            } else if (rr < 0.8) {
                cond.put("rollout_percentage", 0L);
            } else if (rr < 0.85) {
                cond.put("rollout_percentage", pick(Arrays.asList("50", null, true)));
            }
            if (!variants.isEmpty() && chance(0.2)) {
                cond.put("variant", chance(0.8) ? pick(variants) : "missing-variant");
            }
            if (chance(0.12)) {
                cond.put("aggregation_group_type_index", pick(Arrays.asList(0L, 1L, 2L, null)));
            }
            groups.add(cond);
        }
        chains.put(key, myChain);
        filters.put("groups", groups);
        if (chance(0.5)) {
            Map<String, Object> payloads = new LinkedHashMap<>();
            List<String> payloadKeys = new ArrayList<>(variants);
            payloadKeys.add("true");
            payloadKeys.add("holdout-" + rnd.nextInt(20));
            for (String pk : payloadKeys) {
                if (chance(0.7)) {
                    payloads.put(pk, pick(Arrays.asList("{\"a\":1}", "{\"cta\":\"Buy now\",\"n\":1.5}", "[1,2,3]",
                            "\"str\"", "not json {", "0", "", "null", "false", "true", "12345678901234567890",
                            "{\"nested\":{\"x\":[null,true]}}", 7L, true, Map.of("k", "v"), " {\"a\" : 2 } ",
                            "{'a':1}", "1e3", "-0")));
                }
            }
            filters.put("payloads", payloads);
        }
        if (chance(0.15)) {
            filters.put("early_exit", true);
        }
        if (chance(0.06)) {
            Map<String, Object> holdout = new LinkedHashMap<>();
            holdout.put("id", (long) rnd.nextInt(20));
            holdout.put("exclusion_percentage", pick(Arrays.asList(10L, 50L, 100L, 0L, "30", null, 150L)));
            filters.put("holdout", holdout);
        }
        f.put("filters", chance(0.01) ? null : filters);
        return f;
    }

    Map<String, Object> randomCase(String id, int requests) {
        Map<String, Object> defs = new LinkedHashMap<>();
        int nCohorts = rnd.nextInt(4);
        Map<String, Object> cohorts = new LinkedHashMap<>();
        for (int c = 0; c < nCohorts; c++) {
            cohorts.put(String.valueOf(100 + c), cohortGroup(0, c));
        }
        List<Object> flags = new ArrayList<>();
        List<String> earlier = new ArrayList<>();
        Map<String, List<String>> variantsByFlag = new LinkedHashMap<>();
        Map<String, List<String>> chains = new LinkedHashMap<>();
        int nFlags = 2 + rnd.nextInt(7);
        for (int i = 0; i < nFlags; i++) {
            flags.add(flag(i, earlier, variantsByFlag, chains, nCohorts));
            earlier.add("f" + i);
            if (i > 0 && chance(0.02)) {
                // a second definition with the same key: the later one wins in both SDKs
                Map<String, Object> again = flag(i, earlier.subList(0, i), variantsByFlag, chains, nCohorts);
                flags.add(again);
            }
        }
        defs.put("flags", flags);
        defs.put("group_type_mapping", Map.of("0", "company", "1", "project"));
        defs.put("cohorts", cohorts);
        if (chance(0.3)) {
            defs.put("property_matching_version", pick(List.of(2L, 1L)));
        }
        List<Object> reqs = new ArrayList<>();
        for (int r = 0; r < requests; r++) {
            reqs.add(request(earlier));
        }
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("id", id);
        c.put("definitions", defs);
        c.put("requests", reqs);
        return c;
    }

    private Map<String, Object> request(List<String> flagKeys) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("distinctId", chance(0.9) ? "user_" + rnd.nextInt(100000) : pick(List.of("ünïcödé", "a.b", "123", "\uD800x")));
        Map<String, Object> person = new LinkedHashMap<>();
        for (String k : KEYS) {
            if (chance(0.45)) {
                person.put(k, personValue(k));
            }
        }
        r.put("personProperties", person);
        if (chance(0.5)) {
            Map<String, Object> groups = new LinkedHashMap<>();
            Map<String, Object> gprops = new LinkedHashMap<>();
            for (String type : List.of("company", "project")) {
                if (chance(0.6)) {
                    groups.put(type, pick(List.of("acme", "globex", "initech", "c1")) + (chance(0.5) ? "" : rnd.nextInt(50)));
                    if (chance(0.8)) {
                        Map<String, Object> gp = new LinkedHashMap<>();
                        for (String k : KEYS) {
                            if (chance(0.3)) {
                                gp.put(k, personValue(k));
                            }
                        }
                        gprops.put(type, gp);
                    }
                }
            }
            r.put("groups", groups);
            r.put("groupProperties", gprops);
        }
        List<String> keys = new ArrayList<>(flagKeys);
        keys.add("missing-flag");
        r.put("keys", keys);
        if (chance(0.1)) {
            List<String> subset = new ArrayList<>();
            for (String k : keys) {
                if (chance(0.5)) {
                    subset.add(k);
                }
            }
            r.put("flagKeys", subset);
        }
        return r;
    }

    /** One flag per (operator, operand) over every person value in the pools, plus odd operators. */
    List<Map<String, Object>> edgeCases() {
        List<Map<String, Object>> cases = new ArrayList<>();
        List<Object> operands = new ArrayList<>();
        operands.addAll(STRINGS);
        operands.addAll(NUMBERS);
        operands.addAll(OTHERS);
        List<Object> personValues = new ArrayList<>(operands);
        personValues.addAll(PERSON_DATES);
        personValues.addAll(PERSON_VERSIONS);
        List<Object> operators = new ArrayList<>(OPERATORS);
        operators.addAll(ODD_OPERATORS);
        int caseNo = 0;
        for (Object op : operators) {
            List<Object> opOperands = new ArrayList<>(operands);
            String name = op instanceof String s ? s : "exact";
            if (name.contains("regex")) {
                opOperands.addAll(REGEXES);
            } else if (name.contains("date")) {
                opOperands.addAll(DATES);
            } else if (name.contains("semver")) {
                opOperands.addAll(VERSIONS);
            }
            for (Object pmv : Arrays.asList(null, 2L)) {
                List<Object> flags = new ArrayList<>();
                int i = 0;
                for (Object operand : opOperands) {
                    Map<String, Object> filter = new LinkedHashMap<>();
                    filter.put("key", "k");
                    filter.put("type", "person");
                    filter.put("operator", op);
                    filter.put("value", operand);
                    Map<String, Object> cond = new LinkedHashMap<>();
                    cond.put("properties", List.of(filter));
                    cond.put("rollout_percentage", 100L);
                    Map<String, Object> f = new LinkedHashMap<>();
                    f.put("id", (long) i);
                    f.put("key", "op" + i);
                    f.put("active", true);
                    f.put("filters", Map.of("groups", List.of(cond)));
                    flags.add(f);
                    i++;
                }
                Map<String, Object> defs = new LinkedHashMap<>();
                defs.put("flags", flags);
                if (pmv != null) {
                    defs.put("property_matching_version", pmv);
                }
                List<Object> reqs = new ArrayList<>();
                List<Object> values = new ArrayList<>(personValues);
                values.add("<absent>");
                for (Object v : values) {
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("distinctId", "edge");
                    Map<String, Object> person = new LinkedHashMap<>();
                    if (!"<absent>".equals(v)) {
                        person.put("k", v);
                    }
                    r.put("personProperties", person);
                    r.put("keys", List.of());
                    reqs.add(r);
                }
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("id", "edge-" + name + (pmv == null ? "" : "-v2") + "-" + caseNo++);
                c.put("definitions", defs);
                c.put("requests", reqs);
                cases.add(c);
            }
        }
        return cases;
    }
}
