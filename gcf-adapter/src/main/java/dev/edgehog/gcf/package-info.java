// SPDX-License-Identifier: Apache-2.0
/**
 * Google Cloud Functions (Java Functions Framework) adapter: {@link
 * dev.edgehog.gcf.FlushingHttpFunction} and {@link dev.edgehog.gcf.FlushingCloudEventsFunction}
 * to extend, {@link dev.edgehog.gcf.PostHogGcf} to wrap functions or blocks of work, and
 * {@link dev.edgehog.gcf.FlushOptions}. Each invocation's events are sent before its response.
 */
package dev.edgehog.gcf;
