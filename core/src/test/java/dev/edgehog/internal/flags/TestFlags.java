// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.flags;

import java.time.Clock;

/** Builds evaluators from definitions text for tests. */
final class TestFlags {
    private TestFlags() {}

    static LocalEvaluator evaluator(String definitions) {
        return evaluator(definitions, Clock.systemUTC());
    }

    static LocalEvaluator evaluator(String definitions, Clock clock) {
        try {
            return new LocalEvaluator(FlagDefinitions.parse(definitions), clock);
        } catch (FlagDefinitionsException e) {
            throw new AssertionError(e);
        }
    }

    /** A one-condition person flag "f" with a single property filter on key "k". */
    static String singleFilter(String operator, String valueJson) {
        return """
                {"flags": [{"id": 1, "key": "f", "active": true, "filters": {"groups": [
                  {"properties": [{"key": "k", "type": "person", "operator": %s, "value": %s}],
                   "rollout_percentage": 100}]}}]}"""
                .formatted(operator == null ? "null" : "\"" + operator + "\"", valueJson);
    }
}
