// SPDX-License-Identifier: Apache-2.0

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The start-up benchmark's event sink (run with {@code java Sink.java <port file> [<PKCS12 key
 * store> <password>]}, the key store making it serve https): accepts
 * {@code POST /batch/} on 127.0.0.1 (a free port, written to the port file) from any client,
 * answers 200 at once, and records the arrival time (epoch nanoseconds) of the first event since
 * the last {@code GET /reset}, the number of events (each {@code "event":} key of the decoded body)
 * and the bytes on the wire. {@code GET /stats} answers
 * {@code <first arrival ns> <events> <wire bytes> <requests>}.
 */
public final class Sink {
    private static final Pattern EVENT = Pattern.compile("\"event\"\\s*:\\s*\"");
    private static long firstNanos;
    private static long events;
    private static long wireBytes;
    private static long requests;

    public static void main(String[] args) throws IOException {
        // Without TCP_NODELAY the server's small writes wait for the client's delayed ACK: about
        // 40 ms per request, which would measure the sink instead of the clients.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server;
        if (args.length == 3) {
            HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
            https.setHttpsConfigurator(new HttpsConfigurator(tls(Path.of(args[1]), args[2].toCharArray())));
            server = https;
        } else {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        }
        server.createContext("/", Sink::handle);
        server.start();
        Files.writeString(Path.of(args[0]), Integer.toString(server.getAddress().getPort()));
    }

    private static void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String answer = "{\"status\":1}";
        if (path.startsWith("/batch")) {
            Instant now = Instant.now();
            byte[] wire = exchange.getRequestBody().readAllBytes();
            boolean gzip = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                    || (wire.length > 2 && (wire[0] & 0xff) == 0x1f && (wire[1] & 0xff) == 0x8b);
            byte[] body = gzip ? gunzip(wire) : wire;
            int count = 0;
            Matcher m = EVENT.matcher(new String(body, StandardCharsets.UTF_8));
            while (m.find()) {
                count++;
            }
            synchronized (Sink.class) {
                if (firstNanos == 0 && count > 0) {
                    firstNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
                }
                events += count;
                wireBytes += wire.length;
                requests++;
            }
        } else if (path.equals("/reset")) {
            synchronized (Sink.class) {
                firstNanos = 0;
                events = 0;
                wireBytes = 0;
                requests = 0;
            }
            answer = "ok";
        } else if (path.equals("/stats")) {
            synchronized (Sink.class) {
                answer = firstNanos + " " + events + " " + wireBytes + " " + requests;
            }
        }
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static SSLContext tls(Path keyStore, char[] password) throws IOException {
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, password);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(kmf.getKeyManagers(), null, null);
            return tls;
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    private static byte[] gunzip(byte[] gzipped) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            return in.readAllBytes();
        }
    }
}
