// SPDX-License-Identifier: Apache-2.0
/**
 * Edgehog's public API: the {@link dev.edgehog.PostHog} client, its {@link
 * dev.edgehog.PostHogOptions}, the message types ({@link dev.edgehog.Event}, {@link
 * dev.edgehog.Identify}, {@link dev.edgehog.GroupIdentify}) and the results and errors it
 * reports. Built for serverless and edge runtimes: no background threads, synchronous
 * delivery on the caller's thread, no reflection.
 */
package dev.edgehog;
