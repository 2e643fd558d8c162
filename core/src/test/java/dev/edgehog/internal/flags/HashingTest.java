// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.flags;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The bucketing hash against the shared test vectors of flags.md §4.2. */
class HashingTest {
    @ParameterizedTest(name = "hash({0}, {1}, ''{2}'') = {3}")
    @CsvSource(delimiter = '|', textBlock = """
            simple-flag       | distinct_id_0    |         | 0.7836963764220432
            simple-flag       | distinct_id_1    |         | 0.3397069926995401
            simple-flag       | distinct_id_3    |         | 0.9076218027928112
            multivariate-flag | distinct_id_0    |         | 0.502037796130735
            multivariate-flag | distinct_id_0    | variant | 0.6186454537930379
            multivariate-flag | distinct_id_2    | variant | 0.06390106281412483
            beta-feature      | user_123         |         | 0.40880513830921805
            beta-feature      | user_123         | variant | 0.19410592178089206
            my-flag           |                  |         | 0.8244040992181549
            flag-ü            | ünïcödé          |         | 0.24314151811584783
            group-flag        | acme-corp        |         | 0.6117749562113384
            checkout-v2       | device-abc       |         | 0.737455580475155
            holdout           | 123              |         | 0.09523609262525704
            a.b               | c                |         | 0.38357800263543324
            early-exit-flag   | some-distinct-id |         | 0.9914596287689198
            checkout-v2       | user_123         |         | 0.9447402697466956
            checkout-v2       | user_123         | variant | 0.09771560764616719
            checkout-v2       | user_789         |         | 0.020885369638867852
            checkout-v2       | user_789         | variant | 0.5909012092022682
            device-bucketed   | device-abc       |         | 0.18589502453766243
            """)
    void reproducesTheSharedTestVectors(String key, String bucket, String salt, double expected) {
        // CsvSource reads an empty column as null
        double h = Hashing.hash(key, bucket == null ? "" : bucket, salt == null ? "" : salt);

        assertThat(h).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            a\uD800b
            \uDC00
            x\uD83D
            """)
    void encodesLoneSurrogatesAsReplacementCharacterLikeTextEncoder(String withLoneSurrogate) {
        String replaced = withLoneSurrogate.replaceAll("[\\uD800-\\uDFFF]", "\uFFFD");

        assertThat(Hashing.hash(withLoneSurrogate)).isEqualTo(Hashing.hash(replaced));
    }
}
