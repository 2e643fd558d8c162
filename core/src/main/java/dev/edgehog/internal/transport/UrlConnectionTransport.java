// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.transport;

import dev.edgehog.spi.Transport;
import dev.edgehog.spi.TransportRequest;
import dev.edgehog.spi.TransportResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Authenticator;
import java.net.HttpRetryException;
import java.net.HttpURLConnection;
import java.net.ResponseCache;
import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A {@link Transport} on {@link HttpURLConnection}: in a fresh JVM its first request costs a
 * small fraction of the JDK {@code HttpClient}'s (no client, executor or selector to build), which
 * matters to a plain JVM that starts, sends one event and ends.
 *
 * <p>It follows the {@link Transport} contract as {@link HttpClientTransport} does:
 * <ul>
 *   <li>Redirects are followed here, not by the JDK, by the {@link Redirects} rules. (The
 *       JDK's own following would refuse http to https and fail a streamed POST.)</li>
 *   <li>Timeouts: connection set-up is limited by {@code min(connectTimeout, request timeout)}
 *       and every wait for response bytes by the request timeout (the JDK offers no limit on a
 *       whole exchange); they throw {@link HttpConnectTimeoutException} and {@link
 *       HttpTimeoutException}. A refused connection throws {@link java.net.ConnectException}.
 *       Writing the body has no limit of its own (the JDK offers none); a body is a gzipped
 *       batch of some kilobytes, which the socket's send buffer takes at once.</li>
 *   <li>POST bodies are streamed with a fixed length, so the JDK never resends a POST by itself
 *       ({@code sun.net.http.retryPost} applies only to buffered bodies) and checks that a pooled
 *       connection is still open before writing a POST on it. A GET that fails on a pooled
 *       connection is retried once by the JDK, as the JDK {@code HttpClient} retries GETs.</li>
 *   <li>A 401 or 407 to a POST comes back without headers and body: with a streamed body the
 *       JDK reports those statuses as {@link HttpRetryException} and drops the response, and
 *       only the status is kept. Every other status comes back whole, with headers and body.</li>
 *   <li>Interruption is checked before the request and between redirect hops; a request under
 *       way cannot be interrupted (blocking socket I/O), so its response is returned and the
 *       interrupt flag is left for the caller to see.</li>
 *   <li>No server or proxy authentication is attempted (as with an {@code HttpClient} built
 *       without an authenticator): the application's default {@link Authenticator} is not
 *       asked, and a 401 or 407 is returned.</li>
 * </ul>
 *
 * <p>Connections: the JDK pools them JVM-wide (keep-alive cache, idle ones closed after 5 s
 * unless the server asks for longer). There is no public way to empty that pool, so {@link
 * #resetConnections()} instead makes every connection opened so far unusable to this transport:
 * each connection is tagged with the {@link Authenticator} of the request that opened it, and
 * the JDK only reuses a pooled connection for a request with the same one, closing it
 * otherwise. After a reset the transport uses a new authenticator, so a connection that was
 * pooled before a snapshot is closed, not written to, when the restored process sends.
 *
 * <p>Threads: the transport starts none. When a connection is pooled the JDK starts one daemon
 * thread, {@code Keep-Alive-Timer}, shared by the whole JVM, which closes idle connections and
 * ends by itself once the pool has been empty for 5 s: it is the counterpart of the {@code
 * HttpClient} selector thread, and the only thread that exists because of this transport.
 */
public final class UrlConnectionTransport implements Transport {
    /** Headers the JDK sets itself (and silently drops when given), as for the HttpClient. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");
    private final Duration connectTimeout;
    private volatile Authenticator generation = new NoAuthentication();

    /** @param connectTimeout the longest a TCP/TLS connection set-up may take */
    public UrlConnectionTransport(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    @Override
    public TransportResponse send(TransportRequest request) throws IOException, InterruptedException {
        return Redirects.follow(request, this::exchange);
    }

    @Override
    public void resetConnections() {
        // Connections opened under the old authenticator are closed by the JDK when next found.
        generation = new NoAuthentication();
    }

    private TransportResponse exchange(Redirects.Hop hop, Duration timeout) throws IOException {
        String method = hop.method();
        byte[] body = hop.body();
        HttpURLConnection c = (HttpURLConnection) hop.uri().toURL().openConnection();
        boolean ok = false;
        try {
            c.setAuthenticator(generation);
            c.setInstanceFollowRedirects(false);
            // A JVM-wide ResponseCache is bypassed, as the HttpClient has none; without one the
            // default stays, which spares every request the JDK's "Pragma: no-cache" headers.
            c.setUseCaches(ResponseCache.getDefault() == null);
            c.setConnectTimeout(millis(connectTimeout.compareTo(timeout) < 0 ? connectTimeout : timeout));
            c.setReadTimeout(millis(timeout));
            c.setRequestMethod(method);
            boolean hasAccept = false;
            for (Map.Entry<String, String> h : hop.headers().entrySet()) {
                String name = h.getKey().toLowerCase(Locale.ROOT);
                if (!RESTRICTED.contains(name)) {
                    c.setRequestProperty(h.getKey(), h.getValue());
                    hasAccept |= name.equals("accept");
                }
            }
            if (!hasAccept) {
                c.setRequestProperty("Accept", "*/*"); // instead of the JDK's browser-like default
            }
            boolean sendsBody = !method.equals("GET") && !method.equals("HEAD");
            if (sendsBody) {
                c.setDoOutput(true);
                c.setFixedLengthStreamingMode(body.length);
            }
            connect(c);
            if (sendsBody) {
                try (OutputStream out = c.getOutputStream()) {
                    out.write(body);
                }
            }
            TransportResponse response = read(c);
            ok = true;
            return response;
        } catch (SocketTimeoutException e) {
            HttpTimeoutException timedOut = new HttpTimeoutException("request timed out after " + timeout.toMillis() + " ms");
            timedOut.initCause(e);
            throw timedOut;
        } finally {
            if (!ok) {
                c.disconnect(); // never pool a connection left in an unknown state
            }
        }
    }

    private static void connect(HttpURLConnection c) throws IOException {
        try {
            c.connect();
        } catch (SocketTimeoutException e) {
            HttpConnectTimeoutException timedOut = new HttpConnectTimeoutException(
                    "connection timed out after " + c.getConnectTimeout() + " ms");
            timedOut.initCause(e);
            throw timedOut;
        }
    }

    private static TransportResponse read(HttpURLConnection c) throws IOException {
        int status;
        try {
            status = c.getResponseCode();
        } catch (HttpRetryException e) {
            // 401/407 to a streamed POST: the JDK has already dropped the response.
            return TransportResponse.of(e.responseCode());
        }
        if (status < 0) {
            throw new IOException("invalid HTTP response (no status line)");
        }
        Map<String, List<String>> headers = c.getHeaderFields();
        byte[] body;
        // Read to the end and close, so that the connection goes back to the pool.
        try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
            body = in == null ? new byte[0] : in.readAllBytes();
        }
        return new TransportResponse(status, headers, body);
    }

    private static int millis(Duration d) {
        long ms = d.toMillis();
        return ms <= 0 ? 1 : (int) Math.min(Integer.MAX_VALUE, ms);
    }

    /**
     * Answers every authentication request with "no credentials". One instance per connection
     * generation: see the class comment.
     */
    private static final class NoAuthentication extends Authenticator {}
}
