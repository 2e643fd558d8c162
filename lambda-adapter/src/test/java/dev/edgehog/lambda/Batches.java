// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.lambda;

import com.github.tomakehurst.wiremock.common.Json;
import java.util.List;
import java.util.Map;

/** Reads JSON bodies, {@code /batch/} requests above all, in tests. */
public final class Batches {
    private Batches() {}

    /**
     * @param json a batch request body
     * @return its events, each as a map ({@code event}, {@code distinct_id}, {@code properties}, ...)
     */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> events(String json) {
        return (List<Map<String, Object>>) json(json).get("batch");
    }

    /**
     * @param json a JSON object
     * @return it as a map
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> json(String json) {
        return Json.read(json, Map.class);
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
