// SPDX-License-Identifier: Apache-2.0
/**
 * Flag definitions for local evaluation: downloading them ({@code /flags/definitions}, ETag,
 * backoff), refreshing them on demand without a poller thread, and the cold-start snapshots
 * (environment, file, classpath resource, cache file). Internal; not a public API.
 */
package dev.edgehog.internal.snapshot;
