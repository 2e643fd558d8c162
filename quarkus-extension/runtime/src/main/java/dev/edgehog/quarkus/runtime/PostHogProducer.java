// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.quarkus.runtime;

import dev.edgehog.DeliveryResult;
import dev.edgehog.PostHog;
import dev.edgehog.PostHogOptions;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * Produces the application's one {@link PostHog} client from {@link PostHogConfig}, and flushes
 * and closes it when the application stops. An application can replace it by producing its own
 * {@code PostHog} bean.
 *
 * @since 0.1.0
 */
@Singleton
public class PostHogProducer {
    private static final Logger LOG = System.getLogger("edgehog");

    /**
     * Builds the client. Disabled (a no-op that sends nothing) when {@code quarkus.posthog.enabled}
     * is false or no API key is set; the log says which, once.
     *
     * @param config the run-time configuration
     * @return the client
     * @throws IllegalArgumentException naming the invalid option and its value
     */
    @Produces
    @Singleton
    @DefaultBean
    public PostHog posthog(PostHogConfig config) {
        return PostHog.create(options(config));
    }

    /**
     * Maps the configuration onto core's options builder.
     *
     * @param config the run-time configuration
     * @return the validated options
     * @throws IllegalArgumentException naming the invalid option and its value
     */
    static PostHogOptions options(PostHogConfig config) {
        Optional<String> key = config.apiKey().filter(k -> !k.isBlank());
        if (!config.enabled() || key.isEmpty()) {
            LOG.log(Level.INFO, !config.enabled()
                    ? "PostHog is disabled (quarkus.posthog.enabled=false): the client will send nothing"
                    : "quarkus.posthog.api-key is not set: the PostHog client is disabled and will send nothing");
            return PostHog.builder("").disabled(true).buildOptions();
        }
        PostHogOptions.Builder b = PostHog.builder(key.get())
                .host(config.host())
                .sendMode(config.sendMode())
                .flushTimeout(config.flushTimeout())
                .enableExceptionAutocapture(config.exceptionAutocapture())
                .featureFlagsPollingInterval(config.flags().pollingInterval())
                .flagDefinitionsResourceEnabled(config.flags().resourceEnabled())
                .flagDefinitionsCacheEnabled(config.flags().cacheEnabled());
        config.personalApiKey().filter(k -> !k.isBlank()).ifPresent(b::personalApiKey);
        config.flushAt().ifPresent(b::flushAt);
        config.httpTransport().ifPresent(b::httpTransport);
        config.flags().snapshotFile().ifPresent(b::flagDefinitionsSnapshotFile);
        config.flags().cacheFile().ifPresent(b::flagDefinitionsCacheFile);
        return b.buildOptions();
    }

    /**
     * Sends what is still queued (within {@code quarkus.posthog.flush-timeout}) and closes the
     * client when the application stops.
     *
     * @param posthog the client
     */
    public void close(@Disposes PostHog posthog) {
        DeliveryResult r = posthog.shutdown(posthog.options().flushTimeout());
        if (r.delivered() > 0) {
            LOG.log(Level.DEBUG, () -> "PostHog shutdown flush delivered " + r.delivered() + " event(s)");
        }
    }
}
