// SPDX-License-Identifier: Apache-2.0
package dev.edgehog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edgehog.testing.LogCapture;
import dev.edgehog.testing.RecordingTransport;
import dev.edgehog.testing.TestClients;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** API keys never show up in {@code toString()}, exception messages or log records. */
class SecretRedactionTest {
    private static final String PROJECT_KEY = TestClients.PROJECT_KEY;
    private static final String PERSONAL_KEY = "phx_personalSecretKey1111111111111111";

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    private final RecordingTransport server = new RecordingTransport();
    private final List<PostHogException> reported = new ArrayList<>();

    @Test
    void optionsToStringHidesBothKeys() {
        PostHogOptions options = PostHog.builder(PROJECT_KEY).personalApiKey(PERSONAL_KEY).buildOptions();

        assertThat(options.toString()).doesNotContain(PROJECT_KEY).doesNotContain(PERSONAL_KEY)
                .contains("phc_***").contains("phx_***");
    }

    @Test
    void optionsToStringHidesAKeyWithoutATypePrefix() {
        PostHogOptions options = PostHog.builder("sk12345678secret").buildOptions();

        assertThat(options.toString()).doesNotContain("sk12345678secret");
    }

    @Test
    void clientToStringHidesTheKey() {
        PostHog posthog = TestClients.builder(server).personalApiKey(PERSONAL_KEY).build();

        assertThat(posthog.toString()).doesNotContain(PROJECT_KEY).doesNotContain(PERSONAL_KEY);
    }

    /** Drives every failure path once: invalid call, hook failure, too large, 5xx, 4xx, 413, network errors, close. */
    private List<DeliveryResult> runWithFailures() {
        PostHog posthog = TestClients.builder(server)
                .personalApiKey(PERSONAL_KEY)
                .maxEventBytes(1024)
                .maxRetries(1)
                .errorListener(reported::add)
                .beforeSend(e -> {
                    if (e.name().equals("hook fails")) {
                        throw new IllegalStateException("hook failed");
                    }
                    return e;
                })
                .build();
        server.thenStatus(500, 2).thenStatus(400, 1).thenStatus(413, 1)
                .thenThrow(new ConnectException("refused")).thenThrow(new IOException("reset"));
        List<DeliveryResult> results = new ArrayList<>();
        results.add(posthog.captureImmediate(" ", "invalid", Map.of()));
        results.add(posthog.captureImmediate("user-1", "hook fails", Map.of()));
        results.add(posthog.captureImmediate("user-1", "too large", Map.of("blob", "x".repeat(2000))));
        results.add(posthog.captureImmediate("user-1", "server error", Map.of()));
        results.add(posthog.captureImmediate("user-1", "bad request", Map.of()));
        results.add(posthog.captureImmediate("user-1", "payload too large", Map.of()));
        results.add(posthog.captureImmediate("user-1", "network down", Map.of()));
        results.add(posthog.shutdown(Duration.ofSeconds(2)));
        results.add(posthog.captureImmediate("user-1", "after close", Map.of()));
        return results;
    }

    @Test
    void theFailureRunReallyFails() {
        List<DeliveryResult> results = runWithFailures();

        assertThat(reported).extracting(PostHogException::kind).contains(ErrorKind.INVALID_ARGUMENT,
                ErrorKind.BEFORE_SEND_FAILED, ErrorKind.EVENT_TOO_LARGE, ErrorKind.DELIVERY_FAILED,
                ErrorKind.DELIVERY_DEFERRED, ErrorKind.CLIENT_CLOSED);
        assertThat(results).anySatisfy(r -> assertThat(r.failed()).isPositive());
        assertThat(logs.records()).isNotEmpty();
    }

    @Test
    void noExceptionMessageContainsAKey() {
        List<DeliveryResult> results = runWithFailures();

        List<Throwable> all = new ArrayList<>(reported);
        results.forEach(r -> all.addAll(r.errors()));
        assertThat(all).isNotEmpty();
        for (Throwable top : all) {
            for (Throwable t = top; t != null; t = t.getCause()) {
                assertThat(String.valueOf(t)).doesNotContain(PROJECT_KEY).doesNotContain(PERSONAL_KEY);
            }
        }
    }

    @Test
    void noResultToStringContainsAKey() {
        List<DeliveryResult> results = runWithFailures();

        assertThat(results).allSatisfy(r -> assertThat(r.toString())
                .doesNotContain(PROJECT_KEY).doesNotContain(PERSONAL_KEY));
    }

    @Test
    void noLogRecordAtAnyLevelContainsAKey() {
        runWithFailures();

        List<String> rendered = logs.renderedRecords();
        assertThat(rendered).isNotEmpty();
        assertThat(rendered).allSatisfy(r -> assertThat(r).doesNotContain(PROJECT_KEY).doesNotContain(PERSONAL_KEY));
    }

    @Test
    void theClientCreationDebugLogShowsOnlyRedactedKeys() {
        TestClients.builder(server).personalApiKey(PERSONAL_KEY).build();

        assertThat(logs.renderedRecords()).anySatisfy(r -> assertThat(r).contains("phc_***"));
    }
}
