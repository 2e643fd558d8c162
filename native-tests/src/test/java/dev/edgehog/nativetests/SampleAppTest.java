// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.nativetests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SampleAppTest {
    /** The summary the scenario must print, fixed by the scenario and the baked definitions. */
    static final List<String> EXPECTED_SUMMARY = List.of(
            "immediate: delivered=4 failed=0 pending=0",
            "flag local-on: true (CONDITION_MATCH)",
            "flag local-variant: \"blue\" (CONDITION_MATCH)",
            "flag pro-only free: false (NO_CONDITION_MATCH)",
            "flag pro-only pro: true (CONDITION_MATCH)",
            "flag remote-only: \"from-server\" (REMOTE)",
            "shutdown: delivered=5 pending=0",
            "buffered: accepted=26 flushed=6 pending=0",
            "server: batch-requests=8 flags-requests=1 definitions-requests=0 other-requests=0",
            "server events: {$exception=2, $feature_flag_called=5, job item=25, page viewed=3}",
            "server exceptions: {IllegalStateException=2}");

    @Test
    void sampleDeliversEveryEventAndAnswersFlagsLocallyFromTheBakedSnapshotOnTheJvm() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<String> problems = new ArrayList<>();

        try (StandInServer standIn = StandInServer.start();
                PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            SampleApp.run(standIn, out, problems);
        }

        assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).containsExactlyElementsOf(EXPECTED_SUMMARY);
        assertThat(problems).isEmpty();
    }

    @Test
    void sampleReportsAProblemWhenTheStandInCountsDifferFromTheScenario() throws IOException {
        List<String> problems = new ArrayList<>();

        try (StandInServer standIn = StandInServer.start();
                PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)) {
            standIn.close(); // nothing can arrive
            SampleApp.run(standIn, out, problems);
        }

        assertThat(problems).anyMatch(p -> p.startsWith("events: expected"))
                .anyMatch(p -> p.startsWith("batch requests: expected 8 but got 0"));
    }
}
