// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.lambda.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
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
 * The adapter under the real AWS Lambda runtime interface client: one child JVM runs {@link
 * E2eHandler} through a script of invocations served by a Runtime API stand-in, with WireMock
 * as PostHog. Both servers write to one {@link Timeline}, so each test compares arrival order.
 */
class LambdaRuntimeE2eTest {
    private static final Timeline TIMELINE = new Timeline();
    private static final Duration SLOW_POSTHOG = Duration.ofSeconds(4);
    private static final Duration NEAR_DEADLINE = Duration.ofMillis(2_000);

    private static final String THREE_EVENTS = "inv-1-three-events";
    private static final String NOTHING = "inv-2-nothing";
    private static final String TWO_EVENTS = "inv-3-two-events";
    private static final String THROWS = "inv-4-throws";
    private static final String SLOW = "inv-5-near-deadline";

    @RegisterExtension
    static WireMockExtension posthog = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").extensions(new BatchRecorder(TIMELINE)))
            .build();

    private static RuntimeApiStandIn runtime;
    private static String output;

    @BeforeAll
    static void runTheScriptUnderTheRealRuntimeInterfaceClient() throws Exception {
        posthog.stubFor(post("/batch/").willReturn(okJson("{\"status\":\"Ok\"}")));
        posthog.stubFor(post("/batch/").atPriority(1)
                .withRequestBody(matchingJsonPath("$.batch[?(@.properties.scenario == 'slow')]"))
                .willReturn(okJson("{\"status\":\"Ok\"}").withFixedDelay((int) SLOW_POSTHOG.toMillis())));
        Duration plenty = Duration.ofSeconds(60);
        runtime = new RuntimeApiStandIn(TIMELINE, List.of(
                new ScriptedInvocation(THREE_EVENTS, "{\"events\":3,\"scenario\":\"three\"}", plenty),
                new ScriptedInvocation(NOTHING, "{\"events\":0,\"scenario\":\"nothing\"}", plenty),
                new ScriptedInvocation(TWO_EVENTS, "{\"events\":2,\"scenario\":\"two\"}", plenty),
                new ScriptedInvocation(THROWS, "{\"events\":1,\"scenario\":\"throws\",\"fail\":true}", plenty),
                new ScriptedInvocation(SLOW, "{\"events\":2,\"scenario\":\"slow\"}", NEAR_DEADLINE)));
        Map<String, String> env = Map.of("POSTHOG_API_KEY", "phc_e2e", "POSTHOG_HOST", posthog.baseUrl());
        try (RicProcess ric = RicProcess.start(E2eHandler.class.getName(), runtime.hostAndPort(), env, List.of(),
                Path.of("target", "e2e", "lambda-runtime-e2e.log"))) {
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
    void postsEveryInvocationsResultInScriptOrder() {
        assertThat(TIMELINE.entries()).filteredOn(e -> e.kind() == Kind.RESPONSE || e.kind() == Kind.ERROR)
                .extracting(Entry::requestId)
                .containsExactly(THREE_EVENTS, NOTHING, TWO_EVENTS, THROWS, SLOW);
        assertThat(runtime.unknownRequests()).isZero();
    }

    @Test
    void makesOneRequestPerInvocationThatCapturedEventsAndNoOther() {
        assertThat(TIMELINE.entries()).filteredOn(e -> e.kind() == Kind.BATCH)
                .as("three, two, throws and near-deadline each sent one batch; nothing else was sent")
                .hasSize(4);
    }

    @Test
    void sendsEveryEventOfAnInvocationInOneBatchBeforeItsResponseIsPosted() {
        for (String id : List.of(THREE_EVENTS, TWO_EVENTS)) {
            Entry next = TIMELINE.only(Kind.NEXT, id);
            Entry response = TIMELINE.only(Kind.RESPONSE, id);

            List<Entry> batches = TIMELINE.batchesBetween(next, response);

            assertThat(batches).as("batches of %s in %s", id, TIMELINE.summary()).hasSize(1);
            List<Map<String, Object>> events = Batches.events(batches.get(0).body());
            assertThat(events).extracting(e -> Batches.properties(e).get("invocation")).containsOnly(id);
            assertThat(events).hasSize(id.equals(THREE_EVENTS) ? 3 : 2);
        }
    }

    @Test
    void returnsTheHandlersResponseUnchanged() {
        Map<String, Object> body = Batches.json(TIMELINE.only(Kind.RESPONSE, THREE_EVENTS).body());

        assertThat(body).containsEntry("captured", 3).containsEntry("requestId", THREE_EVENTS);
    }

    @Test
    void makesNoRequestForAnInvocationThatCapturedNothing() {
        Entry next = TIMELINE.only(Kind.NEXT, NOTHING);
        Entry response = TIMELINE.only(Kind.RESPONSE, NOTHING);

        assertThat(TIMELINE.batchesBetween(next, response)).isEmpty();
    }

    @Test
    void postsTheHandlersErrorAfterTheBatchHoldingItsExceptionEvent() {
        Entry next = TIMELINE.only(Kind.NEXT, THROWS);
        Entry error = TIMELINE.only(Kind.ERROR, THROWS);

        List<Entry> batches = TIMELINE.batchesBetween(next, error);

        assertThat(batches).hasSize(1);
        List<Map<String, Object>> events = Batches.events(batches.get(0).body());
        assertThat(events).extracting(e -> e.get("event")).containsExactly("e2e step", "$exception");
        Map<String, Object> exception = Batches.properties(events.get(1));
        assertThat(exception).containsEntry("aws_request_id", THROWS).containsEntry("aws_function_name", "edgehog-e2e");
        assertThat(exception.get("$exception_list").toString())
                .contains("IllegalStateException").contains("handler failed in " + THROWS);
        Map<String, Object> reported = Batches.json(error.body());
        assertThat(reported.get("errorType")).isEqualTo("java.lang.IllegalStateException");
        assertThat(reported.get("errorMessage")).isEqualTo("handler failed in " + THROWS);
    }

    @Test
    void cutsTheFlushShortBeforeTheDeadlineWhenPostHogIsSlow() {
        Entry next = TIMELINE.only(Kind.NEXT, SLOW);
        Entry response = TIMELINE.only(Kind.RESPONSE, SLOW);

        List<Entry> batches = TIMELINE.batchesBetween(next, response);

        assertThat(batches).as("the flush tried to send").hasSize(1);
        assertThat(response.epochMillis()).as("the response was posted before the invocation's deadline")
                .isLessThanOrEqualTo(runtime.deadline(SLOW));
        assertThat(response.epochMillis() - batches.get(0).epochMillis())
                .as("the runtime did not wait for PostHog's slow answer")
                .isLessThan(SLOW_POSTHOG.toMillis());
    }

    @Test
    void reportsWhatTheCutShortFlushDidNotDeliver() {
        assertThat(output).contains("Lambda invocation " + SLOW + ": 2 PostHog event(s) not delivered")
                .contains("pending=2");
        assertThat(output).doesNotContain("Lambda invocation " + THREE_EVENTS + ":")
                .doesNotContain("phc_e2e");
    }
}
