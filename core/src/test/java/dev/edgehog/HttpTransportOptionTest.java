// SPDX-License-Identifier: Apache-2.0
package dev.edgehog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Choosing the built-in HTTP transport: builder option, environment variable, and custom transports. */
class HttpTransportOptionTest {
    static final String KEY = "phc_httpTransportOptionTest0000";

    @Test
    void defaultIsTheJdkHttpClient() {
        PostHogOptions options = PostHog.builder(KEY).buildOptions();

        assertThat(options.httpTransport()).isEqualTo(HttpTransport.JDK_HTTP_CLIENT);
        assertThat(options.transport()).isNull();
        assertThat(options.toString()).contains("transport=JDK_HTTP_CLIENT");
    }

    @Test
    void chosenTransportIsKeptAndShownAndSurvivesToBuilder() {
        PostHogOptions options = PostHog.builder(KEY).httpTransport(HttpTransport.URL_CONNECTION).buildOptions();

        assertThat(options.httpTransport()).isEqualTo(HttpTransport.URL_CONNECTION);
        assertThat(options.toString()).contains("transport=URL_CONNECTION");
        assertThat(options.toBuilder().buildOptions().httpTransport()).isEqualTo(HttpTransport.URL_CONNECTION);
    }

    @Test
    void nullChoiceMeansTheDefault() {
        PostHogOptions options = PostHog.builder(KEY).httpTransport(HttpTransport.URL_CONNECTION).httpTransport(null)
                .buildOptions();

        assertThat(options.httpTransport()).isEqualTo(HttpTransport.JDK_HTTP_CLIENT);
    }

    @Test
    void customTransportTogetherWithAChosenBuiltInOneFailsAtBuildNamingBoth() {
        PostHogOptions.Builder builder = PostHog.builder(KEY).httpTransport(HttpTransport.URL_CONNECTION)
                .transport(RecordingTransport.accepting());

        assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("httpTransport (URL_CONNECTION)")
                .hasMessageContaining(RecordingTransport.class.getName())
                .message().doesNotContain(KEY);
    }

    @Test
    void customTransportSetOnACopyOfOptionsWithABuiltInChoiceWins() {
        PostHogOptions original = PostHog.builder(KEY).httpTransport(HttpTransport.URL_CONNECTION).buildOptions();
        RecordingTransport custom = RecordingTransport.accepting();

        PostHogOptions copy = original.toBuilder().transport(custom).buildOptions();

        assertThat(copy.transport()).isSameAs(custom);
        assertThat(copy.toString()).contains("transport=" + RecordingTransport.class.getName());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "url-connection, URL_CONNECTION",
        "' URL-Connection ', URL_CONNECTION",
        "http-client, JDK_HTTP_CLIENT",
        "HTTP-CLIENT, JDK_HTTP_CLIENT"
    })
    void environmentVariableChoosesTheTransport(String value, HttpTransport expected) {
        PostHogOptions options = PostHogOptions.fromEnvironment(Map.of("POSTHOG_API_KEY", KEY,
                "POSTHOG_HTTP_TRANSPORT", value)).buildOptions();

        assertThat(options.httpTransport()).isEqualTo(expected);
    }

    @Test
    void blankEnvironmentVariableMeansTheDefault() {
        PostHogOptions options = PostHogOptions.fromEnvironment(Map.of("POSTHOG_API_KEY", KEY,
                "POSTHOG_HTTP_TRANSPORT", " ")).buildOptions();

        assertThat(options.httpTransport()).isEqualTo(HttpTransport.JDK_HTTP_CLIENT);
    }

    @Test
    void customTransportInCodeWinsOverTheEnvironmentVariable() {
        RecordingTransport custom = RecordingTransport.accepting();

        PostHogOptions options = PostHogOptions.fromEnvironment(Map.of("POSTHOG_API_KEY", KEY,
                "POSTHOG_HTTP_TRANSPORT", "url-connection")).transport(custom).buildOptions();

        assertThat(options.transport()).isSameAs(custom);
    }

    @Test
    void choiceInCodeOverridesTheEnvironmentVariable() {
        PostHogOptions options = PostHogOptions.fromEnvironment(Map.of("POSTHOG_API_KEY", KEY,
                "POSTHOG_HTTP_TRANSPORT", "url-connection")).httpTransport(HttpTransport.JDK_HTTP_CLIENT).buildOptions();

        assertThat(options.httpTransport()).isEqualTo(HttpTransport.JDK_HTTP_CLIENT);
    }
}
