// SPDX-License-Identifier: Apache-2.0
/**
 * HTTP: the built-in transports (JDK {@code HttpClient}, the default, and {@code HttpURLConnection}),
 * gzip, and the backoff arithmetic used between retries.
 */
package dev.edgehog.internal.transport;
