// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.gcf;

import com.dslplatform.json.DslJson;
import dev.edgehog.PostHog;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The real Java Functions Framework invoker ({@code java-function-invoker}) serving one function
 * class in a child JVM, for end-to-end tests.
 *
 * <p>The invoker jar bundles unrelocated Jetty and Jackson, so it never shares a class path with
 * the test (WireMock runs here); the build copies it to {@code target/invoker} and passes its
 * path in the {@code edgehog.gcf.invokerJar} system property. The child gets only the function's
 * class path: the test classes, this module's classes, edgehog-core and DSL-JSON (the invoker
 * brings the Functions Framework API itself). It binds 0.0.0.0 (it has no host option), so tests
 * call it only through {@link #uri(String)}, which is on 127.0.0.1.
 *
 * <p>Readiness is event-driven: a reader thread drains the child's output and completes a future
 * when the invoker logs that it is serving; then one TCP connect to 127.0.0.1 confirms the port.
 * Every wait is bounded, and {@link #close()} always destroys the child.
 */
final class FunctionInvoker implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final int START_ATTEMPTS = 3;

    private final Process process;
    private final int port;
    private final StringBuffer output;
    private final Thread killOnExit;

    private FunctionInvoker(Process process, int port, StringBuffer output) {
        this.process = process;
        this.port = port;
        this.output = output;
        this.killOnExit = new Thread(process::destroyForcibly, "kill-function-invoker");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /**
     * Starts the invoker serving {@code target} and waits until it accepts connections.
     *
     * @param target the function class (in this module's test classes)
     * @param env variables added to the child's environment (every inherited {@code POSTHOG_*}
     *     variable is removed first)
     * @return the running invoker
     */
    static FunctionInvoker start(Class<?> target, Map<String, String> env) throws Exception {
        Exception last = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            int port = freeLoopbackPort();
            StringBuffer output = new StringBuffer();
            Process process = launch(target, env, port);
            CompletableFuture<Void> serving = drain(process, output);
            try {
                serving.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                confirmAccepting(port);
                return new FunctionInvoker(process, port, output);
            } catch (Exception e) { // not ready in time, exited, or the port refused: never leak the child
                stop(process);
                last = new IllegalStateException("the function invoker did not start (attempt " + attempt + ", port "
                        + port + "): " + e + "\n--- invoker output ---\n" + output, e);
                if (!output.toString().contains("BindException") && !output.toString().contains("Address already in use")) {
                    break; // only a lost race for the port is worth another try
                }
            }
        }
        throw last;
    }

    /** @return the port the invoker serves on */
    int port() {
        return port;
    }

    /**
     * @param pathAndQuery e.g. {@code /?events=2}
     * @return the URI of the function on 127.0.0.1
     */
    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    /** @return everything the child has printed so far */
    String output() {
        return output.toString();
    }

    /**
     * Waits until the child has printed {@code text} (its log lines may trail the HTTP response
     * they belong to), woken by each new line rather than polling.
     *
     * @param text what to wait for
     * @param timeout the longest to wait
     * @return everything printed so far
     */
    String awaitOutput(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (output) {
            while (output.indexOf(text) < 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                TimeUnit.NANOSECONDS.timedWait(output, left);
            }
            return output.toString();
        }
    }

    @Override
    public void close() {
        stop(process);
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook runs anyway; the child is already gone
        }
    }

    private static Process launch(Class<?> target, Map<String, String> env, int port) throws IOException {
        Path invokerJar = invokerJar();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java,
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-jar", invokerJar.toString(),
                "--classpath", functionClassPath(target),
                "--target", target.getName(),
                "--port", Integer.toString(port));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> childEnv = builder.environment();
        childEnv.keySet().removeIf(k -> k.startsWith("POSTHOG_") || k.equals("PORT")
                || k.equals("FUNCTION_TARGET") || k.equals("FUNCTION_SIGNATURE_TYPE"));
        childEnv.putAll(env);
        return builder.start();
    }

    private static Path invokerJar() {
        String property = System.getProperty("edgehog.gcf.invokerJar");
        if (property == null || property.isBlank()) {
            throw new IllegalStateException("system property edgehog.gcf.invokerJar is not set: run the test through "
                    + "Maven, which copies java-function-invoker to target/invoker");
        }
        Path jar = Path.of(property);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the function invoker jar is missing: " + jar);
        }
        return jar;
    }

    /** The function's class path: where the target, the adapter, core and DSL-JSON were loaded from. */
    private static String functionClassPath(Class<?> target) {
        List<String> entries = new ArrayList<>();
        for (Class<?> c : List.of(target, FlushingHttpFunction.class, PostHog.class, DslJson.class)) {
            String entry = location(c);
            if (!entries.contains(entry)) {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static String location(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the class path entry of " + c.getName(), e);
        }
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Drains the child's output; the future completes when the invoker says it is serving. */
    private static CompletableFuture<Void> drain(Process process, StringBuffer output) {
        CompletableFuture<Void> serving = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    synchronized (output) {
                        output.append(line).append('\n');
                        output.notifyAll();
                    }
                    if (line.contains("Serving function")) {
                        serving.complete(null);
                    }
                }
            } catch (IOException e) {
                serving.completeExceptionally(new UncheckedIOException(e));
            }
            serving.completeExceptionally(new IllegalStateException("the invoker's output ended before it served"));
        }, "function-invoker-output");
        reader.setDaemon(true);
        reader.start();
        return serving;
    }

    private static void confirmAccepting(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
        }
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
