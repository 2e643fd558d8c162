// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.lambda.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.edgehog.lambda.Batches;
import dev.edgehog.lambda.e2e.RuntimeApiStandIn.ScriptedInvocation;
import dev.edgehog.lambda.e2e.Timeline.Entry;
import dev.edgehog.lambda.e2e.Timeline.Kind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SnapStart under the real runtime interface client: started with {@code
 * AWS_LAMBDA_INITIALIZATION_TYPE=snap-start} and {@code -Dorg.crac.Core.Compat=
 * com.amazonaws.services.lambda.crac} (what Lambda's managed Java runtime passes), it runs the
 * registered CRaC hooks' {@code beforeCheckpoint}, asks the Runtime API for {@code restore/next},
 * then runs {@code afterRestore} before the first invocation, exactly as around a real
 * snapshot.
 */
class SnapStartE2eTest {
    private static final Timeline TIMELINE = new Timeline();
    private static final String FIRST = "inv-after-restore";

    @RegisterExtension
    static WireMockExtension posthog = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").extensions(new BatchRecorder(TIMELINE)))
            .build();

    private static RuntimeApiStandIn runtime;
    private static String output;

    @BeforeAll
    static void initSnapshotRestoreAndInvokeUnderTheRealRuntimeInterfaceClient() throws Exception {
        posthog.stubFor(post("/batch/").willReturn(okJson("{\"status\":\"Ok\"}")));
        runtime = new RuntimeApiStandIn(TIMELINE, List.of(
                new ScriptedInvocation(FIRST, "{}", Duration.ofSeconds(60))));
        Map<String, String> env = Map.of("POSTHOG_API_KEY", "phc_e2e", "POSTHOG_HOST", posthog.baseUrl(),
                "AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start");
        try (RicProcess ric = RicProcess.start(SnapStartE2eHandler.class.getName(), runtime.hostAndPort(), env,
                List.of("-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac"),
                Path.of("target", "e2e", "snapstart-e2e.log"))) {
            boolean exited = ric.awaitExit(Duration.ofSeconds(60));
            output = ric.output();
            assertThat(exited).as("the runtime interface client exits when the script is used up; output:%n%s", output)
                    .isTrue();
        }
    }

    @AfterAll
    static void stopTheRuntimeApi() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void sendsEventsCapturedDuringInitBeforeTheSnapshotIsTaken() {
        List<Entry> entries = TIMELINE.entries();
        Entry restore = entries.stream().filter(e -> e.kind() == Kind.RESTORE_NEXT).findFirst().orElseThrow(
                () -> new AssertionError("no restore/next: " + TIMELINE.summary() + "\n" + output));

        List<Entry> beforeSnapshot = entries.stream()
                .filter(e -> e.kind() == Kind.BATCH && e.seq() < restore.seq()).toList();

        assertThat(beforeSnapshot).hasSize(1);
        assertThat(Batches.events(beforeSnapshot.get(0).body())).extracting(e -> e.get("event"))
                .containsExactly("e2e primed");
    }

    @Test
    void resetsTheClientAfterRestoreBeforeTheFirstInvocation() {
        Entry restore = TIMELINE.entries().stream().filter(e -> e.kind() == Kind.RESTORE_NEXT).findFirst().orElseThrow();
        Entry next = TIMELINE.only(Kind.NEXT, FIRST);

        assertThat(restore.seq()).isLessThan(next.seq());
        assertThat(output).contains("SnapStart: after restore: PostHog HTTP connections dropped, event ids re-seeded, flag definitions marked stale");
        assertThat(TIMELINE.entries()).noneMatch(e -> e.kind() == Kind.RESTORE_ERROR || e.kind() == Kind.INIT_ERROR);
    }

    @Test
    void sendsTheRestoredInvocationsEventsBeforeItsResponse() {
        Entry next = TIMELINE.only(Kind.NEXT, FIRST);
        Entry response = TIMELINE.only(Kind.RESPONSE, FIRST);

        List<Entry> batches = TIMELINE.batchesBetween(next, response);

        assertThat(batches).hasSize(1);
        assertThat(Batches.events(batches.get(0).body())).extracting(e -> e.get("event"))
                .containsExactly("e2e restored invocation");
        assertThat(response.body()).isEqualTo("\"ok\"");
    }
}
