// SPDX-License-Identifier: Apache-2.0
package dev.edgehog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edgehog.testing.RecordingTransport;
import dev.edgehog.testing.TestClients;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Option validation, host normalisation and {@code toBuilder}. */
class PostHogOptionsTest {
    private static final String KEY = TestClients.PROJECT_KEY;

    /** @return a description, a change that makes the options invalid, the option name and the bad value as shown */
    static Stream<Arguments> invalidOptions() {
        return Stream.of(
                invalid("relative host", b -> b.host("posthog.example.com"), "host", "posthog.example.com"),
                invalid("ftp host", b -> b.host("ftp://posthog.example.com"), "host", "ftp://posthog.example.com"),
                invalid("host with a query", b -> b.host("https://posthog.example.com/?x=1"), "host", "?x=1"),
                invalid("host with a fragment", b -> b.host("https://posthog.example.com#top"), "host", "#top"),
                invalid("blank host", b -> b.host("   "), "host", "blank"),
                invalid("null host", b -> b.host((String) null), "host", "null"),
                invalid("null host URI", b -> b.host((URI) null), "host", "null"),
                invalid("host without a host name", b -> b.host("https:///path"), "host", "https:///path"),
                invalid("unparseable host", b -> b.host("https://exa mple.com"), "host", "exa mple.com"),
                invalid("flushAt 0", b -> b.flushAt(0), "flushAt", "0"),
                invalid("flushAt negative", b -> b.flushAt(-3), "flushAt", "-3"),
                invalid("maxBatchSize 0", b -> b.maxBatchSize(0), "maxBatchSize", "0"),
                invalid("maxQueueSize 0", b -> b.maxQueueSize(0), "maxQueueSize", "0"),
                invalid("maxEventBytes under 1024", b -> b.maxEventBytes(1023), "maxEventBytes", "1023"),
                invalid("maxBatchBytes under maxEventBytes",
                        b -> b.maxEventBytes(4096).maxBatchBytes(4095), "maxBatchBytes", "4095"),
                invalid("zero requestTimeout", b -> b.requestTimeout(Duration.ZERO), "requestTimeout", "PT0S"),
                invalid("negative requestTimeout", b -> b.requestTimeout(Duration.ofSeconds(-1)), "requestTimeout", "PT-1S"),
                invalid("null requestTimeout", b -> b.requestTimeout(null), "requestTimeout", "null"),
                invalid("zero flushTimeout", b -> b.flushTimeout(Duration.ZERO), "flushTimeout", "PT0S"),
                invalid("negative flushTimeout", b -> b.flushTimeout(Duration.ofMillis(-5)), "flushTimeout", "PT-0.005S"),
                invalid("negative maxRetries", b -> b.maxRetries(-1), "maxRetries", "-1"),
                invalid("negative retryDelay", b -> b.retryDelay(Duration.ofMillis(-1)), "retryDelay", "PT-0.001S"),
                invalid("null retryDelay", b -> b.retryDelay(null), "retryDelay", "null"),
                invalid("negative maxRetryDelay",
                        b -> b.retryDelay(Duration.ZERO).maxRetryDelay(Duration.ofSeconds(-2)), "maxRetryDelay", "PT-2S"),
                invalid("maxRetryDelay under retryDelay",
                        b -> b.retryDelay(Duration.ofSeconds(2)).maxRetryDelay(Duration.ofSeconds(1)), "maxRetryDelay", "PT1S"),
                invalid("null sendMode", b -> b.sendMode(null), "sendMode", "null"),
                invalid("null clock", b -> b.clock(null), "clock", "null"));
    }

