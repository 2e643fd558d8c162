// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.flags;

/**
 * How a client keeps its flag definitions fresh. There is never a poller thread: a refresh runs
 * on the thread of the call that makes it.
 *
 * @since 0.1.0
 */
public enum DefinitionsRefresh {
    /**
     * The default: the first flag call after the definitions have grown older than {@code
     * featureFlagsPollingInterval} refreshes them (a conditional request, bounded by {@code
     * flagDefinitionsRefreshTimeout}); concurrent callers share that one request, and the
     * current definitions are served if it fails.
     */
    ON_DEMAND,
    /**
     * Flag calls never refresh definitions: only {@code PostHog.reloadFeatureFlags()} (always)
     * and {@code PostHog.refreshFeatureFlagsIfStale(Duration)} (when older than the polling
     * interval) do, at points the application chooses; the function adapters call the latter at
     * the start of each invocation. (When no definitions were ever loaded, the first flag call
     * still tries one download.)
     */
    MANUAL
}
