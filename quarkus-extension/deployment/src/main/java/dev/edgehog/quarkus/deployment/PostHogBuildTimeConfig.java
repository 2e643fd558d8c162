// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.quarkus.deployment;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Build-time configuration of the PostHog extension, under {@code quarkus.posthog.build}.
 *
 * @since 0.1.0
 */
@ConfigMapping(prefix = "quarkus.posthog")
@ConfigRoot(phase = ConfigPhase.BUILD_TIME)
public interface PostHogBuildTimeConfig {
    /**
     * What is baked into the application at build time.
     *
     * @return the build settings
     */
    Build build();

    /** Build settings, under {@code quarkus.posthog.build}. */
    interface Build {
        /**
         * A flag definitions file (the raw {@code /flags/definitions} document or an Edgehog
         * snapshot) baked into the application as the classpath resource {@code
         * META-INF/edgehog/flag-definitions.json}, so a (native) application starts with
         * definitions and makes no network call for them. A relative path is resolved against
         * the directory the build runs in. The build fails when the file is missing or is not a
         * definitions document.
         *
         * @return the file, if set
         */
        Optional<Path> flagDefinitionsFile();

        /**
         * Downloads the flag definitions during the build, with {@code quarkus.posthog.api-key},
         * {@code quarkus.posthog.personal-api-key} and {@code quarkus.posthog.host} as the build
         * sees them, and bakes them in like {@code flag-definitions-file} (as an Edgehog snapshot
         * with its download time and ETag). The build fails when the keys are missing or the
         * download fails. Mutually exclusive with {@code flag-definitions-file}.
         *
         * @return whether to download the definitions at build time
         */
        @WithDefault("false")
        boolean downloadFlagDefinitions();
    }
}
