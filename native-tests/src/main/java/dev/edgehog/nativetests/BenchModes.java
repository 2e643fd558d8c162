// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.nativetests;

import dev.edgehog.DeliveryResult;
import dev.edgehog.HttpTransport;
import dev.edgehog.PostHog;
import dev.edgehog.SendMode;
import java.time.Duration;
import java.util.Map;

/**
 * What the start-up benchmark ({@code native-tests/bench/startup-bench.sh}) runs in the sample's
 * process, against the benchmark's own sink instead of the stand-in:
 * <ul>
 *   <li>{@code first-event <host> [http-client|url-connection]}: one {@code captureImmediate}, as
 *       a cold function's first invocation does, then exit; the optional argument chooses the
 *       built-in HTTP transport (default: the JDK HttpClient);</li>
 *   <li>{@code burst <host> <count>}: {@code count} captures in {@code BUFFERED} mode with the
 *       default options, one {@code flush()}, then exit.</li>
 * </ul>
 * Each prints {@code delivered=<n>} (all events the client delivered) and exits 0 when the last
 * send left nothing failed, dropped or pending.
 */
final class BenchModes {
    private BenchModes() {
    }

    static int run(String[] args) {
        String mode = args[0];
        String host = args.length > 1 ? args[1] : "";
        DeliveryResult result;
        if (mode.equals("first-event") && (args.length == 2 || args.length == 3)) {
            HttpTransport transport = args.length == 3 && args[2].equals("url-connection")
                    ? HttpTransport.URL_CONNECTION : HttpTransport.JDK_HTTP_CLIENT;
            try (PostHog posthog = PostHog.builder("phc_bench").host(host).httpTransport(transport).build()) {
                result = posthog.captureImmediate("bench-user", "first event", Map.of("cold", true));
            }
        } else if (mode.equals("burst") && args.length == 3) {
            int count = Integer.parseInt(args[2]);
            // Defaults apart from the mode: a capture that fills flushAt sends that batch at once, so
            // the default queue never overflows.
            try (PostHog posthog = PostHog.builder("phc_bench").host(host).sendMode(SendMode.BUFFERED).build()) {
                for (int i = 0; i < count; i++) {
                    posthog.capture("bench-user", "burst event", Map.of("index", i, "job", "nightly-import"));
                }
                DeliveryResult last = posthog.flush(Duration.ofSeconds(120));
                long delivered = posthog.stats().delivered();
                result = new DeliveryResult(Math.toIntExact(delivered), last.failed(), last.dropped(), last.pending(),
                        last.requests(), last.deadlineReached(), last.errors());
            }
        } else {
            System.err.println("usage: SampleApp [first-event <host> [http-client|url-connection] | burst <host> <count>]");
            return 2;
        }
        System.out.println("delivered=" + result.delivered());
        return result.isComplete() ? 0 : 1;
    }
}
