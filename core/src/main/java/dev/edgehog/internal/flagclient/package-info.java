// SPDX-License-Identifier: Apache-2.0
/**
 * The feature-flag client behind the flag methods of {@code PostHog}: local-first evaluation
 * with the remote {@code /flags} fallback, overrides, {@code $feature_flag_called} events and
 * their de-duplication. Internal; not a public API.
 */
package dev.edgehog.internal.flagclient;
