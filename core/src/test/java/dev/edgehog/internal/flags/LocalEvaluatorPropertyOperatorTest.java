// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.flags;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edgehog.flags.FlagContext;
import dev.edgehog.flags.FlagValue;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every property operator with its coercion rules. Expected values were produced by
 * posthog-node 5.70.0's own {@code matchProperty} (a true/false/inconclusive answer per row);
 * several differ from flags.md, which was written against 5.50.0 (see the report).
 */
class LocalEvaluatorPropertyOperatorTest {
    @ParameterizedTest(name = "{0} {1} vs {2} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            exact           | "Pro"                  | "pro"                          | true
            exact           | ["US","CA"]            | "ca"                           | true
            exact           | ["US","CA"]            | "MX"                           | false
            exact           | 1                      | "1"                            | unknown
            exact           | "1"                    | 1                              | unknown
            exact           | 1.5                    | "1.5"                          | true
            exact           | "1"                    | 1.5                            | false
            exact           | true                   | "TRUE"                         | true
            exact           | "null"                 | null                           | true
            exact           | "x"                    | <absent>                       | unknown
            exact           | []                     | "a"                            | false
            exact           | "false"                | "anything"                     | true
            exact           | false                  | null                           | true
            exact           | "x"                    | null                           | false
            exact           | {"a":1.5}              | {"a":1.5}                      | true
            exact           | "{\\"a\\":1.5}"        | {"a":1.5}                      | true
            exact           | "Ä"                    | "ä"                            | true
            is_not          | "Pro"                  | "PRO"                          | false
            is_not          | "x"                    | null                           | true
            is_not          | "null"                 | null                           | false
            is_not          | ["a","b"]              | "c"                            | true
            is_set          | ""                     | null                           | true
            is_set          | ""                     | <absent>                       | unknown
            is_not_set      | ""                     | <absent>                       | unknown
            is_not_set      | ""                     | null                           | false
            icontains       | "ACME"                 | "team@acme.io"                 | true
            icontains       | "3"                    | 323                            | true
            icontains       | "x"                    | null                           | false
            icontains       | "nul"                  | null                           | true
            not_icontains   | "acme"                 | null                           | true
            icontains       | "Ä"                    | "ä"                            | false
            starts_with     | "3"                    | 123                            | false
            not_starts_with | "Val"                  | "prevalue"                     | true
            ends_with       | ".IO"                  | "a@b.io"                       | true
            regex           | "^user_\\\\d+$"        | "user_42"                      | true
            regex           | "\\\\.com$"            | "a.comx"                       | false
            regex           | "?*"                   | "anything"                     | false
            not_regex       | "?*"                   | "anything"                     | false
            regex           | 4                      | 4                              | true
            regex           | "a"                    | "é"                            | unknown
            regex           | "(?=a)"                | "a"                            | unknown
            regex           | ""                     | "x"                            | true
            not_regex       | ""                     | "x"                            | false
            regex           | "a$"                   | "a\\n"                         | false
            gt              | 21                     | "30"                           | true
            gt              | "9"                    | "10"                           | true
            lt              | "30"                   | "100"                          | false
            gt              | "123aloha"             | 129                            | true
            gt              | "b"                    | "c"                            | true
            gte             | "xyz"                  | "xyz"                          | true
            lte             | 10                     | "10.0"                         | true
            gt              | 1                      | true                           | true
            gt              | 1                      | null                           | false
            is_date_before  | "2024-05-01"           | "2024-04-30"                   | true
            is_date_before  | "2024-05-01"           | "2024-05-01"                   | false
            is_date_after   | "2024-05-01T00:00:00Z" | "2024-05-01 02:00:00 +01:00"   | true
            is_date_after   | "2024-05-01"           | 1714608000000                  | true
            is_date_before  | "2024-05-01"           | "not a date"                   | unknown
            is_date_before  | "garbage"              | "2024-01-01"                   | unknown
            is_date_before  | true                   | "2024-01-01"                   | unknown
            is_date_before  | "2024-05-01"           | true                           | unknown
            is_date_before  | "2024-05-01"           | null                           | false
            is_date_before  | "-7d"                  | "2000-01-01"                   | true
            is_date_after   | "-7d"                  | "2000-01-01"                   | false
            semver_eq       | "1.2.3"                | "v1.2.3-beta+7"                | true
            semver_gt       | "1.2.3"                | "1.10.0"                       | true
            semver_lte      | "2"                    | "2.0.0"                        | true
            semver_tilde    | "1.2.3"                | "1.2.9"                        | true
            semver_tilde    | "1.2.3"                | "1.3.0"                        | false
            semver_caret    | "0.2.3"                | "0.2.9"                        | true
            semver_caret    | "0.2.3"                | "0.3.0"                        | false
            semver_caret    | "0.0.3"                | "0.0.4"                        | false
            semver_caret    | "1.2.3"                | "1.99.0"                       | true
            semver_wildcard | "1.2.*"                | "1.2.7"                        | true
            semver_wildcard | "1.*"                  | "2.0.0"                        | false
            semver_eq       | "1.2.3"                | "1.02.3"                       | unknown
            semver_eq       | "1.0.0"                | 1                              | true
            semver_eq       | "1.2.3"                | null                           | false
            is_date_exact   | "2024-01-01"           | "2024-01-01"                   | unknown
            is_date_exact   | "2024-01-01"           | null                           | false
            """)
    @SuppressWarnings("unchecked")
    void matchesPosthogNode(String operator, String filterValueJson, String personValueJson, String expected) {
        LocalEvaluator evaluator = TestFlags.evaluator(TestFlags.singleFilter(operator, filterValueJson));
        FlagContext.Builder ctx = FlagContext.builder("user-1");
        if (!personValueJson.equals("<absent>")) {
            ctx.personProperties((Map<String, Object>) TestJson.parse("{\"k\":" + personValueJson + "}"));
        }

        FlagValue value = evaluator.evaluate("f", ctx.build()).value();

        FlagValue want = switch (expected) {
            case "true" -> FlagValue.ON;
            case "false" -> FlagValue.OFF;
            default -> FlagValue.UNKNOWN;
        };
        assertThat(value).isEqualTo(want);
    }
}
