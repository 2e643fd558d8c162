// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.flags;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** JavaScript coercions; expected values printed by Node 20 ({@code String(x)}, {@code parseFloat(s)}). */
class JsTest {
    @ParameterizedTest(name = "String({0}) = {1}")
    @CsvSource(textBlock = """
            1.0,                     1
            -0.0,                    0
            1e21,                    1e+21
            1e-7,                    1e-7
            -1.5e-10,                -1.5e-10
            0.000001,                0.000001
            0.30000000000000004,     0.30000000000000004
            123456789012345680000,   123456789012345680000
            4.9e-324,                5e-324
            1.7976931348623157e308,  1.7976931348623157e+308
            2e23,                    2e+23
            100,                     100
            1.5,                     1.5
            -2.5e-7,                 -2.5e-7
            4.35,                    4.35
            0.1,                     0.1
            """)
    void formatsNumbersLikeJavaScript(double value, String expected) {
        assertThat(Js.str(value)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "parseFloat({0}) = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            '123aloha'   | 123
            ' 12 '       | 12
            '1e3x'       | 1000
            '.5'         | 0.5
            '0x10'       | 0
            'true'       | NaN
            ''           | NaN
            '1,2'        | 1
            '-.5e-3z'    | -0.0005
            '+Infinityx' | Infinity
            '\u00a0 7'   | 7
            '1e'         | 1
            '1.e2'       | 100
            '.'          | NaN
            '-'          | NaN
            """)
    void parsesFloatsLikeJavaScript(String text, String expected) {
        assertThat(Js.str(Js.parseFloat(text))).isEqualTo(expected);
    }

    @Test
    void joinsArraysAndNamesObjectsLikeString() {
        List<Object> nested = Arrays.asList(1L, null, "a", List.of(2L, 3L), true);

        assertThat(Js.str(nested)).isEqualTo("1,,a,2,3,true");
        assertThat(Js.str(Map.of("a", 1L))).isEqualTo("[object Object]");
        assertThat(Js.str(null)).isEqualTo("null");
    }

    @Test
    void lowerCasesOnlyAsciiForTheContainsFamily() {
        assertThat(Js.asciiLower("ÄBC")).isEqualTo("Äbc");
    }
}
