// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.transport;

import dev.edgehog.spi.TransportRequest;
import dev.edgehog.spi.TransportResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The redirect rules both built-in transports follow themselves, instead of leaving them to the
 * JDK: those of the JDK HttpClient's {@code Redirect.NORMAL} (which is what posthog-node's
 * {@code fetch} does too), with the origin-bound headers of JDK 25.
 * <ul>
 *   <li>301, 302, 303, 307 and 308 with a {@code Location} are followed, to the same scheme or
 *       to https, never from https to http;</li>
 *   <li>303, and 301/302 after a POST, become a GET without a body; 307/308 repeat the method
 *       and body;</li>
 *   <li>at most {@value #MAX_HOPS} hops, after which the redirect response itself is returned;</li>
 *   <li>to another origin the {@code Authorization}, {@code Cookie}, {@code Origin}, {@code
 *       Referer} and {@code Host} headers are not repeated. The JDK 17 HttpClient repeats them,
 *       which would hand a personal API key to whatever host a redirect names: that is why the
 *       HttpClient transport does not follow redirects itself.</li>
 * </ul>
 */
final class Redirects {
    /** Hops followed; the JDK HttpClient's limit ({@code jdk.httpclient.redirects.retrylimit} 5) allows four. */
    static final int MAX_HOPS = 4;

    private static final Set<String> ORIGIN_BOUND = Set.of("authorization", "cookie", "origin", "referer", "host");

    private Redirects() {}

    /** One HTTP exchange of a transport, without redirect handling. */
    interface Exchange {
        /**
         * @param hop what to send
         * @param timeout the request's timeout
         * @return the response, whatever its status
         * @throws IOException when no response came
         * @throws InterruptedException when the caller was interrupted
         */
        TransportResponse send(Hop hop, Duration timeout) throws IOException, InterruptedException;
    }

    /**
     * Sends {@code request} and follows its redirects.
     *
     * @param request the caller's request
     * @param exchange the transport's single exchange
     * @return the final response
     * @throws IOException when an exchange got no response
     * @throws InterruptedException when the caller was interrupted before a hop
     */
    static TransportResponse follow(TransportRequest request, Exchange exchange) throws IOException, InterruptedException {
        byte[] body = request.body() == null ? new byte[0] : request.body();
        Hop hop = new Hop(request.method(), request.uri(), request.headers(), body);
        for (int hops = 0; ; hops++) {
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted before sending " + hop.method() + " " + hop.uri().getPath());
            }
            TransportResponse response = exchange.send(hop, request.timeout());
            Hop next = next(hop, hops, response);
            if (next == null) {
                return response;
            }
            hop = next;
        }
    }

    /**
     * One request of a redirect chain.
     *
     * @param method the HTTP method
     * @param uri where it goes
     * @param headers its headers
     * @param body its body (empty for none)
     */
    record Hop(String method, URI uri, Map<String, String> headers, byte[] body) {}

    /**
     * @param hop the request that got {@code response}
     * @param hopsSoFar redirects already followed before {@code hop}
     * @param response its response
     * @return the request to send next, or null when {@code response} is the answer
     */
    static Hop next(Hop hop, int hopsSoFar, TransportResponse response) {
        if (hopsSoFar >= MAX_HOPS) {
            return null;
        }
        URI location = target(hop.uri(), response);
        if (location == null) {
            return null;
        }
        int status = response.status();
        boolean becomesGet = status == 303 || ((status == 301 || status == 302) && hop.method().equals("POST"));
        Map<String, String> headers = sameOrigin(hop.uri(), location) ? hop.headers() : withoutOriginBound(hop.headers());
        return becomesGet ? new Hop("GET", location, headers, new byte[0]) : new Hop(hop.method(), location, headers, hop.body());
    }

    private static URI target(URI from, TransportResponse response) {
        int s = response.status();
        if (s != 301 && s != 302 && s != 303 && s != 307 && s != 308) {
            return null;
        }
        String location = response.header("Location");
        if (location == null || location.isBlank()) {
            return null;
        }
        URI to;
        try {
            to = from.resolve(location.trim());
        } catch (IllegalArgumentException malformed) {
            return null;
        }
        String scheme = to.getScheme() == null ? "" : to.getScheme().toLowerCase(Locale.ROOT);
        boolean allowed = scheme.equals("https") || (scheme.equals("http") && from.getScheme().equalsIgnoreCase("http"));
        return allowed && to.getHost() != null ? to : null;
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getRawAuthority().equalsIgnoreCase(b.getRawAuthority());
    }

    private static Map<String, String> withoutOriginBound(Map<String, String> headers) {
        Map<String, String> kept = new LinkedHashMap<>();
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if (!ORIGIN_BOUND.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                kept.put(h.getKey(), h.getValue());
            }
        }
        return kept;
    }
}
