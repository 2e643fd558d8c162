// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.spi;

import java.io.IOException;

/**
 * Sends one HTTP request to PostHog and returns its response: the Java counterpart of
 * posthog-node's {@code fetch} option.
 *
 * <p>The default transport uses the JDK {@link java.net.http.HttpClient}; the other built-in one,
 * chosen with {@link dev.edgehog.PostHogOptions.Builder#httpTransport(dev.edgehog.HttpTransport)},
 * uses {@link java.net.HttpURLConnection}. Substitute your own to
 * route traffic through a proxy library, to sign requests, or to record requests in tests.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #send} blocks on the caller's thread until the response (status, headers and
 *       body) has arrived or {@link TransportRequest#timeout()} has passed.</li>
 *   <li>Any response, whatever its status, is returned normally; the client decides what a
 *       status means.</li>
 *   <li>A request that produced no response (connection refused or reset, DNS or TLS failure,
 *       timeout) throws {@link IOException}; use {@link java.net.http.HttpTimeoutException} for
 *       timeouts and {@link java.net.ConnectException} for refused connections so the retry
 *       policy can tell them apart.</li>
 *   <li>Implementations must be safe for concurrent use and must not start threads of their
 *       own if they want to keep Edgehog's "no background threads" promise.</li>
 * </ul>
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface Transport {

    /**
     * Performs the request.
     *
     * @param request what to send; never null
     * @return the response; never null
     * @throws IOException when no response could be obtained (a network error)
     * @throws InterruptedException when the calling thread was interrupted while waiting
     */
    TransportResponse send(TransportRequest request) throws IOException, InterruptedException;

    /**
     * Drops pooled connections so the next request opens fresh ones. Called before a runtime
     * snapshot (for example AWS Lambda SnapStart) and after a restore. The default does
     * nothing.
     */
    default void resetConnections() {}
}
