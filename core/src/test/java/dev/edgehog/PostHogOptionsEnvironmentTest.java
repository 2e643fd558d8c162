// SPDX-License-Identifier: Apache-2.0
package dev.edgehog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edgehog.testing.LogCapture;
import dev.edgehog.testing.RecordingTransport;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link PostHogOptions#fromEnvironment(Map)}, fed with maps instead of the real environment. */
class PostHogOptionsEnvironmentTest {
    private static final String KEY = "phc_envProjectKey000000000000000";

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    @Test
    void readsEveryVariable() {
        Map<String, String> env = Map.of(
                "POSTHOG_API_KEY", KEY,
                "POSTHOG_HOST", "https://eu.i.posthog.com/",
                "POSTHOG_PERSONAL_API_KEY", "phx_envPersonal",
                "POSTHOG_SEND_MODE", "Buffered",
                "POSTHOG_FLUSH_AT", " 42 ",
                "POSTHOG_FLUSH_TIMEOUT_MS", "1500",
                "POSTHOG_DISABLED", "false");

        PostHogOptions options = PostHogOptions.fromEnvironment(env).buildOptions();

        assertThat(options.projectApiKey()).isEqualTo(KEY);
        assertThat(options.host()).hasToString("https://eu.i.posthog.com");
        assertThat(options.personalApiKey()).isEqualTo("phx_envPersonal");
        assertThat(options.sendMode()).isEqualTo(SendMode.BUFFERED);
        assertThat(options.flushAt()).isEqualTo(42);
        assertThat(options.flushTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(options.isDisabled()).isFalse();
    }

    @Test
    void leavesDefaultsForMissingVariables() {
        PostHogOptions options = PostHogOptions.fromEnvironment(Map.of("POSTHOG_API_KEY", KEY)).buildOptions();

        assertThat(options.host()).hasToString(PostHogOptions.DEFAULT_HOST);
        assertThat(options.personalApiKey()).isNull();
        assertThat(options.sendMode()).isEqualTo(PostHogOptions.DEFAULT_SEND_MODE);
        assertThat(options.flushAt()).isEqualTo(PostHogOptions.DEFAULT_FLUSH_AT);
        assertThat(options.flushTimeout()).isEqualTo(PostHogOptions.DEFAULT_FLUSH_TIMEOUT);
    }

    @Test
    void acceptsTheProjectApiKeyVariable() {
        PostHogOptions options = PostHogOptions.fromEnvironment(Map.of("POSTHOG_PROJECT_API_KEY", KEY)).buildOptions();

        assertThat(options.projectApiKey()).isEqualTo(KEY);
        assertThat(options.isDisabled()).isFalse();
    }

    @Test
    void prefersPosthogApiKeyOverProjectApiKey() {
        PostHogOptions options = PostHogOptions.fromEnvironment(
                Map.of("POSTHOG_API_KEY", KEY, "POSTHOG_PROJECT_API_KEY", "phc_other")).buildOptions();

        assertThat(options.projectApiKey()).isEqualTo(KEY);
    }

    @Test
    void fallsBackToProjectApiKeyWhenPosthogApiKeyIsBlank() {
        PostHogOptions options = PostHogOptions.fromEnvironment(
                Map.of("POSTHOG_API_KEY", "  ", "POSTHOG_PROJECT_API_KEY", KEY)).buildOptions();

        assertThat(options.projectApiKey()).isEqualTo(KEY);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
        "POSTHOG_SEND_MODE, fast",
        "POSTHOG_FLUSH_AT, twenty",
        "POSTHOG_FLUSH_AT, 0",
        "POSTHOG_FLUSH_AT, 99999999999",
        "POSTHOG_FLUSH_TIMEOUT_MS, soon",
        "POSTHOG_FLUSH_TIMEOUT_MS, 0",
        "POSTHOG_FLUSH_TIMEOUT_MS, -100",
        "POSTHOG_DISABLED, maybe",
        "POSTHOG_HTTP_TRANSPORT, okhttp",
        "POSTHOG_HOST, ftp://eu.i.posthog.com",
        "POSTHOG_HOST, eu.i.posthog.com"
    })
    void aBadValueFailsNamingTheVariableAndTheValue(String variable, String value) {
        Map<String, String> env = new HashMap<>();
        env.put("POSTHOG_API_KEY", KEY);
        env.put(variable, value);

        assertThatThrownBy(() -> PostHogOptions.fromEnvironment(env).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(variable)
                .hasMessageContaining(value)
                .message().doesNotContain(KEY);
    }

    @Test
    void aProjectKeyInThePersonalKeyVariableFailsWithoutEchoingIt() {
        Map<String, String> env = Map.of("POSTHOG_API_KEY", KEY, "POSTHOG_PERSONAL_API_KEY", "phc_wrongKindOfKey123");

        assertThatThrownBy(() -> PostHogOptions.fromEnvironment(env).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("personalApiKey")
                .message().doesNotContain("phc_wrongKindOfKey123").doesNotContain(KEY);
    }

    @Test
    void withoutAKeyBuildsADisabledClientThatMakesNoRequest() {
        RecordingTransport server = new RecordingTransport();
        PostHog posthog = PostHogOptions.fromEnvironment(Map.of("POSTHOG_HOST", "https://eu.i.posthog.com"))
                .transport(server).build();

        posthog.capture("user-1", "e");
        posthog.captureImmediate("user-1", "e", Map.of());
        posthog.flush();
        posthog.close();

        assertThat(posthog.isDisabled()).isTrue();
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void withoutAKeyWarnsThatTheClientIsDisabled() {
        PostHogOptions.fromEnvironment(Map.of()).buildOptions();

        assertThat(logs.messages("edgehog", Level.WARNING)).singleElement()
                .satisfies(m -> assertThat(m).contains("POSTHOG_API_KEY").contains("disabled"));
    }

    @Test
    void withoutAKeyWarnsEvenWhenDisabledIsFalse() {
        PostHogOptions options = PostHogOptions.fromEnvironment(Map.of("POSTHOG_DISABLED", "false")).buildOptions();

        assertThat(options.isDisabled()).isTrue();
        assertThat(logs.messages("edgehog", Level.WARNING)).singleElement()
                .satisfies(m -> assertThat(m).contains("POSTHOG_API_KEY"));
    }

    @Test
    void disabledTrueDisablesAClientWithAKey() {
        PostHogOptions options = PostHogOptions.fromEnvironment(Map.of("POSTHOG_API_KEY", KEY, "POSTHOG_DISABLED", "TRUE"))
                .buildOptions();

        assertThat(options.isDisabled()).isTrue();
    }

    @Test
    void explicitlyDisabledWithoutAKeyDoesNotWarn() {
        PostHogOptions options = PostHogOptions.fromEnvironment(Map.of("POSTHOG_DISABLED", "true")).buildOptions();

        assertThat(options.isDisabled()).isTrue();
        assertThat(logs.messages("edgehog", Level.WARNING)).isEmpty();
    }

    @Test
    void blankVariablesCountAsUnset() {
        Map<String, String> env = Map.of("POSTHOG_API_KEY", KEY, "POSTHOG_HOST", " ", "POSTHOG_SEND_MODE", "",
                "POSTHOG_FLUSH_AT", " ", "POSTHOG_DISABLED", "");

        PostHogOptions options = PostHogOptions.fromEnvironment(env).buildOptions();

        assertThat(options.host()).hasToString(PostHogOptions.DEFAULT_HOST);
        assertThat(options.flushAt()).isEqualTo(PostHogOptions.DEFAULT_FLUSH_AT);
        assertThat(options.isDisabled()).isFalse();
    }

    @Test
    void laterBuilderCallsOverrideTheEnvironment() {
        PostHogOptions options = PostHogOptions.fromEnvironment(Map.of("POSTHOG_API_KEY", KEY, "POSTHOG_FLUSH_AT", "5"))
                .flushAt(8).buildOptions();

        assertThat(options.flushAt()).isEqualTo(8);
    }
}
