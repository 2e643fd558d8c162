// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgehog.flags.FlagContext;
import dev.edgehog.flags.FlagOptions;
import dev.edgehog.internal.flags.FlagDefinitions;
import dev.edgehog.internal.flags.FlagDefinitionsException;
import dev.edgehog.internal.flags.LocalEvaluator;
import dev.edgehog.internal.snapshot.SnapshotFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The feature flag workload shared by the flag benchmarks, the posthog-node comparison and the
 * cold-start measure: the 50-flag definitions fixture ({@code flags/definitions-50.json}: plain
 * rollouts, exact/icontains/regex/numeric/semver/date property filters, multivariate
 * experiments with payloads, two company group flags, a cohort, inactive flags), 10,000
 * generated persons with their person properties (and, for most, a company with group
 * properties), and the sequence of single-flag calls: call {@code i} evaluates flag {@code
 * i % 50} (document order) for person {@code i}.
 *
 * <p>Everything is generated from a seed, so Java and node see exactly the same persons:
 * {@code main} writes them, with the Java evaluator's answers to the call sequence (node checks
 * its own against them), and a 200-flag document and snapshot for the cold-start measure, as
 * JSON files.
 */
public final class FlagWorkload {
    /** The fixture, on the class path. */
    public static final String DEFINITIONS_RESOURCE = "flags/definitions-50.json";
    /** Persons in the workload. */
    public static final int PERSONS = 10_000;
    /** The seed of the persons every run uses. */
    public static final long SEED = 20261127L;
    /** The project key of the benchmark clients. */
    public static final String API_KEY = SampleEvents.API_KEY;
    /** The personal key that enables local evaluation; never sent (no request is ever made). */
    public static final String PERSONAL_API_KEY = "phx_benchmark_personal_key_not_used_for_requests";

    private static final String[] FIRST = {"Anna", "Ben", "Chloe", "David", "Emma", "Felix", "Greta", "Hugo", "Ines",
        "Jonas", "Klara", "Liam", "Mia", "Noah", "Olivia", "Paul", "Rosa", "Sam", "Theo", "Vera"};
    private static final String[] LAST = {"Schmidt", "Miller", "Dubois", "Rossi", "Novak", "Garcia", "Jensen",
        "Kowalski", "Smith", "Brown", "Martin", "Silva", "Berg", "Walsh", "Costa"};
    private static final String[] DOMAINS = {"gmail.com", "gmail.com", "gmail.com", "outlook.com", "yahoo.com",
        "example.com", "acme.io", "acme-corp.com", "globex.com", "initech.de", "proton.me", "web.de"};
    private static final String[] PLANS = {"free", "free", "free", "free", "pro", "pro", "pro", "team", "team", "enterprise"};
    private static final String[] COUNTRIES = {"US", "US", "US", "DE", "DE", "GB", "FR", "CA", "NL", "BR", "IN", "ES",
        "IT", "SE", "PL", "JP", "AU", "IE"};
    private static final String[] LOCALES = {"en-US", "en-GB", "de-DE", "de", "fr-FR", "fr-CA", "es-ES", "pt-BR",
        "ja-JP", "nl-NL"};
    private static final String[] BROWSERS = {"Chrome", "Chrome", "Chrome", "Safari", "Mobile Safari", "Firefox", "Edge"};
    private static final String[] DEVICES = {"Desktop", "Desktop", "Desktop", "Mobile", "Mobile", "Tablet"};
    private static final String[] UTM = {"google", "newsletter", "partner", "twitter", "direct", "linkedin"};
    private static final String[] INDUSTRIES = {"software", "fintech", "retail", "healthcare", "education", "media"};
    private static final int COMPANIES = 500;

    private FlagWorkload() {}

    /**
     * One person of the workload.
     *
     * @param distinctId the distinct id
     * @param properties the person properties
     * @param groups group type to key ({@code company}, or empty)
     * @param groupProperties group type to its properties
     */
    public record Person(String distinctId, Map<String, Object> properties, Map<String, String> groups,
            Map<String, Map<String, Object>> groupProperties) {
        /** @return the person as a flag context */
        public FlagContext context() {
            FlagContext.Builder b = FlagContext.builder(distinctId).personProperties(properties).groups(groups);
            groupProperties.forEach(b::groupProperties);
            return b.build();
        }

        /**
         * @param sendEvents whether the call sends {@code $feature_flag_called}
         * @return the person as the options of a client flag call
         */
        public FlagOptions options(boolean sendEvents) {
            FlagOptions.Builder b = FlagOptions.builder().personProperties(properties).groups(groups)
                    .sendFeatureFlagEvents(sendEvents);
            groupProperties.forEach(b::groupProperties);
            return b.build();
        }
    }

