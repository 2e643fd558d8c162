// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.benchmarks;

import dev.edgehog.Event;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The event every benchmark sends: a checkout event with 20 properties of the kinds real
 * callers pass (strings, ints, a long, doubles, booleans, a nested map, a list, a UUID and an
 * Instant). Both sides get exactly the same values; neither gets a uuid or timestamp, so both
 * generate them at capture as a client does.
 */
public final class SampleEvents {
    /** The event name. */
    public static final String NAME = "order placed";
    /** The distinct id. */
    public static final String DISTINCT_ID = "user-8f3c2a";
    /** The project API key the clients are built with. */
    public static final String API_KEY = "phc_benchmark_project_key_0123456789abcdef";
    /** Events per batch: PostHog's default maxBatchSize. */
    public static final int BATCH_SIZE = 100;

    private SampleEvents() {}

    /** @return a new, mutable map of the 20 properties, in a fixed order */
    public static Map<String, Object> properties() {
        Map<String, Object> shipping = new LinkedHashMap<>();
        shipping.put("country", "DE");
        shipping.put("city", "Berlin");
        shipping.put("express", true);
        shipping.put("cost", 4.99);

        Map<String, Object> p = new LinkedHashMap<>();
        p.put("$current_url", "https://shop.example.com/checkout?step=3&ref=newsletter");
        p.put("$browser", "Firefox");
        p.put("$os", "Linux");
        p.put("locale", "de-DE");
        p.put("plan", "pro");
        p.put("coupon", "SUMMER24");
        p.put("session_id", "sess_01J9Z6W3K8QF2N7R5T4V");
        p.put("item_count", 3);
        p.put("retry_count", 0);
        p.put("cart_total_cents", 129_950L);
        p.put("amount", 1299.5);
        p.put("discount_rate", 0.15);
        p.put("latency_ms", 87.25);
        p.put("is_first_purchase", true);
        p.put("newsletter_opt_in", false);
        p.put("gift_wrap", false);
        p.put("shipping", shipping);
        p.put("tags", List.of("sale", "summer", "mobile", "returning"));
        p.put("order_id", UUID.fromString("5b0c9a5e-3f6d-4c2a-9e71-0d8f4b6a2c13"));
        p.put("placed_at", Instant.parse("2026-11-27T10:15:30.250Z"));
        return p;
    }

    /** @return the Edgehog event (immutable, reused for every capture) */
    public static Event event() {
        return Event.builder(NAME).distinctId(DISTINCT_ID).properties(properties()).build();
    }
}
