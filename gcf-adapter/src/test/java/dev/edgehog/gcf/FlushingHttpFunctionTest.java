// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.gcf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import dev.edgehog.PostHog;
import dev.edgehog.spi.TransportResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FlushingHttpFunctionTest {
    private final RecordingTransport transport = new RecordingTransport();
    private final PostHog posthog = TestClients.buffered(transport).build();

    @AfterEach
    void closeClient() {
        posthog.shutdown(Duration.ofMillis(100));
    }

    /** A function whose work is a lambda, as a user's subclass would implement handle. */
    static final class SampleFunction extends FlushingHttpFunction {
        private final HttpFunction work;

        SampleFunction(PostHog posthog, FlushOptions options, HttpFunction work) {
            super(posthog, options);
            this.work = work;
        }

        SampleFunction(PostHog posthog, HttpFunction work) {
            super(posthog);
            this.work = work;
        }

        @Override
        protected void handle(HttpRequest request, HttpResponse response) throws Exception {
            work.service(request, response);
        }
    }

    @Test
    void sendsTheInvocationsEventsAsOneBatchOnTheCallingThreadBeforeServiceReturns() throws Exception {
        SampleFunction function = new SampleFunction(posthog, (request, response) -> {
            posthog.capture("user-1", "order placed", Map.of("path", request.getPath()));
            posthog.capture("user-1", "receipt sent");
            response.getWriter().write("ok");
        });
        FakeHttpResponse response = new FakeHttpResponse();

        function.service(FakeHttpRequest.get("/orders"), response);

        RecordingTransport.Recorded batch = transport.onlyRequest();
        assertThat(batch.thread()).isSameAs(Thread.currentThread());
        assertThat(batch.eventNames()).containsExactly("order placed", "receipt sent");
        assertThat(batch.events().get(0)).extracting(e -> ((Map<?, ?>) e.get("properties")).get("path"))
                .isEqualTo("/orders");
        assertThat(response.bodyText()).isEqualTo("ok");
        assertThat(posthog.stats().queued()).isZero();
    }

    @Test
    void keepsTheResponseOpenUntilTheEventsAreSentWhenTheFunctionClosesItsWriter() throws Exception {
        FakeHttpResponse response = new FakeHttpResponse();
        AtomicBoolean closedWhenSending = new AtomicBoolean(true);
        transport.answerWith(request -> {
            closedWhenSending.set(response.isClosed());
            return TransportResponse.of(200);
        });
        SampleFunction function = new SampleFunction(posthog, (request, res) -> {
            posthog.capture("user-1", "order placed");
            res.setStatusCode(201);
            try (BufferedWriter writer = res.getWriter()) {
                writer.write("created");
            }
        });

        function.service(FakeHttpRequest.get("/orders"), response);

        assertThat(transport.onlyRequest().eventNames()).containsExactly("order placed");
        assertThat(closedWhenSending).isFalse();
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.bodyText()).isEqualTo("created");
    }

    @Test
    void keepsTheResponseOpenUntilTheEventsAreSentWhenTheFunctionClosesItsOutputStream() throws Exception {
        FakeHttpResponse response = new FakeHttpResponse();
        AtomicBoolean closedWhenSending = new AtomicBoolean(true);
        transport.answerWith(request -> {
            closedWhenSending.set(response.isClosed());
            return TransportResponse.of(200);
        });
        SampleFunction function = new SampleFunction(posthog, (request, res) -> {
            posthog.capture("user-1", "file served");
            try (OutputStream out = res.getOutputStream()) {
                out.write("bytes".getBytes(StandardCharsets.UTF_8));
            }
        });

        function.service(FakeHttpRequest.get("/file"), response);

        assertThat(closedWhenSending).isFalse();
        assertThat(response.bodyText()).isEqualTo("bytes");
    }

    @Test
    void makesNoRequestForAnInvocationThatCapturedNothing() throws Exception {
        SampleFunction function = new SampleFunction(posthog, (request, response) -> response.getWriter().write("ok"));
        FakeHttpResponse response = new FakeHttpResponse();

        function.service(FakeHttpRequest.get("/health"), response);

        assertThat(transport.requests()).isEmpty();
        assertThat(response.bodyText()).isEqualTo("ok");
    }

    @Test
    void sendsEachInvocationsEventsInItsOwnBatchWithTheSameClient() throws Exception {
        SampleFunction function = new SampleFunction(posthog,
                (request, response) -> posthog.capture("user-1", "visited " + request.getPath()));

        function.service(FakeHttpRequest.get("/a"), new FakeHttpResponse());
        function.service(FakeHttpRequest.get("/b"), new FakeHttpResponse());

        List<RecordingTransport.Recorded> requests = transport.requests();
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).eventNames()).containsExactly("visited /a");
        assertThat(requests.get(1).eventNames()).containsExactly("visited /b");
    }

    @Test
    void capturesTheExceptionAndRethrowsTheSameInstanceAfterFlushing() {
        IllegalStateException boom = new IllegalStateException("inventory service down");
        SampleFunction function = new SampleFunction(posthog, (request, response) -> {
            posthog.capture("user-1", "checkout started");
            throw boom;
        });

        Throwable thrown = catchThrowable(() -> function.service(FakeHttpRequest.get("/checkout"), new FakeHttpResponse()));

        assertThat(thrown).isSameAs(boom);
        RecordingTransport.Recorded batch = transport.onlyRequest();
        assertThat(batch.eventNames()).containsExactly("checkout started", "$exception");
        Map<?, ?> properties = (Map<?, ?>) batch.events().get(1).get("properties");
        Map<?, ?> first = (Map<?, ?>) ((List<?>) properties.get("$exception_list")).get(0);
        assertThat(first.get("type")).isEqualTo("IllegalStateException");
        assertThat(first.get("value")).isEqualTo("inventory service down");
    }

    @Test
    void rethrowsACheckedExceptionUnchanged() {
        IOException failure = new IOException("disk full");
        SampleFunction function = new SampleFunction(posthog, (request, response) -> {
            throw failure;
        });

        Throwable thrown = catchThrowable(() -> function.service(FakeHttpRequest.get("/upload"), new FakeHttpResponse()));

        assertThat(thrown).isSameAs(failure);
        assertThat(transport.onlyRequest().eventNames()).containsExactly("$exception");
    }

    @Test
    void leavesTheExceptionUncapturedWhenCaptureIsOffButStillFlushes() {
        IllegalStateException boom = new IllegalStateException("boom");
        FlushOptions noCapture = FlushOptions.builder().captureExceptions(false).build();
        SampleFunction function = new SampleFunction(posthog, noCapture, (request, response) -> {
            posthog.capture("user-1", "checkout started");
            throw boom;
        });

        Throwable thrown = catchThrowable(() -> function.service(FakeHttpRequest.get("/checkout"), new FakeHttpResponse()));

        assertThat(thrown).isSameAs(boom);
        assertThat(transport.onlyRequest().eventNames()).containsExactly("checkout started");
    }

    @Test
    void rethrowsAnErrorWithoutCapturingItButStillFlushes() {
        StackOverflowError error = new StackOverflowError("deep");
        SampleFunction function = new SampleFunction(posthog, (request, response) -> {
            posthog.capture("user-1", "recursion started");
            throw error;
        });

        Throwable thrown = catchThrowable(() -> function.service(FakeHttpRequest.get("/r"), new FakeHttpResponse()));

        assertThat(thrown).isSameAs(error);
        assertThat(transport.onlyRequest().eventNames()).containsExactly("recursion started");
    }

    @Test
    void boundsTheFlushByTheConfiguredFlushTimeout() throws Exception {
        FlushOptions shortFlush = FlushOptions.builder().flushTimeout(Duration.ofMillis(250)).build();
        SampleFunction function = new SampleFunction(posthog, shortFlush,
                (request, response) -> posthog.capture("user-1", "clicked"));

        function.service(FakeHttpRequest.get("/"), new FakeHttpResponse());

        assertThat(posthog.options().requestTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(transport.onlyRequest().request().timeout())
                .isPositive()
                .isLessThanOrEqualTo(Duration.ofMillis(250));
    }

    @Test
    void usesTheClientsFlushTimeoutWhenTheOptionsSetNone() throws Exception {
        PostHog client = TestClients.buffered(transport).flushTimeout(Duration.ofMillis(400)).build();
        SampleFunction function = new SampleFunction(client, (request, response) -> client.capture("user-1", "clicked"));

        function.service(FakeHttpRequest.get("/"), new FakeHttpResponse());

        assertThat(transport.onlyRequest().request().timeout())
                .isPositive()
                .isLessThanOrEqualTo(Duration.ofMillis(400));
        client.shutdown(Duration.ofMillis(100));
    }

    @Test
    void neverFailsTheFunctionWhenDeliveryFailsAndKeepsTheEventsQueued() throws Exception {
        transport.answerWith(request -> {
            throw new ConnectException("connection refused");
        });
        SampleFunction function = new SampleFunction(posthog, (request, response) -> {
            posthog.capture("user-1", "order placed");
            response.getWriter().write("ok");
        });
        FakeHttpResponse response = new FakeHttpResponse();

        function.service(FakeHttpRequest.get("/orders"), response);

        assertThat(response.bodyText()).isEqualTo("ok");
        assertThat(transport.requests()).hasSize(1);
        assertThat(posthog.stats().queued()).isEqualTo(1);
    }

    @Test
    void keepsTheFunctionsOwnExceptionWhenTheTransportBreaks() {
        transport.answerWith(request -> {
            throw new IllegalStateException("transport bug");
        });
        IllegalArgumentException own = new IllegalArgumentException("bad order id");
        SampleFunction function = new SampleFunction(posthog, (request, response) -> {
            throw own;
        });

        Throwable thrown = catchThrowable(() -> function.service(FakeHttpRequest.get("/orders"), new FakeHttpResponse()));

        assertThat(thrown).isSameAs(own);
        assertThat(transport.requests()).hasSize(1);
    }

    @Test
    void sendsNothingWithADisabledClient() throws Exception {
        PostHog disabled = TestClients.buffered(transport).disabled(true).build();
        SampleFunction function = new SampleFunction(disabled, (request, response) -> disabled.capture("user-1", "clicked"));

        function.service(FakeHttpRequest.get("/"), new FakeHttpResponse());

        assertThat(transport.requests()).isEmpty();
    }
}
