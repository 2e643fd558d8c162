// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link UuidV7#isValid}: which caller-supplied uuids posthog-node keeps (8-4-4-4-12 hex digits). */
class UuidV7ValidationTest {

    @ParameterizedTest
    @ValueSource(strings = {"01890c3c-7e5a-7c3b-9d21-3a5f3c2b1a00", "01890C3C-7E5A-7C3B-9D21-3A5F3C2B1A00",
        "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff", "aBcDeF01-2345-6789-abcd-EF0123456789"})
    void acceptsHexDigitsOfEitherCaseInTheStandardGroups(String text) {
        assertThat(UuidV7.isValid(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not-a-uuid", "01890c3c-7e5a-7c3b-9d21-3a5f3c2b1a0", "01890c3c-7e5a-7c3b-9d21-3a5f3c2b1a000",
        "01890c3c7e5a-7c3b-9d21-3a5f3c2b1a000", "01890c3c-7e5a-7c3b-9d21_3a5f3c2b1a00", "01890c3g-7e5a-7c3b-9d21-3a5f3c2b1a00",
        "01890c3c-7e5a-7c3b-9d21-3a5f3c2b1a0\n", "{1890c3c-7e5a-7c3b-9d21-3a5f3c2b1a0}", "01890c3c-7e5a-7c3b-9d2１-3a5f3c2b1a00",
        "-01890c3c7e5a-7c3b-9d21-3a5f3c2b1a00"})
    void rejectsAnythingElse(String text) {
        assertThat(UuidV7.isValid(text)).isFalse();
    }

    @Test
    void rejectsNull() {
        assertThat(UuidV7.isValid(null)).isFalse();
    }

    @Test
    void agreesWithTheProtocolPatternOnGeneratedAndMutatedIds() {
        Pattern protocol = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
        UuidV7 uuids = new UuidV7();
        String alphabet = "0123456789abcdefABCDEFgG-_ z";

        for (int i = 0; i < 2_000; i++) {
            char[] text = uuids.next(1_700_000_000_000L + i).toString().toCharArray();
            text[i % 36] = alphabet.charAt(i % alphabet.length());
            String candidate = new String(text);

            assertThat(UuidV7.isValid(candidate)).as(candidate).isEqualTo(protocol.matcher(candidate).matches());
        }
        assertThat(UuidV7.isValid(UUID.randomUUID().toString())).isTrue();
    }
}
