// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edgehog.PostHog;
import java.util.ArrayList;
import java.util.List;
import org.crac.Context;
import org.crac.Resource;
import org.junit.jupiter.api.Test;

class SnapStartTest {
    private final RecordingTransport transport = new RecordingTransport();
    private final PostHog posthog = TestClients.lambdaClient(transport);
    private final RecordingCracContext crac = new RecordingCracContext();

    /** Stands in for the runtime's global CRaC context. */
    static final class RecordingCracContext extends Context<Resource> {
        final List<Resource> registered = new ArrayList<>();

        @Override
        public void beforeCheckpoint(Context<? extends Resource> context) {}

        @Override
        public void afterRestore(Context<? extends Resource> context) {}

        @Override
        public void register(Resource resource) {
            registered.add(resource);
        }
    }

    @Test
    void registersOneResourceAndKeepsAStrongReferenceToIt() {
        PostHogLambda lambda = PostHogLambda.builder(posthog).cracContext(crac).build();

        assertThat(crac.registered).hasSize(1);
        assertThat(lambda.snapStartResource()).isSameAs(crac.registered.get(0));
        assertThat(lambda.toString()).contains("SnapStart hooks registered");
    }

    @Test
    void registersNothingWhenSnapStartIsOff() {
        PostHogLambda lambda = PostHogLambda.builder(posthog).snapStart(false).cracContext(crac).build();

        assertThat(crac.registered).isEmpty();
        assertThat(lambda.snapStartResource()).isNull();
    }

    @Test
    void flushesEventsCapturedDuringInitAndThenDropsConnectionsBeforeTheCheckpoint() throws Exception {
        PostHogLambda.builder(posthog).cracContext(crac).build();
        posthog.capture("init", "cache primed");

        crac.registered.get(0).beforeCheckpoint(crac);

        assertThat(transport.calls).containsExactly("send", "reset");
        assertThat(Batches.events(transport.bodies().get(0))).extracting(e -> e.get("event"))
                .containsExactly("cache primed");
        assertThat(posthog.stats().queued()).isZero();
    }

    @Test
    void dropsConnectionsAfterRestoreSoTheNextRequestOpensFreshOnes() throws Exception {
        PostHogLambda.builder(posthog).cracContext(crac).build();

        crac.registered.get(0).afterRestore(crac);

        assertThat(transport.calls).containsExactly("reset");
    }

    @Test
    void aCheckpointWithAnUnreachablePostHogKeepsTheEventsAndDoesNotThrow() throws Exception {
        PostHogLambda.builder(posthog).cracContext(crac).build();
        posthog.capture("init", "cache primed");
        transport.failWith(new java.net.ConnectException("no network during init"));

        crac.registered.get(0).beforeCheckpoint(crac);

        assertThat(posthog.stats().queued()).isEqualTo(1);
        assertThat(transport.calls).endsWith("reset");
    }
}
