// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.flags;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Date parsing. Expected instants were printed by Node 20 with TZ=UTC ({@code new Date(s)}), and
 * the relative dates by posthog-node 5.70.0's {@code relativeDateParseForFeatureFlagMatching}
 * with a fixed clock.
 */
class JsDatesTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            2024-05-01                          | 2024-05-01T00:00:00Z
            2024-05-01T10:00:00Z                | 2024-05-01T10:00:00Z
            2024-05-01T10:00:00.123456Z         | 2024-05-01T10:00:00.123Z
            2024-05-01T10:00:00.1+02:00         | 2024-05-01T08:00:00.100Z
            2024-05-01T10:00:00+0200            | 2024-05-01T08:00:00Z
            2024-05-01 10:00:00                 | 2024-05-01T10:00:00Z
            2024-05-01 10:00:00 +01:00          | 2024-05-01T09:00:00Z
            2024-05-01 10:00:00+01:00           | 2024-05-01T09:00:00Z
            2024-05-01 00:00:00 GMT             | 2024-05-01T00:00:00Z
            2024-05-01 00:00:00 UTC             | 2024-05-01T00:00:00Z
            2024-05-01T10:00                    | 2024-05-01T10:00:00Z
            2024-05-01 10:00                    | 2024-05-01T10:00:00Z
            2024-02-30                          | 2024-03-01T00:00:00Z
            2024-02-31 10:00:00                 | 2024-03-02T10:00:00Z
            2024-05-01T10:00:00z                | 2024-05-01T10:00:00Z
            2024-05-01t10:00:00Z                | 2024-05-01T10:00:00Z
            2024-05                             | 2024-05-01T00:00:00Z
            2024                                | 2024-01-01T00:00:00Z
            2024-05-01 10:00:00 -0130           | 2024-05-01T11:30:00Z
            2024-05-01T23:59:59.999-23:59       | 2024-05-02T23:58:59.999Z
            2024-05-01 10:00 Z                  | 2024-05-01T10:00:00Z
            Wed, 01 May 2024 10:00:00 GMT       | 2024-05-01T10:00:00Z
            Mon, 1 May 2024 10:00:00 GMT        | 2024-05-01T10:00:00Z
            Wed, 31 Feb 2024 10:00:00 GMT       | 2024-03-02T10:00:00Z
            Wed May 01 2024 10:00:00 GMT+0200 (Central European Summer Time) | 2024-05-01T08:00:00Z
            Wed May 01 2024 10:00:00 GMT+0000   | 2024-05-01T10:00:00Z
            2022/05/01 10:00:30                 | 2022-05-01T10:00:30Z
            2022/02/31                          | 2022-03-03T00:00:00Z
            12/31/2022 23:59:59                 | 2022-12-31T23:59:59Z
            May 1 2022                          | 2022-05-01T00:00:00Z
            Sep 31, 2022                        | 2022-10-01T00:00:00Z
            31 Feb 2022                         | 2022-03-03T00:00:00Z
            2022-5-01 10:00                     | 2022-05-01T10:00:00Z
            """)
    void parsesTheIsoFormsLikeV8(String text, String expected) {
        assertThat(JsDates.parseString(text)).isEqualTo(Instant.parse(expected).toEpochMilli());
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            2022-13-01
            2024-05-00
            2024-05-32
            2024-05-01T10:00:00+02
            2024-05-01T10
            2024-05-01T10:00:60Z
            2024-05-01T10:00:00.Z
            2024-05-01 25:00:00
            2024-05-01T10:00:00+24:00
            2024-05-01T10:00:00 +01:00
            1714608000000
            2022/13/01
            2022/05/00
            13/01/2022
            May 32, 2022
            2022/05/01 10:60
            """)
    void rejectsWhatV8Rejects(String text) {
        assertThat(JsDates.parseString(text)).isNull();
    }

    @Test
    void knowsThatTextWithoutDigitsIsNeverADate() {
        assertThat(JsDates.surelyInvalid("not a date")).isTrue();
        assertThat(JsDates.surelyInvalid("May 1, 2022")).isFalse();
    }

    @ParameterizedTest(name = "{0} minus {1} = {2}")
    @CsvSource(textBlock = """
            2022-03-31T10:20:30.456Z, 1m,    2022-02-28T10:20:30.456Z
            2022-03-31T10:20:30.456Z, 2m,    2022-01-28T10:20:30.456Z
            2022-03-31T10:20:30.456Z, 13m,   2021-02-28T10:20:30.456Z
            2022-03-31T10:20:30.456Z, 1y,    2021-03-31T10:20:30.456Z
            2022-03-31T10:20:30.456Z, -7d,   2022-03-24T10:20:30.456Z
            2022-03-31T10:20:30.456Z, 24h,   2022-03-30T10:20:30.456Z
            2022-03-31T10:20:30.456Z, 2w,    2022-03-17T10:20:30.456Z
            2022-03-31T10:20:30.456Z, 9999m, 1188-12-28T10:20:30.456Z
            2024-02-29T00:00:00.000Z, 1m,    2024-01-29T00:00:00.000Z
            2024-02-29T00:00:00.000Z, 13m,   2023-01-28T00:00:00.000Z
            2024-02-29T00:00:00.000Z, 1y,    2023-02-28T00:00:00.000Z
            2024-02-29T00:00:00.000Z, 4y,    2020-02-28T00:00:00.000Z
            2023-05-31T23:59:59.999Z, 1m,    2023-04-30T23:59:59.999Z
            2023-05-31T23:59:59.999Z, 3m,    2023-02-28T23:59:59.999Z
            2024-12-31T12:00:00.000Z, 13m,   2023-11-29T12:00:00.000Z
            """)
    void resolvesRelativeDatesLikePosthogNode(String now, String relative, String expected) {
        JsDates.Relative r = JsDates.relative(relative);

        long resolved = r.resolve(Instant.parse(now).toEpochMilli());

        assertThat(Instant.ofEpochMilli(resolved)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            10000d
            7D
            +7d
            7x
            """)
    void treatsOtherTextAsNotRelative(String text) {
        assertThat(JsDates.relative(text)).isNull();
    }
}