    /** @return the 50-flag definitions document, as UTF-8 bytes */
    public static byte[] definitions() {
        try (InputStream in = FlagWorkload.class.getClassLoader().getResourceAsStream(DEFINITIONS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing class path resource " + DEFINITIONS_RESOURCE);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the flag keys of the fixture, in document order */
    public static List<String> flagKeys() {
        List<String> keys = new ArrayList<>();
        try {
            for (var f : new ObjectMapper().readTree(definitions()).path("flags")) {
                keys.add(f.path("key").asText());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return keys;
    }

    /**
     * Generates persons; the same seed and count always give the same persons.
     *
     * @param seed the seed
     * @param count how many
     * @return the persons
     */
    public static List<Person> persons(long seed, int count) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Person> persons = new ArrayList<>(count);
        Instant base = Instant.parse("2024-01-01T00:00:00Z");
        for (int i = 0; i < count; i++) {
            String first = pick(r, FIRST);
            String last = pick(r, LAST);
            String domain = pick(r, DOMAINS);
            String local = (first + "." + last).toLowerCase(java.util.Locale.ROOT) + i
                    + (r.nextInt(40) == 0 ? "+test" : "");
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("email", local + "@" + domain);
            p.put("name", first + " " + last);
            p.put("plan", pick(r, PLANS));
            p.put("country", pick(r, COUNTRIES));
            p.put("locale", pick(r, LOCALES));
            String browser = pick(r, BROWSERS);
            p.put("browser", browser);
            p.put("browser_version", browser.contains("Safari") ? 15 + r.nextInt(4) : 110 + r.nextInt(25));
            p.put("device_type", pick(r, DEVICES));
            p.put("app_version", "3." + r.nextInt(5) + "." + r.nextInt(12));
            int orders = r.nextInt(10) == 0 ? 10 + r.nextInt(80) : r.nextInt(8);
            p.put("orders", orders);
            p.put("lifetime_value", Math.round(orders * (5 + r.nextDouble() * 120) * 100) / 100.0);
            p.put("beta_opt_in", r.nextInt(5) == 0);
            p.put("utm_source", pick(r, UTM));
            p.put("signed_up_at", base.plusSeconds(r.nextLong(2L * 365 * 86_400)).toString());
            Map<String, String> groups = new LinkedHashMap<>();
            Map<String, Map<String, Object>> groupProps = new LinkedHashMap<>();
            if (r.nextInt(10) < 7) {
                int c = r.nextInt(COMPANIES);
                SplittableRandom cr = new SplittableRandom(seed * 31 + c);
                groups.put("company", "company-" + c);
                Map<String, Object> gp = new LinkedHashMap<>();
                gp.put("name", "Company " + c);
                gp.put("seats", 1 + cr.nextInt(400));
                gp.put("industry", pick(cr, INDUSTRIES));
                gp.put("plan", pick(cr, PLANS));
                groupProps.put("company", gp);
            }
            persons.add(new Person(java.util.UUID.nameUUIDFromBytes(("person-" + seed + "-" + i).getBytes(
                    java.nio.charset.StandardCharsets.UTF_8)).toString(), p, groups, groupProps));
        }
        return persons;
    }

    private static String pick(SplittableRandom r, String[] from) {
        return from[r.nextInt(from.length)];
    }

    /**
     * The definitions made into a snapshot that counts as just downloaded, so a client built
     * from it has fresh definitions and makes no request.
     *
     * @param definitions the raw definitions document
     * @param fetchedAtMillis its download time
     * @return the snapshot JSON
     */
    public static String snapshot(byte[] definitions, long fetchedAtMillis) {
        return new String(new SnapshotFiles(API_KEY).wrap(definitions, "W/\"benchmark\"", fetchedAtMillis),
                java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * A 200-flag document: the fixture's 50 flags four times, with distinct keys and ids (and
     * the same group type mapping and cohort). Deterministic.
     *
     * @return the document
     */
    public static byte[] definitions200() {
        try {
            ObjectMapper json = new ObjectMapper();
            ObjectNode doc = (ObjectNode) json.readTree(definitions());
            ArrayNode flags = (ArrayNode) doc.get("flags");
            ArrayNode all = json.createArrayNode();
            for (int copy = 0; copy < 4; copy++) {
                for (var f : flags) {
                    ObjectNode c = f.deepCopy();
                    c.put("key", copy == 0 ? f.path("key").asText() : f.path("key").asText() + "-" + copy);
                    c.put("id", f.path("id").asLong() + 1000L * copy);
                    all.add(c);
                }
            }
            doc.set("flags", all);
            return json.writeValueAsBytes(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The local evaluator's answers to the call sequence, for the node side to compare with.
     *
     * @param persons the persons
     * @return call {@code i}'s value as JSON: true, false, a variant key, or null when undecided
     */
    static List<Object> expectedValues(List<Person> persons) {
        LocalEvaluator evaluator;
        try {
            evaluator = new LocalEvaluator(FlagDefinitions.parse(definitions()));
        } catch (FlagDefinitionsException e) {
            throw new IllegalStateException(e);
        }
        List<String> keys = flagKeys();
        List<Object> values = new ArrayList<>(persons.size());
        for (int i = 0; i < persons.size(); i++) {
            values.add(evaluator.evaluate(keys.get(i % keys.size()), persons.get(i).context()).value().toJsonValue());
        }
        return values;
    }

    /**
     * Writes the workload files for the node script and the cold-start measure.
     *
     * @param args the output directory
     * @throws IOException if a file cannot be written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: FlagWorkload <output directory>");
        }
        Path dir = Files.createDirectories(Path.of(args[0]));
        ObjectMapper json = new ObjectMapper();
        ObjectNode out = json.createObjectNode();
        out.put("seed", SEED);
        out.set("keys", json.valueToTree(flagKeys()));
        List<Person> persons = persons(SEED, PERSONS);
        out.set("persons", json.valueToTree(persons));
        out.set("expected", json.valueToTree(expectedValues(persons)));
        Files.write(dir.resolve("persons.json"), json.writeValueAsBytes(out));
        Files.write(dir.resolve("definitions-50.json"), definitions());
        byte[] d200 = definitions200();
        Files.write(dir.resolve("definitions-200.json"), d200);
        Files.writeString(dir.resolve("snapshot-200.json"), snapshot(d200, System.currentTimeMillis()));
    }
}
