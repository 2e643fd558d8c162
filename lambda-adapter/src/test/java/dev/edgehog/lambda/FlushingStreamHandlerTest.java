// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.Context;
import dev.edgehog.PostHog;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FlushingStreamHandlerTest {
    private final RecordingTransport transport = new RecordingTransport();
    private final PostHog posthog = TestClients.lambdaClient(transport);

    /** Echoes its input, or fails with the exception it was given. */
    static final class EchoHandler extends FlushingStreamHandler {
        private final IOException failure;

        EchoHandler(PostHogLambda lambda, IOException failure) {
            super(lambda);
            this.failure = failure;
        }

        @Override
        protected void handle(InputStream input, OutputStream output, Context context) throws IOException {
            posthog().capture("user-1", "echoed");
            if (failure != null) {
                throw failure;
            }
            input.transferTo(output);
        }
    }

    @Test
    void writesTheHandlersOutputAndSendsItsEventsBeforeReturning() throws IOException {
        EchoHandler handler = new EchoHandler(PostHogLambda.builder(posthog).snapStart(false).build(), null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        handler.handleRequest(new ByteArrayInputStream("{\"a\":1}".getBytes(StandardCharsets.UTF_8)), out,
                new FakeLambdaContext("req-1"));

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
        assertThat(transport.requests).hasSize(1);
        assertThat(Batches.events(transport.bodies().get(0))).extracting(e -> e.get("event")).containsExactly("echoed");
    }

    @Test
    void rethrowsTheSameIOExceptionAfterCapturingIt() {
        IOException broken = new IOException("client went away");
        EchoHandler handler = new EchoHandler(PostHogLambda.builder(posthog).snapStart(false).build(), broken);

        assertThatThrownBy(() -> handler.handleRequest(new ByteArrayInputStream(new byte[0]),
                new ByteArrayOutputStream(), new FakeLambdaContext("req-1"))).isSameAs(broken);

        assertThat(Batches.events(transport.bodies().get(0))).extracting(e -> e.get("event"))
                .containsExactly("echoed", "$exception");
    }
}