    private static Arguments invalid(String name, UnaryOperator<PostHogOptions.Builder> change, String option, String shown) {
        return Arguments.of(name, change, option, shown);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidOptions")
    void buildRejectsAnInvalidOptionNamingItAndItsValue(String name, UnaryOperator<PostHogOptions.Builder> change,
            String option, String shown) {
        PostHogOptions.Builder builder = change.apply(PostHog.builder(KEY));

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(option)
                .hasMessageContaining(shown);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidOptions")
    void invalidOptionMessagesNeverContainTheKey(String name, UnaryOperator<PostHogOptions.Builder> change,
            String option, String shown) {
        PostHogOptions.Builder builder = change.apply(PostHog.builder(KEY).personalApiKey("phx_personalSecret123"));

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .message().doesNotContain(KEY).doesNotContain("phx_personalSecret123");
    }

    @Test
    void rejectsANullProjectKey() {
        assertThatThrownBy(() -> PostHog.builder(null).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("projectApiKey")
                .hasMessageContaining("null")
                .hasMessageContaining("disabled(true)");
    }

    @Test
    void rejectsABlankProjectKey() {
        assertThatThrownBy(() -> PostHog.builder(" \n ").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("projectApiKey")
                .hasMessageContaining("blank");
    }

    @Test
    void acceptsAMissingProjectKeyForADisabledClient() {
        PostHog posthog = PostHog.builder(null).disabled(true).build();

        assertThat(posthog.isDisabled()).isTrue();
        assertThat(posthog.options().projectApiKey()).isEmpty();
    }

    @Test
    void trimsTheProjectKey() {
        PostHogOptions options = PostHog.builder("  " + KEY + "\n").buildOptions();

        assertThat(options.projectApiKey()).isEqualTo(KEY);
    }

    @Test
    void rejectsAProjectKeyAsPersonalKeyWithoutEchoingIt() {
        String misplaced = "phc_misplacedProjectKey987654321";

        assertThatThrownBy(() -> PostHog.builder(KEY).personalApiKey(misplaced).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("personalApiKey")
                .hasMessageContaining("phc_")
                .message().doesNotContain(misplaced).doesNotContain(KEY);
    }

    @Test
    void treatsABlankPersonalKeyAsNone() {
        PostHogOptions options = PostHog.builder(KEY).personalApiKey("   ").buildOptions();

        assertThat(options.personalApiKey()).isNull();
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', value = {
        "https://eu.i.posthog.com|https://eu.i.posthog.com",
        "'  https://eu.i.posthog.com  '|https://eu.i.posthog.com",
        "https://eu.i.posthog.com/|https://eu.i.posthog.com",
        "https://eu.i.posthog.com///|https://eu.i.posthog.com",
        "'\thttps://ph.example.com/ingest//\n'|https://ph.example.com/ingest",
        "http://127.0.0.1:8080/|http://127.0.0.1:8080",
        "HTTPS://ph.example.com|HTTPS://ph.example.com"
    })
    void normalisesTheHost(String given, String expected) {
        PostHogOptions options = PostHog.builder(KEY).host(given).buildOptions();

        assertThat(options.host()).hasToString(expected);
    }

    @Test
    void sendsBatchesToTheNormalisedHost() {
        RecordingTransport server = new RecordingTransport();
        PostHog posthog = TestClients.builder(server).host(" https://ph.example.com/ingest/ ").build();

        posthog.capture("user-1", "e");

        assertThat(server.requests().get(0).uri()).hasToString("https://ph.example.com/ingest/batch/");
    }

    @Test
    void acceptsAHostUri() {
        PostHogOptions options = PostHog.builder(KEY).host(URI.create("https://eu.i.posthog.com/")).buildOptions();

        assertThat(options.host()).hasToString("https://eu.i.posthog.com");
    }

    @Test
    void defaultsToTheUsCloudHost() {
        assertThat(PostHog.builder(KEY).buildOptions().host()).hasToString("https://us.i.posthog.com");
    }

    @Test
    void raisesMaxBatchSizeAndMaxQueueSizeToFlushAt() {
        PostHogOptions options = PostHog.builder(KEY).flushAt(50).maxBatchSize(10).maxQueueSize(20).buildOptions();

        assertThat(options.maxBatchSize()).isEqualTo(50);
        assertThat(options.maxQueueSize()).isEqualTo(50);
    }

    @Test
    void acceptsTheSmallestValidLimits() {
        PostHogOptions options = PostHog.builder(KEY).flushAt(1).maxBatchSize(1).maxQueueSize(1).maxEventBytes(1024)
                .maxBatchBytes(1024).maxRetries(0).retryDelay(Duration.ZERO).maxRetryDelay(Duration.ZERO)
                .requestTimeout(Duration.ofMillis(1)).flushTimeout(Duration.ofMillis(1)).buildOptions();

        assertThat(options.maxEventBytes()).isEqualTo(1024);
        assertThat(options.retryDelay()).isZero();
    }

    private static PostHogOptions everyOptionChanged() {
        return PostHog.builder(KEY)
                .host("https://eu.i.posthog.com")
                .personalApiKey("phx_personal")
                .sendMode(SendMode.BUFFERED)
                .flushAt(7)
                .maxBatchSize(70)
                .maxQueueSize(700)
                .maxBatchBytes(2 * 1024 * 1024)
                .maxEventBytes(64 * 1024)
                .requestTimeout(Duration.ofSeconds(3))
                .flushTimeout(Duration.ofSeconds(4))
                .maxRetries(5)
                .retryDelay(Duration.ofMillis(20))
                .maxRetryDelay(Duration.ofSeconds(2))
                .gzip(false)
                .disableGeoip(false)
                .historicalMigration(true)
                .beforeSend(e -> e)
                .beforeSend(e -> e)
                .errorListener(e -> {})
                .privacyMode(true)
                .enableExceptionAutocapture(true)
                .strict(true)
                .disabled(true)
                .transport(new RecordingTransport())
                .clock(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC))
                .buildOptions();
    }

    @Test
    void toBuilderRoundTripKeepsEveryOption() {
        PostHogOptions original = everyOptionChanged();

        PostHogOptions copy = original.toBuilder().buildOptions();

        assertThat(copy).usingRecursiveComparison().isEqualTo(original);
        assertThat(copy.beforeSend()).containsExactlyElementsOf(original.beforeSend());
        assertThat(copy.errorListener()).isSameAs(original.errorListener());
        assertThat(copy.transport()).isSameAs(original.transport());
    }

    @Test
    void toBuilderRoundTripOfDefaultsKeepsTheDefaults() {
        PostHogOptions original = PostHog.builder(KEY).buildOptions();

        PostHogOptions copy = original.toBuilder().buildOptions();

        assertThat(copy).usingRecursiveComparison().isEqualTo(original);
    }

    @Test
    void toBuilderMakesAChangedCopyWithoutTouchingTheOriginal() {
        PostHogOptions original = everyOptionChanged();

        PostHogOptions changed = original.toBuilder().flushAt(9).beforeSend(e -> null).buildOptions();

        assertThat(changed.flushAt()).isEqualTo(9);
        assertThat(changed.beforeSend()).hasSize(3);
        assertThat(original.flushAt()).isEqualTo(7);
        assertThat(original.beforeSend()).hasSize(2);
    }

    @Test
    void exposesTheHooksAsAnUnmodifiableList() {
        PostHogOptions options = everyOptionChanged();

        assertThatThrownBy(() -> options.beforeSend().add(e -> e)).isInstanceOf(UnsupportedOperationException.class);
    }
}
