// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edgehog.DeliveryResult;
import dev.edgehog.Event;
import dev.edgehog.PostHog;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Without {@code quarkus.posthog.api-key} the application still starts, with a no-op client. */
class DisabledClientTest {
    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withEmptyApplication()
            .setLogRecordPredicate(r -> "edgehog".equals(r.getLoggerName()))
            .assertLogRecords(records -> assertThat(records)
                    .filteredOn(DisabledClientTest::saysDisabled)
                    .hasSize(1));

    @Inject
    PostHog posthog;

    @Test
    void injectsADisabledClientThatSendsNothing() {
        posthog.capture(Event.builder("never sent").distinctId("user-1").build());

        DeliveryResult flushed = posthog.flush();

        assertThat(posthog.isDisabled()).isTrue();
        assertThat(flushed.requests()).isZero();
        assertThat(posthog.stats().accepted()).isZero();
    }

    private static boolean saysDisabled(LogRecord r) {
        return r.getMessage() != null && r.getMessage().contains("api-key is not set")
                && r.getMessage().contains("disabled");
    }
}
