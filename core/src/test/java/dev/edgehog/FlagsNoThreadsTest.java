// SPDX-License-Identifier: Apache-2.0
package dev.edgehog;

import static dev.edgehog.FlagTestSupport.DEFINITIONS;
import static dev.edgehog.FlagTestSupport.START;
import static org.assertj.core.api.Assertions.assertThat;

import dev.edgehog.flags.DefinitionsRefresh;
import dev.edgehog.flags.FlagOptions;
import dev.edgehog.spi.TransportResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every flag path runs on the caller's thread: with an in-memory transport (which starts
 * nothing itself), no thread exists after the calls that did not exist before.
 */
class FlagsNoThreadsTest {
    @TempDir
    Path dir;

    @Test
    void noFlagPathStartsAThread() {
        MutableClock clock = new MutableClock(START);
        List<String> paths = new ArrayList<>();
        Set<Thread> before = liveThreadIds();

        try (PostHog ph = PostHog.builder(FlagTestSupport.KEY).host("http://127.0.0.1:9").personalApiKey(FlagTestSupport.PERSONAL)
                .clock(clock).sendMode(SendMode.BUFFERED).flagDefinitionsCacheFile(dir.resolve("cache.json"))
                .flagDefinitionsSnapshot(DEFINITIONS).flagDefinitionsRefresh(DefinitionsRefresh.ON_DEMAND)
                .transport(request -> {
                    paths.add(request.method() + " " + request.uri().getPath());
                    String path = request.uri().getPath();
                    String body = path.startsWith("/flags/definitions") ? DEFINITIONS
                            : path.startsWith("/flags") ? FlagTestSupport.remoteFlags("plan-flag", true, null)
                            : path.contains("remote_config") ? "\"{}\"" : "{\"status\":\"Ok\"}";
                    return new TransportResponse(200, Map.of("ETag", List.of("\"t\"")), body.getBytes(StandardCharsets.UTF_8));
                }).build()) {
            clock.advance(Duration.ofMinutes(1));
            ph.isFeatureEnabled("always-on", "user-1");
            ph.getFeatureFlag("plan-flag", "user-1");
            ph.getFeatureFlagPayload("always-on", "user-1");
            ph.getAllFlagsAndPayloads("user-1", FlagOptions.DEFAULTS);
            ph.evaluateFlags("user-2").isEnabled("plan-flag");
            ph.reloadFeatureFlags();
            ph.waitForLocalEvaluationReady(Duration.ofSeconds(1));
            ph.getRemoteConfigPayload("cfg");
            ph.captureWithFeatureFlags(Event.builder("e").distinctId("user-3").build(), FlagOptions.DEFAULTS);
            ph.capture(Event.builder("e").distinctId("user-3").build(), ph.evaluateFlags("user-3"));
            ph.flush();
        }

        assertThat(paths).as("every kind of request was made").contains("GET /flags/definitions", "POST /flags/",
                "POST /batch/", "GET /api/projects/@current/feature_flags/cfg/remote_config");
        Set<Thread> after = liveThreadIds();
        after.removeAll(before);
        assertThat(after).as("threads started by the flag client").isEmpty();
    }

    private static Set<Thread> liveThreadIds() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).collect(Collectors.toSet());
    }
}
