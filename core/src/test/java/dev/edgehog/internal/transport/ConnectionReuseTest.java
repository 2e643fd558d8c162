// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.edgehog.HttpTransport;
import dev.edgehog.spi.Transport;
import dev.edgehog.spi.TransportRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Both built-in transports keep a connection open between requests, and {@link
 * Transport#resetConnections()} makes the next request open a new one (what a restored snapshot
 * needs: its pooled sockets are dead). The server is the JDK's, which tells the client's port.
 */
@ParameterizedClass
@EnumSource(HttpTransport.class)
class ConnectionReuseTest {
    @Parameter
    HttpTransport kind;

    private final List<Integer> clientPorts = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        clientPorts.add(exchange.getRemoteAddress().getPort());
        byte[] body = "{}".getBytes();
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private Transport transport() {
        return switch (kind) {
            case JDK_HTTP_CLIENT -> new HttpClientTransport(Duration.ofSeconds(5));
            case URL_CONNECTION -> new UrlConnectionTransport(Duration.ofSeconds(5));
        };
    }

    private void post(Transport transport) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/batch/");
        assertThat(transport.send(new TransportRequest("POST", uri, Map.of(), new byte[] {1}, Duration.ofSeconds(5))).status())
                .isEqualTo(200);
    }

    @Test
    void consecutiveRequestsShareOneConnection() throws Exception {
        Transport transport = transport();

        post(transport);
        post(transport);
        post(transport);

        assertThat(clientPorts).hasSize(3).containsOnly(clientPorts.get(0));
    }

    @Test
    void requestAfterResetConnectionsOpensANewConnection() throws Exception {
        Transport transport = transport();
        post(transport);

        transport.resetConnections();
        post(transport);
        post(transport);

        assertThat(clientPorts).hasSize(3);
        assertThat(clientPorts.get(1)).as("first request after the reset").isNotEqualTo(clientPorts.get(0));
        assertThat(clientPorts.get(2)).as("the new connection is pooled in turn").isEqualTo(clientPorts.get(1));
    }

    @Test
    void pooledConnectionTheServerHasClosedIsNotWrittenTo() throws Exception {
        try (ClosingServer closing = new ClosingServer()) {
            Transport transport = transport();
            URI uri = URI.create("http://127.0.0.1:" + closing.port() + "/batch/");
            TransportRequest request = new TransportRequest("POST", uri, Map.of(), new byte[] {1}, Duration.ofSeconds(5));

            int first = transport.send(request).status();
            closing.awaitClosed(1);
            int second = transport.send(request).status();

            assertThat(first).isEqualTo(200);
            assertThat(second).as("sent on a new connection, not lost on the closed one").isEqualTo(200);
            assertThat(closing.requests()).isEqualTo(2);
            assertThat(closing.connections()).isEqualTo(2);
        }
    }
}
