// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.transport;

import dev.edgehog.spi.Transport;
import dev.edgehog.spi.TransportRequest;
import dev.edgehog.spi.TransportResponse;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * The default {@link Transport}: the JDK {@link HttpClient}, HTTP/1.1 (one short request at a
 * time needs no HTTP/2 multiplexing, and plain-HTTP hosts get no {@code h2c} upgrade dance).
 * Redirects are followed by the {@link Redirects} rules, not by the client: the JDK 17 client
 * would repeat the {@code Authorization} header (the personal API key) to another origin.
 *
 * <p>Threads: the client is given a same-thread executor, so it creates no worker pool; the
 * JDK still runs one selector thread per client ({@code HttpClient-N-SelectorManager}), which
 * is the only thread Edgehog causes to exist. The client is created lazily on the first
 * request, so a client that never sends starts nothing.
 */
public final class HttpClientTransport implements Transport {
    /** Headers the JDK client sets itself and refuses to be given. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");
    private static final Executor SAME_THREAD = Runnable::run;

    private final Duration connectTimeout;
    private volatile HttpClient client;

    /** @param connectTimeout the longest a TCP/TLS connection set-up may take */
    public HttpClientTransport(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    @Override
    public TransportResponse send(TransportRequest request) throws IOException, InterruptedException {
        return Redirects.follow(request, this::exchange);
    }

    private TransportResponse exchange(Redirects.Hop hop, Duration timeout) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(hop.uri()).timeout(timeout);
        for (Map.Entry<String, String> h : hop.headers().entrySet()) {
            if (!RESTRICTED.contains(h.getKey().toLowerCase(java.util.Locale.ROOT))) {
                b.header(h.getKey(), h.getValue());
            }
        }
        if ("GET".equals(hop.method())) {
            b.GET();
        } else {
            b.method(hop.method(), HttpRequest.BodyPublishers.ofByteArray(hop.body()));
        }
        HttpResponse<byte[]> response = client().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new TransportResponse(response.statusCode(), response.headers().map(), response.body());
    }

    @Override
    public synchronized void resetConnections() {
        // Dropping the client closes its pooled connections once it is collected; the next
        // request builds a fresh one (needed after a snapshot restore, where sockets are dead).
        client = null;
    }

    private HttpClient client() {
        HttpClient c = client;
        if (c == null) {
            synchronized (this) {
                c = client;
                if (c == null) {
                    c = HttpClient.newBuilder()
                            .version(HttpClient.Version.HTTP_1_1)
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .connectTimeout(connectTimeout)
                            .executor(SAME_THREAD)
                            .build();
                    client = c;
                }
            }
        }
        return c;
    }
}
