// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.lambda;

import com.github.tomakehurst.wiremock.common.Json;
import java.util.List;
import java.util.Map;

/** Reads {@code /batch/} request bodies in tests. */
public final class Batches {
    private Batches() {}

    /**
     * @param json a batch request body
     * @return its events, each as a map ({@code event}, {@code distinct_id}, {@code properties}, ...)
     */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> events(String json) {
        Map<String, Object> batch = Json.read(json, Map.class);
        return (List<Map<String, Object>>) batch.get("batch");
    }

    /**
     * @param event one event of {@link #events(String)}
     * @return its properties
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> properties(Map<String, Object> event) {
        return (Map<String, Object>) event.get("properties");
    }
}
