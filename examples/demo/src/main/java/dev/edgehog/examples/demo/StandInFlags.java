// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.examples.demo;

import com.dslplatform.json.DslJson;
import com.dslplatform.json.JsonReader;
import com.dslplatform.json.JsonWriter;
import com.dslplatform.json.ObjectConverter;
import dev.edgehog.PostHogOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The feature flags of the project the {@link PostHogStandIn} plays: the definitions it serves
 * on {@code GET /flags/definitions} and the answers it gives on {@code POST /flags/?v=2}.
 *
 * <p>The project is the one the demo's bundled snapshot ({@value PostHogOptions#FLAG_DEFINITIONS_RESOURCE})
 * was taken from, so the stand-in serves that snapshot's definitions under its ETag: a client
 * that starts from the snapshot gets a 304. Four flags: {@code new-checkout} (on for half of
 * everyone), {@code pricing-page} (an experiment with two variants and their payloads), {@code
 * pro-export} (on for the {@code pro} and {@code enterprise} plans, with a payload) and {@code
 * beta-tools} (on for the static cohort "Beta testers", whose members only PostHog knows, so no
 * client can decide it locally).
 *
 * <p>A real PostHog evaluates every flag for anyone. The stand-in only knows its two people,
 * {@code demo-user-1} (plan {@code pro}, a beta tester) and {@code visitor-14} (plan {@code
 * free}), and answers what PostHog would: the values local evaluation gives for the flags it can
 * decide, and the cohort's answer for {@code beta-tools}. Anyone else gets every flag off.
 */
final class StandInFlags {
    /**
     * One flag as PostHog decides it for one person.
     *
     * @param value {@code Boolean} or the variant key
     * @param code PostHog's reason code
     * @param description PostHog's reason text
     */
    private record Answer(Object value, String code, String description) {
        static Answer on(Object value) {
            return new Answer(value, "condition_match", "Matched condition set 1");
        }

        static Answer off(boolean outOfRollout) {
            return outOfRollout ? new Answer(false, "out_of_rollout_bound", "Out of rollout bound")
                    : new Answer(false, "no_condition_match", "No matching condition set");
        }
    }

    /** Person, then flag key, to PostHog's answer ({@code demo-user-1} is the cohort's one member). */
    private static final Map<String, Map<String, Answer>> ANSWERS = Map.of(
            Walkthrough.USER, answers(Answer.off(true), Answer.on("compact"), Answer.on(true), Answer.on(true)),
            FlagsWalkthrough.OTHER_USER, answers(Answer.on(true), Answer.on("control"), Answer.off(false), Answer.off(false)));

    private final DslJson<Object> json = new DslJson<>(new DslJson.Settings<>());
    private final Map<String, Object> definitions;
    private final String etag;

    private StandInFlags(Map<String, Object> definitions, String etag) {
        this.definitions = definitions;
        this.etag = etag;
    }

    /**
     * Reads the project's flags from the snapshot bundled on the classpath.
     *
     * @return the flags
     * @throws IllegalStateException when the resource is missing or not a snapshot
     */
    @SuppressWarnings("unchecked")
    static StandInFlags fromBundledSnapshot() {
        String name = PostHogOptions.FLAG_DEFINITIONS_RESOURCE;
        try (InputStream in = StandInFlags.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the demo's classpath has no " + name);
            }
            Map<String, Object> snapshot = decode(new DslJson<>(new DslJson.Settings<>()), in.readAllBytes());
            if (!(snapshot.get("definitions") instanceof Map<?, ?> defs) || !(snapshot.get("etag") instanceof String tag)) {
                throw new IllegalStateException(name + " is not an Edgehog snapshot with definitions and an ETag");
            }
            return new StandInFlags((Map<String, Object>) defs, tag);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the ETag of the definitions; a request that sends it gets a 304 */
    String etag() {
        return etag;
    }

    /** @return the {@code /flags/definitions} document */
    byte[] definitionsJson() {
        return encode(definitions);
    }

    /**
     * Answers a {@code /flags/?v=2} request in the v2 format.
     *
     * @param request the decoded request body
     * @return the response body
     */
    byte[] answer(Map<String, Object> request) {
        Map<String, Answer> known = ANSWERS.getOrDefault(String.valueOf(request.get("distinct_id")), Map.of());
        List<?> asked = request.get("flag_keys_to_evaluate") instanceof List<?> keys ? keys : null;
        Map<String, Object> flags = new LinkedHashMap<>();
        for (Object f : (List<?>) definitions.get("flags")) {
            Map<?, ?> flag = (Map<?, ?>) f;
            String key = String.valueOf(flag.get("key"));
            if (asked == null || asked.contains(key)) {
                flags.put(key, detail(flag, known.getOrDefault(key, Answer.off(false))));
            }
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("flags", flags);
        response.put("errorsWhileComputingFlags", false);
        response.put("requestId", UUID.randomUUID().toString());
        response.put("evaluatedAt", System.currentTimeMillis());
        response.put("quotaLimited", List.of());
        return encode(response);
    }

    /** One flag of a v2 answer; the id, payload and experiment mark come from the definitions. */
    private static Map<String, Object> detail(Map<?, ?> flag, Answer answer) {
        boolean enabled = !Boolean.FALSE.equals(answer.value());
        String variant = answer.value() instanceof String v ? v : null;
        Map<?, ?> payloads = ((Map<?, ?>) ((Map<?, ?>) flag.get("filters")).get("payloads"));
        Object payload = enabled && payloads != null ? payloads.get(variant != null ? variant : "true") : null;
        Map<String, Object> reason = new LinkedHashMap<>();
        reason.put("code", answer.code());
        reason.put("condition_index", enabled ? 0 : null);
        reason.put("description", answer.description());
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("id", flag.get("id"));
        metadata.put("version", 1);
        metadata.put("payload", payload);
        if (flag.get("has_experiment") != null) {
            metadata.put("has_experiment", flag.get("has_experiment"));
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("key", flag.get("key"));
        detail.put("enabled", enabled);
        detail.put("variant", variant);
        detail.put("reason", reason);
        detail.put("metadata", metadata);
        return detail;
    }

    /** The answers for one person. */
    private static Map<String, Answer> answers(Answer newCheckout, Answer pricingPage, Answer proExport, Answer betaTools) {
        return Map.of("new-checkout", newCheckout, "pricing-page", pricingPage, "pro-export", proExport,
                "beta-tools", betaTools);
    }

    private byte[] encode(Map<String, Object> map) {
        JsonWriter writer = json.newWriter();
        ObjectConverter.serializeMap(map, writer);
        return writer.toByteArray();
    }

    private static Map<String, Object> decode(DslJson<Object> json, byte[] bytes) throws IOException {
        JsonReader<Object> reader = json.newReader(bytes);
        reader.getNextToken();
        return ObjectConverter.deserializeMap(reader);
    }
}
