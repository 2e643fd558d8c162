// SPDX-License-Identifier: Apache-2.0
package dev.edgehog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edgehog.testing.RecordingTransport;
import dev.edgehog.testing.TestClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shape of the {@code $exception} event built by {@code captureException}. */
class ExceptionCaptureTest {
    private final RecordingTransport server = new RecordingTransport();
    private final PostHog posthog = TestClients.builder(server).build();

    /** An exception thrown from "application" code, with a stack we control. */
    private static IllegalStateException appException() {
        IllegalStateException e = new IllegalStateException("card declined");
        e.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("com.example.shop.Checkout", "pay", "Checkout.java", 42),
            new StackTraceElement("java.lang.Thread", "run", "Thread.java", 1583),
            new StackTraceElement("com.example.shop.Native", "call", null, -2)
        });
        return e;
    }

    private JsonNode onlyEntry() {
        JsonNode list = server.onlyProperties().get("$exception_list");
        assertThat(list).hasSize(1);
        return list.get(0);
    }

    @Test
    void sendsAnExceptionEventAtLevelError() {
        posthog.captureException(appException(), "user-1");

        JsonNode event = server.onlyEvent();
        assertThat(event.get("event").asText()).isEqualTo("$exception");
        assertThat(event.get("distinct_id").asText()).isEqualTo("user-1");
        assertThat(event.get("properties").get("$exception_level").asText()).isEqualTo("error");
    }

    @Test
    void describesTheExceptionByTypeMessageAndPackage() {
        posthog.captureException(appException(), "user-1");

        JsonNode entry = onlyEntry();
        assertThat(entry.get("type").asText()).isEqualTo("IllegalStateException");
        assertThat(entry.get("value").asText()).isEqualTo("card declined");
        assertThat(entry.get("module").asText()).isEqualTo("java.lang");
    }

    @Test
    void marksACaughtExceptionAsHandledGenericAndNotSynthetic() {
        posthog.captureException(appException(), "user-1");

        assertThat(onlyEntry().get("mechanism")).isEqualTo(RecordingTransport.parse(
                "{\"type\":\"generic\",\"handled\":true,\"synthetic\":false}"));
    }

    @Test
    void sendsTheStackAsRawJavaFramesInThrowOrder() {
        posthog.captureException(appException(), "user-1");

        JsonNode stack = onlyEntry().get("stacktrace");
        assertThat(stack.get("type").asText()).isEqualTo("raw");
        assertThat(stack.get("frames")).hasSize(3);
        assertThat(stack.get("frames").get(0)).isEqualTo(RecordingTransport.parse("{\"platform\":\"java\","
                + "\"module\":\"com.example.shop.Checkout\",\"function\":\"pay\",\"filename\":\"Checkout.java\","
                + "\"lineno\":42,\"in_app\":true}"));
    }

    @Test
    void marksJdkFramesAsNotInApp() {
        posthog.captureException(appException(), "user-1");

        JsonNode jdkFrame = onlyEntry().get("stacktrace").get("frames").get(1);
        assertThat(jdkFrame.get("module").asText()).isEqualTo("java.lang.Thread");
        assertThat(jdkFrame.get("in_app").booleanValue()).isFalse();
    }

    @Test
    void leavesOutUnknownFileNameAndNativeLineNumber() {
        posthog.captureException(appException(), "user-1");

        JsonNode nativeFrame = onlyEntry().get("stacktrace").get("frames").get(2);
        assertThat(nativeFrame.has("filename")).isFalse();
        assertThat(nativeFrame.has("lineno")).isFalse();
        assertThat(nativeFrame.get("function").asText()).isEqualTo("call");
    }

    @Test
    void sendsTheRealStackOfAThrownException() {
        IllegalArgumentException thrown;
        try {
            Integer.parseInt("not a number");
            throw new AssertionError("unreachable");
        } catch (NumberFormatException e) {
            thrown = new IllegalArgumentException("bad input", e);
        }
        StackTraceElement top = thrown.getStackTrace()[0];

        posthog.captureException(thrown, "user-1");

        JsonNode first = server.onlyProperties().get("$exception_list").get(0).get("stacktrace").get("frames").get(0);
        assertThat(first.get("module").asText()).isEqualTo(ExceptionCaptureTest.class.getName());
        assertThat(first.get("function").asText()).isEqualTo(top.getMethodName());
        assertThat(first.get("lineno").asInt()).isEqualTo(top.getLineNumber());
        assertThat(first.get("filename").asText()).isEqualTo("ExceptionCaptureTest.java");
    }

    @Test
    void appendsCausesAfterTheException() {
        Exception error = new UncheckedIOException("upload failed", new IOException("connection reset"));

        posthog.captureException(error, "user-1");

        JsonNode list = server.onlyProperties().get("$exception_list");
        assertThat(list).hasSize(2);
        assertThat(list.get(0).get("type").asText()).isEqualTo("UncheckedIOException");
        assertThat(list.get(1).get("type").asText()).isEqualTo("IOException");
        assertThat(list.get(1).get("value").asText()).isEqualTo("connection reset");
        assertThat(list.get(1).get("module").asText()).isEqualTo("java.io");
    }

    @Test
    void keepsAtMostFiveEntriesOfALongCauseChain() {
        Throwable error = new IllegalStateException("level 0");
        for (int i = 1; i < 8; i++) {
            error = new IllegalStateException("level " + i, error);
        }

        posthog.captureException(error, "user-1");

        JsonNode list = server.onlyProperties().get("$exception_list");
        List<String> values = new ArrayList<>();
        list.forEach(e -> values.add(e.get("value").asText()));
        assertThat(values).containsExactly("level 7", "level 6", "level 5", "level 4", "level 3");
    }

    @Test
    void stopsAtACyclicCauseChain() {
        Exception a = new Exception("a");
        Exception b = new Exception("b", a);
        a.initCause(b);

        posthog.captureException(a, "user-1");

        JsonNode list = server.onlyProperties().get("$exception_list");
        assertThat(list).hasSize(2);
        assertThat(list.get(0).get("value").asText()).isEqualTo("a");
        assertThat(list.get(1).get("value").asText()).isEqualTo("b");
    }

    @Test
    void mergesExtraPropertiesOnTop() {
        posthog.captureException(appException(), "user-1", Map.of("order_id", "o-17", "$exception_level", "warning"));

        JsonNode props = server.onlyProperties();
        assertThat(props.get("order_id").asText()).isEqualTo("o-17");
        assertThat(props.get("$exception_level").asText()).isEqualTo("warning");
        assertThat(props.get("$exception_list")).hasSize(1);
    }

    @Test
    void carriesTheLibraryProperties() {
        posthog.captureException(appException(), "user-1");

        JsonNode props = server.onlyProperties();
        assertThat(props.get("$lib").asText()).isEqualTo("edgehog-java");
        assertThat(props.get("$is_server").booleanValue()).isTrue();
    }

    @Test
    void immediateVariantDeliversTheSameShape() {
        DeliveryResult result = posthog.captureExceptionImmediate(appException(), "user-1", null);

        assertThat(result.delivered()).isEqualTo(1);
        assertThat(onlyEntry().get("type").asText()).isEqualTo("IllegalStateException");
    }

    @Test
    void leavesOutTheValueOfAnExceptionWithoutMessage() {
        posthog.captureException(new IllegalStateException(), "user-1");

        JsonNode entry = onlyEntry();
        assertThat(entry.has("value")).isFalse();
        assertThat(entry.get("type").asText()).isEqualTo("IllegalStateException");
    }
}
