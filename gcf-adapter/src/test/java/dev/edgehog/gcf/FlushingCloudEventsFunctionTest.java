// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.gcf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.cloud.functions.CloudEventsFunction;
import dev.edgehog.PostHog;
import io.cloudevents.CloudEvent;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FlushingCloudEventsFunctionTest {
    private final RecordingTransport transport = new RecordingTransport();
    private final PostHog posthog = TestClients.buffered(transport).build();

    @AfterEach
    void closeClient() {
        posthog.shutdown(Duration.ofMillis(100));
    }

    static final class SampleFunction extends FlushingCloudEventsFunction {
        private final CloudEventsFunction work;

        SampleFunction(PostHog posthog, CloudEventsFunction work) {
            super(posthog);
            this.work = work;
        }

        @Override
        protected void handle(CloudEvent event) throws Exception {
            work.accept(event);
        }
    }

    @Test
    void handsTheEventOverAndSendsItsEventsAsOneBatchBeforeAcceptReturns() throws Exception {
        AtomicReference<CloudEvent> seen = new AtomicReference<>();
        SampleFunction function = new SampleFunction(posthog, event -> {
            seen.set(event);
            posthog.capture("system", "file uploaded", Map.of("ce_id", event.getId()));
            posthog.capture("system", "thumbnail made");
        });
        FakeCloudEvent event = new FakeCloudEvent("evt-1", "com.example.upload");

        function.accept(event);

        assertThat(seen.get()).isSameAs(event);
        RecordingTransport.Recorded batch = transport.onlyRequest();
        assertThat(batch.thread()).isSameAs(Thread.currentThread());
        assertThat(batch.eventNames()).containsExactly("file uploaded", "thumbnail made");
        assertThat(((Map<?, ?>) batch.events().get(0).get("properties")).get("ce_id")).isEqualTo("evt-1");
    }

    @Test
    void makesNoRequestForAnEventThatCapturedNothing() throws Exception {
        SampleFunction function = new SampleFunction(posthog, event -> { });

        function.accept(new FakeCloudEvent("evt-2", "com.example.noop"));

        assertThat(transport.requests()).isEmpty();
    }

    @Test
    void capturesTheExceptionAndRethrowsTheSameInstanceAfterFlushing() {
        UnsupportedOperationException boom = new UnsupportedOperationException("unknown event type");
        SampleFunction function = new SampleFunction(posthog, event -> {
            throw boom;
        });

        Throwable thrown = catchThrowable(() -> function.accept(new FakeCloudEvent("evt-3", "com.example.other")));

        assertThat(thrown).isSameAs(boom);
        assertThat(transport.onlyRequest().eventNames()).containsExactly("$exception");
    }
}
