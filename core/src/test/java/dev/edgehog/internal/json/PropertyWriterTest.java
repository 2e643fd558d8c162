// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edgehog.PostHog;
import dev.edgehog.testing.LogCapture;
import dev.edgehog.testing.RecordingTransport;
import dev.edgehog.testing.TestClients;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of property value a caller may pass, checked on the wire: the client sends the
 * event to a recording transport and Jackson parses what was sent.
 */
class PropertyWriterTest {
    @RegisterExtension
    final LogCapture logs = new LogCapture();

    private final RecordingTransport server = new RecordingTransport();
    private final PostHog posthog = TestClients.builder(server).gzip(false).build();

    @AfterEach
    void close() {
        posthog.close();
    }

    /** Captures one event with {@code props} and returns its properties as sent. */
    private JsonNode sent(Map<String, ?> props) {
        posthog.capture("user-1", "typed", props);
        return server.onlyProperties();
    }

    private JsonNode sentValue(Object value) {
        Map<String, Object> props = new HashMap<>();
        props.put("v", value);
        return sent(props).get("v");
    }

    @Test
    void writesStringsWithEscapesAndUnicode() {
        JsonNode v = sentValue("quote \" backslash \\ newline \n snowman \u2603 emoji \uD83D\uDE00");

        assertThat(v.isTextual()).isTrue();
        assertThat(v.asText()).isEqualTo("quote \" backslash \\ newline \n snowman \u2603 emoji \uD83D\uDE00");
    }

