// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.lambda;

import dev.edgehog.PostHog;
import dev.edgehog.spi.Transport;
import dev.edgehog.spi.TransportRequest;
import dev.edgehog.spi.TransportResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the adapter adds to one Lambda invocation, measured around a handler body that does
 * almost nothing. {@code bareHandler} is the body alone; {@code emptyInvocation} wraps it with
 * {@link PostHogLambda#invoke} (flush of an empty queue: no request); {@code
 * oneEventInvocation} also captures one event, so its flush encodes, gzips and hands one batch
 * to a transport that answers 200 at once (no network: this is the client's own CPU cost).
 *
 * <p>A JUnit smoke test runs it briefly on every build ({@link InvocationCostBenchmarkTest});
 * for real numbers run it forked, as the module README shows.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class InvocationCostBenchmark {
    private PostHog posthog;
    private PostHogLambda lambda;
    private FakeLambdaContext context;

    /** Builds the client as a Lambda function would, with an in-memory transport. */
    @Setup
    public void setUp() {
        Transport instant = (TransportRequest r) -> TransportResponse.of(200);
        posthog = PostHogLambda.optionsFromEnvironment(Map.of("POSTHOG_API_KEY", "phc_benchmark"))
                .transport(instant)
                .retryDelay(Duration.ofMillis(1))
                .build();
        lambda = PostHogLambda.builder(posthog).snapStart(false).build();
        context = new FakeLambdaContext("benchmark");
    }

    /** Closes the client. */
    @TearDown
    public void tearDown() {
        posthog.close();
    }

    /** @return the body's result, with no adapter around it */
    @Benchmark
    public String bareHandler() {
        return body();
    }

    /** @return the body's result, run through the adapter; nothing captured, so nothing sent */
    @Benchmark
    public String emptyInvocation() {
        return lambda.invoke(context, this::body);
    }

    /** @return the body's result, run through the adapter after capturing one event */
    @Benchmark
    public String oneEventInvocation() {
        return lambda.invoke(context, () -> {
            posthog.capture("user-1", "order placed", Map.of("amount", 12.5, "currency", "EUR"));
            return body();
        });
    }

    private String body() {
        return context.getAwsRequestId();
    }
}
