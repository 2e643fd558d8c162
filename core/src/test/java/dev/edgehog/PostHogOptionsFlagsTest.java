// SPDX-License-Identifier: Apache-2.0
package dev.edgehog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edgehog.flags.DefinitionsRefresh;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The feature-flag options of {@link PostHogOptions}: defaults, validation, environment, redaction. */
class PostHogOptionsFlagsTest {
    private static final String KEY = "phc_options_test";

    @Test
    void defaultsFollowPosthogNode() {
        PostHogOptions o = PostHogOptions.builder(KEY).buildOptions();

        assertThat(o.isLocalEvaluationEnabled()).as("no personal key").isFalse();
        assertThat(o.featureFlagsPollingInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.maxCacheSize()).isEqualTo(50_000);
        assertThat(o.featureFlagsRequestTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(o.featureFlagsRequestMaxRetries()).isEqualTo(1);
        assertThat(o.isStrictLocalEvaluation()).isFalse();
        assertThat(o.isSendFeatureFlagEvent()).isTrue();
        assertThat(o.flagDefinitionsRefresh()).isEqualTo(DefinitionsRefresh.ON_DEMAND);
        assertThat(o.flagDefinitionsRefreshTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(o.isFlagDefinitionsResourceEnabled()).isTrue();
        assertThat(o.flagDefinitionsCacheFile().getParent()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir")));
        assertThat(o.flagDefinitionsCacheFile().getFileName().toString()).startsWith("edgehog-flag-definitions-")
                .doesNotContain(KEY);
        assertThat(o.evaluationContexts()).isEmpty();
    }

    @Test
    void personalKeyTurnsLocalEvaluationOnUnlessDisabled() {
        assertThat(PostHogOptions.builder(KEY).personalApiKey("phx_p").buildOptions().isLocalEvaluationEnabled()).isTrue();
        assertThat(PostHogOptions.builder(KEY).personalApiKey("phx_p").enableLocalEvaluation(false).buildOptions()
                .isLocalEvaluationEnabled()).isFalse();
    }

    @Test
    void pollingIntervalBelowTheMinimumIsRaisedAndZeroCacheSizeMeansDefault() {
        PostHogOptions o = PostHogOptions.builder(KEY).featureFlagsPollingInterval(Duration.ofMillis(5)).maxCacheSize(0)
                .buildOptions();

        assertThat(o.featureFlagsPollingInterval()).isEqualTo(Duration.ofMillis(100));
        assertThat(o.maxCacheSize()).isEqualTo(50_000);
    }

    @Test
    void invalidFlagOptionsAreRejectedNamingOptionAndValue() {
        assertThatThrownBy(() -> PostHogOptions.builder(KEY).maxCacheSize(-1).buildOptions())
                .hasMessageContaining("maxCacheSize").hasMessageContaining("-1");
        assertThatThrownBy(() -> PostHogOptions.builder(KEY).featureFlagsRequestTimeout(Duration.ZERO).buildOptions())
                .hasMessageContaining("featureFlagsRequestTimeout").hasMessageContaining("PT0S");
        assertThatThrownBy(() -> PostHogOptions.builder(KEY).featureFlagsRequestMaxRetries(-2).buildOptions())
                .hasMessageContaining("featureFlagsRequestMaxRetries").hasMessageContaining("-2");
        assertThatThrownBy(() -> PostHogOptions.builder(KEY).flagDefinitionsRefresh(null).buildOptions())
                .hasMessageContaining("flagDefinitionsRefresh");
        assertThatThrownBy(() -> PostHogOptions.builder(KEY).flagDefinitionsRefreshTimeout(Duration.ofSeconds(-1)).buildOptions())
                .hasMessageContaining("flagDefinitionsRefreshTimeout").hasMessageContaining("PT-1S");
    }

    @Test
    void environmentSuppliesSnapshotSources() {
        PostHogOptions o = PostHogOptions.fromEnvironment(Map.of("POSTHOG_API_KEY", KEY,
                "POSTHOG_FLAG_DEFINITIONS", "{\"flags\": []}", "POSTHOG_FLAG_DEFINITIONS_FILE", "/var/task/flags.json"))
                .buildOptions();

        assertThat(o.flagDefinitionsSnapshot()).isEqualTo("{\"flags\": []}");
        assertThat(o.flagDefinitionsSnapshotFile()).isEqualTo(Path.of("/var/task/flags.json"));
    }

    @Test
    void toStringHidesKeysAndSnapshotContent() {
        PostHogOptions o = PostHogOptions.builder(KEY).personalApiKey("phx_secret_personal")
                .flagDefinitionsSnapshot("{\"flags\": [{\"key\": \"secret-flag\"}]}")
                .evaluationContexts(List.of("production")).buildOptions();

        assertThat(o.toString()).doesNotContain("phx_secret_personal").doesNotContain(KEY).doesNotContain("secret-flag")
                .contains("flagDefinitionsSnapshot=35 chars").contains("evaluationContexts=[production]");
    }

    @Test
    void toBuilderKeepsFlagOptions() {
        PostHogOptions o = PostHogOptions.builder(KEY).personalApiKey("phx_p").enableLocalEvaluation(false)
                .flagDefinitionsRefresh(DefinitionsRefresh.MANUAL).flagDefinitionsCacheEnabled(false).maxCacheSize(7)
                .buildOptions();

        PostHogOptions copy = o.toBuilder().buildOptions();

        assertThat(copy.isLocalEvaluationEnabled()).isFalse();
        assertThat(copy.flagDefinitionsRefresh()).isEqualTo(DefinitionsRefresh.MANUAL);
        assertThat(copy.flagDefinitionsCacheFile()).isNull();
        assertThat(copy.maxCacheSize()).isEqualTo(7);
    }
}
