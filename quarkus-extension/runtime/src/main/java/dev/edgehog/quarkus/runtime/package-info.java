// SPDX-License-Identifier: Apache-2.0
/**
 * Run-time side of the Edgehog Quarkus extension: the {@code quarkus.posthog} configuration
 * ({@link dev.edgehog.quarkus.runtime.PostHogConfig}), the producer of the application's one
 * {@link dev.edgehog.PostHog} bean, and the request-end and per-invocation flush hooks that the
 * deployment module registers when the application has an HTTP layer or runs on Lambda.
 * Applications inject {@code PostHog}; they rarely need anything else from here.
 */
package dev.edgehog.quarkus.runtime;
