// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.quarkus.deployment;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
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
    }
}
