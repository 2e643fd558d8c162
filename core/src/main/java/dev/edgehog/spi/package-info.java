// SPDX-License-Identifier: Apache-2.0
/**
 * Service-provider interfaces: the few seams an integrator may implement. {@link
 * dev.edgehog.spi.Transport} replaces the HTTP layer (posthog-node's {@code fetch} option);
 * {@link dev.edgehog.spi.SnapshotSource} adds a place flag-definitions snapshots are read from.
 * These types are public and stable; their implementations inside Edgehog are not.
 */
package dev.edgehog.spi;
