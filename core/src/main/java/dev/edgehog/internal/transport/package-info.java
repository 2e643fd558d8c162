// SPDX-License-Identifier: Apache-2.0
/**
 * HTTP: the default JDK {@code HttpClient} transport, gzip, and the backoff arithmetic used
 * between retries.
 */
package dev.edgehog.internal.transport;
