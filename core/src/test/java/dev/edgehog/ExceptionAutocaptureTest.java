// SPDX-License-Identifier: Apache-2.0
package dev.edgehog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edgehog.testing.LogCapture;
import dev.edgehog.testing.RecordingTransport;
import dev.edgehog.testing.TestClients;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code enableExceptionAutocapture}: the default uncaught-exception handler. The handler is
 * called directly, as the JVM would, instead of letting a thread die.
 */
class ExceptionAutocaptureTest {
    @RegisterExtension
    final LogCapture logs = new LogCapture();

    private final RecordingTransport server = new RecordingTransport();
    private final List<Throwable> previousSaw = new ArrayList<>();
    private final Thread.UncaughtExceptionHandler previous = (t, e) -> previousSaw.add(e);
    private final Thread worker = new Thread(() -> {}, "worker-7");
    private Thread.UncaughtExceptionHandler jvmHandler;
    private PostHog posthog;

    @BeforeEach
    void installPrevious() {
        jvmHandler = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler(previous);
    }

    @AfterEach
    void restoreJvmHandler() {
        if (posthog != null) {
            posthog.close();
        }
        Thread.setDefaultUncaughtExceptionHandler(jvmHandler);
    }

    private void uncaught(Throwable error) {
        Thread.getDefaultUncaughtExceptionHandler().uncaughtException(worker, error);
    }

    @Test
    void installsADefaultHandlerWhenEnabled() {
        posthog = TestClients.builder(server).enableExceptionAutocapture(true).build();

        assertThat(Thread.getDefaultUncaughtExceptionHandler()).isNotSameAs(previous).isNotNull();
    }

    @Test
    void installsNothingByDefault() {
        posthog = TestClients.builder(server).build();

        assertThat(Thread.getDefaultUncaughtExceptionHandler()).isSameAs(previous);
    }

    @Test
    void installsNothingForADisabledClient() {
        posthog = TestClients.builder(server).enableExceptionAutocapture(true).disabled(true).build();

        assertThat(Thread.getDefaultUncaughtExceptionHandler()).isSameAs(previous);
    }

    @Test
    void passesTheExceptionOnToThePreviousHandler() {
        posthog = TestClients.builder(server).enableExceptionAutocapture(true).build();
        IllegalStateException crash = new IllegalStateException("crash");

        uncaught(crash);

        assertThat(previousSaw).containsExactly(crash);
    }

    @Test
    void capturesTheUncaughtExceptionAsUnhandledAndFatal() {
        posthog = TestClients.builder(server).enableExceptionAutocapture(true).build();

        uncaught(new IllegalStateException("crash"));

        JsonNode props = server.onlyProperties();
        assertThat(server.onlyEvent().get("event").asText()).isEqualTo("$exception");
        assertThat(props.get("$exception_level").asText()).isEqualTo("fatal");
        JsonNode entry = props.get("$exception_list").get(0);
        assertThat(entry.get("type").asText()).isEqualTo("IllegalStateException");
        assertThat(entry.get("mechanism")).isEqualTo(RecordingTransport.parse(
                "{\"type\":\"onuncaughtexception\",\"handled\":false,\"synthetic\":false}"));
    }

    @Test
    void sendsTheUncaughtExceptionEvenInBufferedMode() {
        posthog = TestClients.builder(server).enableExceptionAutocapture(true).sendMode(SendMode.BUFFERED).build();

        uncaught(new IllegalStateException("crash"));

        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void capturesAsAPersonlessEventNamingTheThread() {
        posthog = TestClients.builder(server).enableExceptionAutocapture(true).build();

        uncaught(new IllegalStateException("crash"));

        JsonNode props = server.onlyProperties();
        assertThat(props.get("$process_person_profile").booleanValue()).isFalse();
        assertThat(props.get("$exception_thread").asText()).isEqualTo("worker-7");
    }

    @Test
    void closeRestoresThePreviousHandler() {
        posthog = TestClients.builder(server).enableExceptionAutocapture(true).build();

        posthog.close();

        assertThat(Thread.getDefaultUncaughtExceptionHandler()).isSameAs(previous);
    }

    @Test
    void capturesAtMostTenExceptionsOfOneType() {
        posthog = TestClients.builder(server).enableExceptionAutocapture(true).build();

        for (int i = 0; i < 12; i++) {
            uncaught(new IllegalStateException("crash " + i));
        }

        assertThat(server.events()).hasSize(10);
        assertThat(previousSaw).hasSize(12);
    }

    @Test
    void rateLimitsEachTypeSeparately() {
        posthog = TestClients.builder(server).enableExceptionAutocapture(true).build();
        for (int i = 0; i < 12; i++) {
            uncaught(new IllegalStateException("crash " + i));
        }

        uncaught(new UnsupportedOperationException("other"));

        List<JsonNode> events = server.events();
        assertThat(events).hasSize(11);
        assertThat(events.get(10).get("properties").get("$exception_list").get(0).get("type").asText())
                .isEqualTo("UnsupportedOperationException");
    }

    @Test
    void logsTheExceptionWhenThereWasNoPreviousHandler() {
        Thread.setDefaultUncaughtExceptionHandler(null);
        posthog = TestClients.builder(server).enableExceptionAutocapture(true).build();
        IllegalStateException crash = new IllegalStateException("crash");

        uncaught(crash);

        assertThat(logs.records()).anySatisfy(r -> {
            assertThat(r.getLevel()).isEqualTo(java.util.logging.Level.SEVERE);
            assertThat(r.getThrown()).isSameAs(crash);
            assertThat(r.getMessage()).contains("worker-7");
        });
        assertThat(server.events()).hasSize(1);
    }

    @Test
    void closeRestoresAnAbsentPreviousHandler() {
        Thread.setDefaultUncaughtExceptionHandler(null);
        posthog = TestClients.builder(server).enableExceptionAutocapture(true).build();

        posthog.close();

        assertThat(Thread.getDefaultUncaughtExceptionHandler()).isNull();
    }

    @Test
    void stillPassesOnTheExceptionWhenDeliveryFails() {
        server.thenStatus(400, 1);
        posthog = TestClients.builder(server).enableExceptionAutocapture(true).build();
        IllegalStateException crash = new IllegalStateException("crash");

        uncaught(crash);

        assertThat(previousSaw).containsExactly(crash);
        assertThat(server.requests()).hasSize(1);
    }
}