    static Stream<Arguments> integralNumbers() {
        return Stream.of(
                Arguments.of(Integer.valueOf(-42), "-42"),
                Arguments.of(Integer.MAX_VALUE, "2147483647"),
                Arguments.of(Long.MAX_VALUE, "9223372036854775807"),
                Arguments.of(Long.MIN_VALUE, "-9223372036854775808"),
                Arguments.of(Short.valueOf((short) -7), "-7"),
                Arguments.of(Byte.valueOf((byte) 127), "127"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("integralNumbers")
    void writesIntegralNumbersAsExactJsonIntegers(Number value, String expected) {
        JsonNode v = sentValue(value);

        assertThat(v.isIntegralNumber()).isTrue();
        assertThat(v.bigIntegerValue()).isEqualTo(new BigInteger(expected));
    }

    @Test
    void writesAtomicLongBeyondDoublePrecisionExactly() {
        JsonNode v = sentValue(new java.util.concurrent.atomic.AtomicLong(Long.MAX_VALUE - 1));

        assertThat(v.isIntegralNumber()).isTrue();
        assertThat(v.bigIntegerValue()).isEqualTo(new BigInteger("9223372036854775806"));
    }

    @Test
    void writesCharSequencesAsStrings() {
        JsonNode v = sentValue(new StringBuilder("built"));

        assertThat(v.asText()).isEqualTo("built");
    }

    @Test
    void writesIntegralDoubleWithoutAFractionLikeJavaScript() {
        sentValue(3.0d);

        assertThat(server.bodies().get(0)).contains("\"v\":3").doesNotContain("\"v\":3.0");
    }

    @Test
    void writesIntegralFloatWithoutAFraction() {
        JsonNode v = sentValue(-8.0f);

        assertThat(v.isIntegralNumber()).isTrue();
        assertThat(v.longValue()).isEqualTo(-8L);
    }

    @Test
    void writesFractionalDoublesExactly() {
        JsonNode v = sentValue(0.1d);

        assertThat(v.isFloatingPointNumber()).isTrue();
        assertThat(v.decimalValue()).isEqualByComparingTo("0.1");
    }

    @Test
    void writesFractionalFloat() {
        JsonNode v = sentValue(2.5f);

        assertThat(v.decimalValue()).isEqualByComparingTo("2.5");
    }

    @Test
    void writesAFloatAsTheDecimalTheCallerWrote() {
        JsonNode v = sentValue(9.99f);

        assertThat(v.decimalValue()).isEqualByComparingTo("9.99");
    }

    @Test
    void writesFloatArrayElementsAsTheDecimalsTheCallerWrote() {
        JsonNode v = sentValue(new float[] {0.1f, 9.99f});

        assertThat(v.get(0).decimalValue()).isEqualByComparingTo("0.1");
        assertThat(v.get(1).decimalValue()).isEqualByComparingTo("9.99");
    }

    static Stream<Arguments> nonFiniteNumbers() {
        return Stream.of(Arguments.of(Double.NaN), Arguments.of(Double.POSITIVE_INFINITY),
                Arguments.of(Double.NEGATIVE_INFINITY), Arguments.of(Float.NaN), Arguments.of(Float.POSITIVE_INFINITY));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nonFiniteNumbers")
    void writesNonFiniteNumbersAsNullLikeJsonStringify(Number value) {
        JsonNode props = sent(Map.of("v", value));

        assertThat(props.has("v")).isTrue();
        assertThat(props.get("v").isNull()).isTrue();
    }

    @Test
    void writesBigDecimalWithAllItsDigits() {
        JsonNode v = sentValue(new BigDecimal("12345678901234567890.123456789012345"));

        assertThat(v.decimalValue()).isEqualByComparingTo("12345678901234567890.123456789012345");
    }

    @Test
    void writesBigIntegerBeyondLongAsAnExactInteger() {
        JsonNode v = sentValue(BigInteger.TWO.pow(70));

        assertThat(v.bigIntegerValue()).isEqualTo(new BigInteger("1180591620717411303424"));
    }

    @Test
    void writesBooleans() {
        JsonNode props = sent(Map.of("yes", true, "no", Boolean.FALSE));

        assertThat(props.get("yes").isBoolean()).isTrue();
        assertThat(props.get("yes").booleanValue()).isTrue();
        assertThat(props.get("no").booleanValue()).isFalse();
    }

    @Test
    void keepsNullValuesAsJsonNull() {
        Map<String, Object> props = new HashMap<>();
        props.put("gone", null);

        JsonNode sent = sent(props);

        assertThat(sent.has("gone")).isTrue();
        assertThat(sent.get("gone").isNull()).isTrue();
    }

    @Test
    void writesNestedMapsListsAndSets() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("list", List.of(1, "two", List.of(3.5)));
        inner.put("set", new LinkedHashSet<>(List.of("a", "b")));
        inner.put(null, "null key");

        JsonNode v = sentValue(Map.of("inner", inner));

        assertThat(v).isEqualTo(RecordingTransport.parse(
                "{\"inner\":{\"list\":[1,\"two\",[3.5]],\"set\":[\"a\",\"b\"],\"null\":\"null key\"}}"));
    }

    @Test
    void writesObjectArraysAsJsonArrays() {
        JsonNode v = sentValue(new Object[] {"x", 1, null, new String[] {"y"}});

        assertThat(v).isEqualTo(RecordingTransport.parse("[\"x\",1,null,[\"y\"]]"));
    }

    static Stream<Arguments> primitiveArrays() {
        return Stream.of(
                Arguments.of("int[]", new int[] {1, -2, Integer.MAX_VALUE}, "[1,-2,2147483647]"),
                Arguments.of("long[]", new long[] {Long.MIN_VALUE, 0}, "[-9223372036854775808,0]"),
                Arguments.of("short[]", new short[] {-3, 4}, "[-3,4]"),
                Arguments.of("byte[]", new byte[] {-128, 5}, "[-128,5]"),
                Arguments.of("double[]", new double[] {1.5, 3.0, Double.NaN}, "[1.5,3,null]"),
                Arguments.of("float[]", new float[] {0.5f, 2.0f, Float.NEGATIVE_INFINITY}, "[0.5,2,null]"),
                Arguments.of("boolean[]", new boolean[] {true, false}, "[true,false]"),
                Arguments.of("char[]", new char[] {'h', 'i'}, "\"hi\""),
                Arguments.of("empty int[]", new int[0], "[]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("primitiveArrays")
    void writesPrimitiveArrays(String type, Object array, String expectedJson) {
        JsonNode v = sentValue(array);

        assertThat(v).isEqualTo(RecordingTransport.parse(expectedJson));
    }

    @Test
    void writesUuidAsItsCanonicalText() {
        JsonNode v = sentValue(UUID.fromString("0195938e-2f35-7a11-9c3e-5d1f00c0ffee"));

        assertThat(v.asText()).isEqualTo("0195938e-2f35-7a11-9c3e-5d1f00c0ffee");
    }

    @Test
    void writesInstantAsIsoUtc() {
        JsonNode v = sentValue(Instant.parse("2024-05-06T07:08:09.123Z"));

        assertThat(v.asText()).isEqualTo("2024-05-06T07:08:09.123Z");
    }

    @Test
    void writesDateAsIsoUtcInstant() {
        JsonNode v = sentValue(new Date(1_715_000_000_123L));

        assertThat(v.asText()).isEqualTo("2024-05-06T12:53:20.123Z");
    }

    @Test
    void writesLocalDateAsIsoDate() {
        JsonNode v = sentValue(LocalDate.of(2024, 2, 29));

        assertThat(v.asText()).isEqualTo("2024-02-29");
    }

    @Test
    void writesLocalDateTimeAsIsoWithoutOffset() {
        JsonNode v = sentValue(LocalDateTime.of(2024, 5, 6, 7, 8, 9));

        assertThat(v.asText()).isEqualTo("2024-05-06T07:08:09");
    }

    @Test
    void writesOffsetDateTimeWithItsOffset() {
        JsonNode v = sentValue(OffsetDateTime.of(2024, 5, 6, 7, 8, 9, 0, ZoneOffset.ofHours(-5)));

        assertThat(v.asText()).isEqualTo("2024-05-06T07:08:09-05:00");
    }

    @Test
    void writesZonedDateTimeAsIsoWithOffsetAndNoZoneId() {
        JsonNode v = sentValue(ZonedDateTime.of(2024, 7, 1, 12, 0, 0, 0, ZoneId.of("Europe/Paris")));

        assertThat(v.asText()).isEqualTo("2024-07-01T12:00:00+02:00");
    }

    enum Plan {
        PRO {
            @Override
            public String toString() {
                return "Professional plan";
            }
        }
    }

    @Test
    void writesEnumsByNameNotToString() {
        JsonNode v = sentValue(Plan.PRO);

        assertThat(v.asText()).isEqualTo("PRO");
    }

    @Test
    void writesCharacterAsOneLetterString() {
        JsonNode v = sentValue('x');

        assertThat(v.isTextual()).isTrue();
        assertThat(v.asText()).isEqualTo("x");
    }

    @Test
    void writesOptionalAsItsValue() {
        JsonNode v = sentValue(Optional.of(List.of("a")));

        assertThat(v).isEqualTo(RecordingTransport.parse("[\"a\"]"));
    }

    @Test
    void dropsTheKeyOfAnEmptyOptionalInAMap() {
        JsonNode props = sent(Map.of("absent", Optional.empty(), "nested", Map.of("absent", Optional.empty(), "kept", 1)));

        assertThat(props.has("absent")).isFalse();
        assertThat(props.get("nested")).isEqualTo(RecordingTransport.parse("{\"kept\":1}"));
    }

    @Test
    void writesThrowableAsNameMessageAndStack() {
        IllegalStateException error = new IllegalStateException("card declined");

        JsonNode v = sentValue(error);

        assertThat(v.get("name").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(v.get("message").asText()).isEqualTo("card declined");
        assertThat(v.get("stack").asText())
                .startsWith("java.lang.IllegalStateException: card declined")
                .contains("writesThrowableAsNameMessageAndStack");
    }

    @Test
    void writesASelfContainingMapAsCircular() {
        Map<String, Object> self = new HashMap<>();
        self.put("name", "loop");
        self.put("me", self);

        JsonNode v = sentValue(self);

        assertThat(v).isEqualTo(RecordingTransport.parse("{\"name\":\"loop\",\"me\":\"[Circular]\"}"));
    }

    @Test
    void writesASelfContainingListAsCircular() {
        List<Object> self = new ArrayList<>();
        self.add(1);
        self.add(self);

        JsonNode v = sentValue(self);

        assertThat(v).isEqualTo(RecordingTransport.parse("[1,\"[Circular]\"]"));
    }

    @Test
    void writesARepeatedButAcyclicSubMapInFullEachTime() {
        Map<String, Object> shared = Map.of("sku", "A-1");
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("first", shared);
        props.put("second", shared);
        props.put("both", List.of(shared, shared));

        JsonNode sent = sent(props);

        JsonNode expected = RecordingTransport.parse("{\"sku\":\"A-1\"}");
        assertThat(sent.get("first")).isEqualTo(expected);
        assertThat(sent.get("second")).isEqualTo(expected);
        assertThat(sent.get("both")).containsExactly(expected, expected);
    }

    @Test
    void survivesVeryDeepNesting() {
        Map<String, Object> deep = new HashMap<>();
        Map<String, Object> cursor = deep;
        for (int i = 0; i < 100_000; i++) {
            Map<String, Object> next = new HashMap<>();
            cursor.put("d", i % 2 == 0 ? next : List.of(next));
            cursor = next;
        }

        JsonNode props = sent(Map.of("deep", deep, "after", "still here"));

        assertThat(props.get("after").asText()).isEqualTo("still here");
        assertThat(props.get("deep").get("d").get("d").get(0).has("d")).isTrue();
    }

    /** A type with no JSON form, used only by the next two tests. */
    private static final class Money {
        private final String text;

        Money(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    @Test
    void writesAnUnknownTypeAsItsToString() {
        JsonNode v = sentValue(new Money("12.50 EUR"));

        assertThat(v.asText()).isEqualTo("12.50 EUR");
    }

    /** A second type with no JSON form, so that its first warning happens in this test. */
    private static final class Coordinates {
        @Override
        public String toString() {
            return "52.52,13.40";
        }
    }

    @Test
    void warnsOnceForEachUnknownType() {
        posthog.capture("user-1", "first", Map.of("where", new Coordinates()));
        posthog.capture("user-1", "second", Map.of("where", new Coordinates(), "again", List.of(new Coordinates())));

        List<String> warnings = logs.messages("edgehog.capture", Level.WARNING).stream()
                .filter(m -> m.contains(Coordinates.class.getName())).toList();
        assertThat(warnings).hasSize(1);
        assertThat(server.events()).hasSize(2);
    }
}
