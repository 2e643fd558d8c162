// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.flags;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Version parsing; expected triples printed by posthog-node 5.70.0's {@code parseSemver}. */
class SemverTest {
    @ParameterizedTest(name = "''{0}'' -> {1}.{2}.{3}")
    @CsvSource(textBlock = """
            '1.2.3',              1, 2, 3
            'v1.2.3',             1, 2, 3
            '  1.2.3  ',          1, 2, 3
            '1.2.3-alpha+build',  1, 2, 3
            '1.2',                1, 2, 0
            '1',                  1, 0, 0
            '1.2.3.4',            1, 2, 3
            '1..3',               1, 0, 3
            'V2',                 2, 0, 0
            '0',                  0, 0, 0
            '1.0.0+build-1',      1, 0, 0
            """)
    void parsesLikePosthogNode(String text, double major, double minor, double patch) {
        assertThat(Semver.parse(text)).containsExactly(major, minor, patch);
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            ''
            '.1.2'
            'abc'
            '1.2.three'
            '1.2.3alpha'
            '01.2.3'
            '1.07.3'
            'vv1'
            """)
    void rejectsWhatPosthogNodeRejects(String text) {
        assertThat(Semver.parse(text)).isNull();
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            '1.2.*', 1, 2, 0, 1, 3, 0
            '1.*',   1, 0, 0, 2, 0, 0
            '1.2.3', 1, 2, 0, 1, 3, 0
            'v2',    2, 0, 0, 3, 0, 0
            """)
    void computesWildcardBounds(String text, double l0, double l1, double l2, double u0, double u1, double u2) {
        double[][] b = Semver.wildcard(text);

        assertThat(b[0]).containsExactly(l0, l1, l2);
        assertThat(b[1]).containsExactly(u0, u1, u2);
    }
}
