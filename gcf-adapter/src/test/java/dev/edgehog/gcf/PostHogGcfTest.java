// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.gcf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.cloud.functions.CloudEventsFunction;
import com.google.cloud.functions.HttpFunction;
import dev.edgehog.PostHog;
import dev.edgehog.PostHogOptions;
import dev.edgehog.SendMode;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PostHogGcfTest {
    private final RecordingTransport transport = new RecordingTransport();
    private final PostHog posthog = TestClients.buffered(transport).build();

    @AfterEach
    void closeClient() {
        posthog.shutdown(Duration.ofMillis(100));
    }

    @Test
    void wrappedHttpFunctionSendsItsEventsBeforeReturning() throws Exception {
        HttpFunction function = PostHogGcf.wrap(posthog, (request, response) -> {
            posthog.capture("user-1", "page served");
            response.getWriter().write("hello");
        });
        FakeHttpResponse response = new FakeHttpResponse();

        function.service(FakeHttpRequest.get("/"), response);

        assertThat(transport.onlyRequest().eventNames()).containsExactly("page served");
        assertThat(response.bodyText()).isEqualTo("hello");
    }

    @Test
    void wrappedCloudEventsFunctionCapturesAndRethrowsTheSameException() {
        IllegalStateException boom = new IllegalStateException("bad payload");
        CloudEventsFunction function = PostHogGcf.wrapCloudEvents(posthog, event -> {
            posthog.capture("system", "event received");
            throw boom;
        });

        Throwable thrown = catchThrowable(() -> function.accept(new FakeCloudEvent("evt-1", "com.example.t")));

        assertThat(thrown).isSameAs(boom);
        assertThat(transport.onlyRequest().eventNames()).containsExactly("event received", "$exception");
    }

    @Test
    void withFlushReturnsTheResultAfterSendingTheEvents() {
        String result = PostHogGcf.withFlush(posthog, () -> {
            posthog.capture("user-1", "report built");
            return "report";
        });

        assertThat(result).isEqualTo("report");
        assertThat(transport.onlyRequest().eventNames()).containsExactly("report built");
    }

    @Test
    void withFlushRethrowsTheSameCheckedExceptionAfterCapturingIt() {
        TimeoutException timeout = new TimeoutException("upstream slow");

        Throwable thrown = catchThrowable(() -> PostHogGcf.withFlush(posthog, () -> {
            throw timeout;
        }));

        assertThat(thrown).isSameAs(timeout);
        assertThat(transport.onlyRequest().eventNames()).containsExactly("$exception");
    }

    @Test
    void runWithFlushHonoursItsOptions() {
        IOException failure = new IOException("gone");
        FlushOptions noCapture = FlushOptions.builder().captureExceptions(false).build();

        Throwable thrown = catchThrowable(() -> PostHogGcf.runWithFlush(posthog, noCapture, () -> {
            posthog.capture("user-1", "job started");
            throw failure;
        }));

        assertThat(thrown).isSameAs(failure);
        assertThat(transport.onlyRequest().eventNames()).containsExactly("job started");
    }

    @Test
    void runWithFlushMakesNoRequestWhenNothingWasCaptured() {
        PostHogGcf.runWithFlush(posthog, () -> { });

        assertThat(transport.requests()).isEmpty();
    }

    @Test
    void optionsFromEnvironmentBufferAnInvocationIntoOneBatchWithAShortFlush() {
        Map<String, String> env = Map.of("POSTHOG_API_KEY", "phc_env", "POSTHOG_HOST", "https://eu.i.posthog.com");

        PostHogOptions options = PostHogGcf.optionsFromEnvironment(env).buildOptions();

        assertThat(options.sendMode()).isEqualTo(SendMode.BUFFERED);
        assertThat(options.flushAt()).isEqualTo(100);
        assertThat(options.maxBatchSize()).isEqualTo(100);
        assertThat(options.flushTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(options.host().toString()).isEqualTo("https://eu.i.posthog.com");
        assertThat(options.isDisabled()).isFalse();
    }

    @Test
    void optionsFromEnvironmentKeepExplicitFlushSettingsButAlwaysBuffer() {
        Map<String, String> env = Map.of("POSTHOG_API_KEY", "phc_env", "POSTHOG_FLUSH_AT", "5",
                "POSTHOG_FLUSH_TIMEOUT_MS", "750", "POSTHOG_SEND_MODE", "immediate");

        PostHogOptions options = PostHogGcf.optionsFromEnvironment(env).buildOptions();

        assertThat(options.flushAt()).isEqualTo(5);
        assertThat(options.flushTimeout()).isEqualTo(Duration.ofMillis(750));
        assertThat(options.sendMode()).isEqualTo(SendMode.BUFFERED);
    }

    @Test
    void optionsFromEnvironmentWithoutAKeyBuildADisabledClient() {
        PostHog client = PostHogGcf.optionsFromEnvironment(Map.of()).transport(transport).build();

        PostHogGcf.runWithFlush(client, () -> client.capture("user-1", "clicked"));

        assertThat(client.isDisabled()).isTrue();
        assertThat(transport.requests()).isEmpty();
    }
}
