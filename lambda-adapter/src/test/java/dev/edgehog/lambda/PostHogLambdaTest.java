// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.Context;
import dev.edgehog.DeliveryResult;
import dev.edgehog.ErrorKind;
import dev.edgehog.PostHog;
import dev.edgehog.SendMode;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostHogLambdaTest {
    private final RecordingTransport transport = new RecordingTransport();
    private final PostHog posthog = TestClients.lambdaClient(transport);
    private final FakeLambdaContext context = new FakeLambdaContext("req-1");

    @Test
    void withFlushReturnsTheBodysValueAfterSendingItsEvents() {
        String result = PostHogLambda.withFlush(posthog, context, () -> {
            posthog.capture("user-1", "order placed");
            posthog.capture("user-1", "order paid");
            assertThat(transport.requests).isEmpty();
            return "ok";
        });

        assertThat(result).isEqualTo("ok");
        assertThat(transport.requests).hasSize(1);
        assertThat(Batches.events(transport.bodies().get(0))).extracting(e -> e.get("event"))
                .containsExactly("order placed", "order paid");
    }

    @Test
    void withFlushRunsBodiesThatReturnNothing() {
        List<String> ran = new ArrayList<>();

        PostHogLambda.withFlush(posthog, context, () -> {
            posthog.capture("user-1", "pinged");
            ran.add("body");
        });

        assertThat(ran).containsExactly("body");
        assertThat(transport.requests).hasSize(1);
    }

    @Test
    void addsNoRequestForInvocationsThatCapturedNothing() {
        PostHogLambda lambda = PostHogLambda.builder(posthog).snapStart(false).build();

        for (int i = 0; i < 100; i++) {
            lambda.invoke(context, () -> "nothing captured");
        }

        assertThat(transport.requests).isEmpty();
        assertThat(posthog.stats().requests()).isZero();
    }

    @Test
    void sendsExactlyOneRequestPerInvocationThatCapturedEvents() {
        PostHogLambda lambda = PostHogLambda.builder(posthog).snapStart(false).build();
        int[] eventsPerInvocation = {1, 2, 19, 20, 21, 50, 99, 100};

        List<Integer> requestsPerInvocation = new ArrayList<>();
        for (int n : eventsPerInvocation) {
            int before = transport.requests.size();
            lambda.invoke(context, () -> {
                for (int i = 0; i < n; i++) {
                    posthog.capture("user-1", "step", Map.of("i", i));
                }
                return n;
            });
            requestsPerInvocation.add(transport.requests.size() - before);
        }

        assertThat(requestsPerInvocation).containsOnly(1).hasSize(eventsPerInvocation.length);
        assertThat(transport.bodies()).extracting(b -> Batches.events(b).size())
                .containsExactly(1, 2, 19, 20, 21, 50, 99, 100);
    }

    @Test
    void limitsTheFlushToTheRemainingTimeMinusTheSafetyMargin() {
        PostHogLambda lambda = PostHogLambda.builder(posthog).snapStart(false)
                .safetyMargin(Duration.ofMillis(300)).build();
        context.remainingTime(Duration.ofMillis(1_300));

        lambda.invoke(context, () -> {
            posthog.capture("user-1", "order placed");
            return null;
        });

        assertThat(transport.requests).hasSize(1);
        assertThat(transport.requests.get(0).timeout()).isLessThanOrEqualTo(Duration.ofMillis(1_000))
                .isGreaterThan(Duration.ofMillis(500));
    }

    @Test
    void limitsTheFlushToTheFlushTimeoutWhenMoreTimeRemains() {
        PostHogLambda lambda = PostHogLambda.builder(posthog).snapStart(false)
                .flushTimeout(Duration.ofMillis(2_000)).build();
        context.remainingTime(Duration.ofMinutes(14));

        lambda.invoke(context, () -> {
            posthog.capture("user-1", "order placed");
            return null;
        });

        assertThat(transport.requests.get(0).timeout()).isLessThanOrEqualTo(Duration.ofMillis(2_000))
                .isGreaterThan(Duration.ofMillis(1_500));
    }

    @Test
    void skipsTheNetworkAndReportsPendingEventsWhenLessThanTheMarginRemains() {
        List<DeliveryResult> results = new ArrayList<>();
        PostHogLambda lambda = PostHogLambda.builder(posthog).snapStart(false)
                .flushListener((ctx, r) -> results.add(r)).build();
        context.remainingTime(Duration.ofMillis(150));

        lambda.invoke(context, () -> {
            posthog.capture("user-1", "order placed");
            posthog.capture("user-1", "order paid");
            return null;
        });

        assertThat(transport.requests).isEmpty();
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.pending()).isEqualTo(2);
            assertThat(r.delivered()).isZero();
            assertThat(r.deadlineReached()).isTrue();
        });
        assertThat(posthog.stats().queued()).isEqualTo(2);
    }

    @Test
    void sendsEventsLeftPendingWithTheNextInvocation() {
        PostHogLambda lambda = PostHogLambda.builder(posthog).snapStart(false).build();
        context.remainingTime(Duration.ofMillis(100));
        lambda.invoke(context, () -> {
            posthog.capture("user-1", "late event");
            return null;
        });
        FakeLambdaContext next = new FakeLambdaContext("req-2");

        lambda.invoke(next, () -> {
            posthog.capture("user-2", "next event");
            return null;
        });

        assertThat(transport.requests).hasSize(1);
        assertThat(Batches.events(transport.bodies().get(0))).extracting(e -> e.get("event"))
                .containsExactly("late event", "next event");
    }

    @Test
    void reportsUndeliveredEventsToTheFlushListener() {
        List<DeliveryResult> results = new ArrayList<>();
        List<Context> contexts = new ArrayList<>();
        PostHogLambda lambda = PostHogLambda.builder(posthog).snapStart(false)
                .flushListener((ctx, r) -> {
                    contexts.add(ctx);
                    results.add(r);
                }).build();
        transport.failWith(new HttpTimeoutException("request timed out"));

        lambda.invoke(context, () -> {
            posthog.capture("user-1", "order placed");
            return null;
        });

        assertThat(contexts).containsExactly(context);
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.pending()).isEqualTo(1);
            assertThat(r.isComplete()).isFalse();
            assertThat(r.errors()).extracting(e -> e.kind()).contains(ErrorKind.DELIVERY_DEFERRED);
        });
    }

    @Test
    void aThrowingFlushListenerDoesNotFailTheInvocation() {
        PostHogLambda lambda = PostHogLambda.builder(posthog).snapStart(false)
                .flushListener((ctx, r) -> {
                    throw new IllegalStateException("listener bug");
                }).build();

        String result = lambda.invoke(context, () -> "ok");

        assertThat(result).isEqualTo("ok");
    }

    @Test
    void aContextThatCannotTellItsRemainingTimeDoesNotFailTheInvocation() {
        context.failRemainingTime(new UnsupportedOperationException("not in this context"));

        String result = PostHogLambda.withFlush(posthog, context, () -> "ok");

        assertThat(result).isEqualTo("ok");
    }

    @Test
    void capturesTheHandlersExceptionAndRethrowsTheSameInstance() {
        IllegalStateException boom = new IllegalStateException("boom");

        assertThatThrownBy(() -> PostHogLambda.withFlush(posthog, context, () -> {
            posthog.capture("user-1", "order placed");
            throw boom;
        })).isSameAs(boom);

        assertThat(transport.requests).hasSize(1);
        List<Map<String, Object>> events = Batches.events(transport.bodies().get(0));
        assertThat(events).extracting(e -> e.get("event")).containsExactly("order placed", "$exception");
        Map<String, Object> props = Batches.properties(events.get(1));
        assertThat(props).containsEntry("aws_request_id", "req-1").containsEntry("aws_function_name", "fake-function");
        assertThat(props.get("$exception_list").toString()).contains("IllegalStateException").contains("boom");
    }

    @Test
    void rethrowsCheckedExceptionsUnchanged() {
        IOException io = new IOException("disk gone");

        assertThatThrownBy(() -> PostHogLambda.withFlush(posthog, context, () -> {
            throw io;
        })).isSameAs(io);

        assertThat(Batches.events(transport.bodies().get(0))).extracting(e -> e.get("event"))
                .containsExactly("$exception");
    }

    @Test
    void doesNotCaptureTheExceptionWhenExceptionCaptureIsOff() {
        PostHogLambda lambda = PostHogLambda.builder(posthog).snapStart(false).captureExceptions(false).build();
        IllegalStateException boom = new IllegalStateException("boom");

        assertThatThrownBy(() -> lambda.invoke(context, () -> {
            posthog.capture("user-1", "order placed");
            throw boom;
        })).isSameAs(boom);

        assertThat(Batches.events(transport.bodies().get(0))).extracting(e -> e.get("event"))
                .containsExactly("order placed");
    }

    @Test
    void rethrowsTheHandlersExceptionWhenTheFlushCannotDeliver() {
        transport.failWith(new java.net.ConnectException("refused"));
        IllegalArgumentException bad = new IllegalArgumentException("bad input");

        assertThatThrownBy(() -> PostHogLambda.withFlush(posthog, context, () -> {
            throw bad;
        })).isSameAs(bad);

        assertThat(transport.requests).isNotEmpty();
        assertThat(posthog.stats().queued()).isEqualTo(1);
    }

    @Test
    void flushesWithOnlyTheFlushTimeoutWhenThereIsNoContext() {
        PostHogLambda lambda = PostHogLambda.builder(posthog).snapStart(false)
                .flushTimeout(Duration.ofMillis(700)).build();

        lambda.invoke(null, () -> {
            posthog.capture("user-1", "order placed");
            return null;
        });

        assertThat(transport.requests.get(0).timeout()).isLessThanOrEqualTo(Duration.ofMillis(700));
    }

    @Test
    void usesTheClientsFlushTimeoutByDefault() {
        PostHogLambda lambda = PostHogLambda.builder(posthog).snapStart(false).build();

        assertThat(lambda.flushTimeout()).isEqualTo(posthog.options().flushTimeout());
        assertThat(lambda.safetyMargin()).isEqualTo(Duration.ofMillis(200));
        assertThat(lambda.isCaptureExceptions()).isTrue();
    }

    @Test
    void rejectsANegativeSafetyMargin() {
        assertThatThrownBy(() -> PostHogLambda.builder(posthog).safetyMargin(Duration.ofMillis(-1)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("safetyMargin").hasMessageContaining("PT-0.001S");
    }

    @Test
    void rejectsAZeroFlushTimeout() {
        assertThatThrownBy(() -> PostHogLambda.builder(posthog).flushTimeout(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("flushTimeout");
    }

    @Test
    void optionsFromEnvironmentBufferAWholeInvocationIntoOneBatch() {
        PostHog client = PostHogLambda.optionsFromEnvironment(Map.of("POSTHOG_API_KEY", "phc_x")).build();

        assertThat(client.options().sendMode()).isEqualTo(SendMode.BUFFERED);
        assertThat(client.options().flushAt()).isEqualTo(100);
        assertThat(client.options().maxBatchSize()).isEqualTo(100);
    }

    @Test
    void optionsFromEnvironmentKeepAnExplicitSendModeAndFlushAt() {
        PostHog client = PostHogLambda.optionsFromEnvironment(Map.of("POSTHOG_API_KEY", "phc_x",
                "POSTHOG_SEND_MODE", "immediate", "POSTHOG_FLUSH_AT", "5")).build();

        assertThat(client.options().sendMode()).isEqualTo(SendMode.IMMEDIATE);
        assertThat(client.options().flushAt()).isEqualTo(5);
    }

    @Test
    void optionsFromEnvironmentWithoutAKeyGiveADisabledClientThatMakesInvocationsFree() {
        PostHog client = PostHogLambda.optionsFromEnvironment(Map.of()).transport(transport).build();

        String result = PostHogLambda.withFlush(client, context, () -> {
            client.capture("user-1", "order placed");
            return "ok";
        });

        assertThat(client.isDisabled()).isTrue();
        assertThat(result).isEqualTo("ok");
        assertThat(transport.requests).isEmpty();
    }

    @Test
    void toStringDoesNotRevealTheApiKey() {
        PostHogLambda lambda = PostHogLambda.builder(posthog).snapStart(false).build();

        assertThat(lambda.toString()).doesNotContain("phc_unit_test").contains("safetyMargin 200 ms");
    }
}
