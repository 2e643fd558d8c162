// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.lambda.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real AWS Lambda runtime interface client ({@code AWSLambda} main class) in a child JVM,
 * running a handler from this module's test class path against a {@link RuntimeApiStandIn}.
 * Every wait is bounded, and {@link #close()} always destroys the process.
 */
final class RicProcess implements AutoCloseable {
    private static final String RIC_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

    private final Process process;
    private final Path log;

    private RicProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * @param handler the handler string ({@code _HANDLER})
     * @param runtimeApi the stand-in's host and port
     * @param env extra environment variables
     * @param jvmArgs extra JVM arguments
     * @param log where the child's stdout and stderr go
     * @return the started process
     * @throws IOException when it cannot be started
     */
    static RicProcess start(String handler, String runtimeApi, Map<String, String> env, List<String> jvmArgs, Path log)
            throws IOException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // What Lambda's own java runtime uses to start fast; it also keeps the child cheap here.
        cmd.add("-XX:+TieredCompilation");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-Xshare:auto");
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(RIC_MAIN);
        cmd.add(handler);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> childEnv = pb.environment();
        childEnv.keySet().removeIf(k -> k.startsWith("POSTHOG_") || k.startsWith("AWS_") || k.startsWith("_"));
        childEnv.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
        childEnv.put("_HANDLER", handler);
        childEnv.put("AWS_LAMBDA_FUNCTION_NAME", "edgehog-e2e");
        childEnv.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        childEnv.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
        childEnv.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/edgehog-e2e");
        childEnv.put("AWS_LAMBDA_LOG_STREAM_NAME", "e2e");
        childEnv.put("AWS_REGION", "eu-west-1");
        childEnv.putAll(env);
        Files.createDirectories(log.getParent());
        pb.redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        return new RicProcess(pb.start(), log);
    }

    /**
     * Waits for the runtime interface client to exit by itself (it does when the stand-in's
     * script is used up).
     *
     * @param timeout the longest to wait
     * @return whether it exited in time
     * @throws InterruptedException when interrupted
     */
    boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * @return what the child wrote to stdout and stderr so far
     * @throws IOException when the log cannot be read
     */
    String output() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
