// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.examples.demo;

import dev.edgehog.ClientStats;
import dev.edgehog.DeliveryResult;
import dev.edgehog.Event;
import dev.edgehog.GroupIdentify;
import dev.edgehog.Identify;
import dev.edgehog.PostHog;
import dev.edgehog.PostHogException;
import dev.edgehog.PostHogOptions;
import dev.edgehog.SendMode;
import java.io.PrintStream;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The demo's scenario: drives two real clients through what a small service does, narrating
 * each call and what came of it.
 *
 * <ol>
 *   <li>An {@link SendMode#IMMEDIATE} client: capture, identify, alias, groupIdentify, an
 *       exception with a cause, and a capture with a null distinct id (dropped, logged, reported
 *       to the error listener). Each call is one request and prints its {@link DeliveryResult}.</li>
 *   <li>A {@link SendMode#BUFFERED} client with {@code flushAt} 10: 25 captures (a batch goes
 *       out inside the 10th and the 20th), then {@code flush()} for the last 5, then
 *       {@code close()}.</li>
 * </ol>
 *
 * It works against any host: the demo's stand-in or a real PostHog.
 */
final class Walkthrough {
    /** The person the immediate calls are about. */
    static final String USER = "demo-user-1";
    /** The buffered client's flushAt. */
    static final int FLUSH_AT = 10;
    /** How many captures the buffered client makes. */
    static final int PAGE_VIEWS = 25;
    /** Events the scenario means to deliver: five immediate calls and the page views. */
    static final int EXPECTED_DELIVERED = 5 + PAGE_VIEWS;

    /**
     * What the scenario achieved.
     *
     * @param delivered events PostHog accepted
     * @param failed events PostHog refused
     * @param pending events neither delivered nor refused when the clients closed
     * @param stoppedEarly whether the scenario stopped because the host accepted nothing
     */
    record Outcome(long delivered, long failed, long pending, boolean stoppedEarly) {
        /** @return whether every event meant for delivery was delivered */
        boolean isSuccess() {
            return !stoppedEarly && delivered == EXPECTED_DELIVERED && failed == 0 && pending == 0;
        }
    }

    private final PostHogOptions base;
    private final PrintStream out;
    private final Consumer<String> phases;

    /**
     * @param base the connection options (host, key, timeouts); the scenario sets the send mode
     * @param out where the narration goes
     * @param phases told "immediate" and then "buffered" as the scenario moves on
     */
    Walkthrough(PostHogOptions base, PrintStream out, Consumer<String> phases) {
        this.base = base;
        this.out = out;
        this.phases = phases;
    }

    /** @return what the scenario achieved */
    Outcome run() {
        phases.accept("immediate");
        Outcome immediate = immediate();
        if (immediate.stoppedEarly()) {
            return immediate;
        }
        phases.accept("buffered");
        Outcome buffered = buffered();
        return new Outcome(immediate.delivered() + buffered.delivered(), immediate.failed() + buffered.failed(),
                immediate.pending() + buffered.pending(), buffered.stoppedEarly());
    }

    private Outcome immediate() {
        out.println();
        out.println("1. IMMEDIATE mode (the default): each call sends a batch of one before it returns");
        PostHog posthog = base.toBuilder().sendMode(SendMode.IMMEDIATE).errorListener(this::onError).build();
        try {
            DeliveryResult first = step("captureImmediate(\"" + USER + "\", \"signed up\", {plan=pro, seats=3, source=demo})",
                    () -> posthog.captureImmediate(Event.builder("signed up").distinctId(USER)
                            .property("plan", "pro").property("seats", 3).property("source", "demo").build()));
            if (first.delivered() == 0) {
                out.println("   The host did not accept the first event (see above), so the demo stops here.");
                return finish(posthog, "immediate client", true);
            }
            step("identifyImmediate(\"" + USER + "\", $set {email, plan}, $set_once {first_seen})",
                    () -> posthog.identifyImmediate(Identify.builder(USER)
                            .set("email", "ada@example.com").set("plan", "pro")
                            .setOnce("first_seen", "2026-01-15").build()));
            step("aliasImmediate(\"" + USER + "\", \"anon-7f3a91\")",
                    () -> posthog.aliasImmediate(USER, "anon-7f3a91"));
            step("groupIdentifyImmediate(company \"acme\", {name, employees})",
                    () -> posthog.groupIdentifyImmediate(GroupIdentify.builder("company", "acme")
                            .property("name", "Acme Corp").property("employees", 42).distinctId(USER).build()));
            try {
                placeOrder("12x");
            } catch (IllegalStateException e) {
                step("captureExceptionImmediate(" + e.getClass().getSimpleName() + " caused by "
                                + e.getCause().getClass().getSimpleName() + ", \"" + USER + "\", {order_id})",
                        () -> posthog.captureExceptionImmediate(e, USER, Map.of("order_id", "A-1001")));
            }
            step("captureImmediate(null, \"signed up\"): an invalid call is dropped, never thrown",
                    () -> posthog.captureImmediate(Event.builder("signed up").distinctId(null).build()));
            return finish(posthog, "immediate client", false);
        } finally {
            posthog.close(); // a no-op when already closed; here for the unexpected exception
        }
    }

    private Outcome buffered() {
        out.println();
        out.println("2. BUFFERED mode, flushAt " + FLUSH_AT + ": calls queue; the call that fills the queue sends it, "
                + "on the caller's thread");
        out.println("   capture(\"visitor-N\", \"page viewed\", {path=/docs/N}) x " + PAGE_VIEWS + ":");
        PostHog posthog = base.toBuilder().sendMode(SendMode.BUFFERED).flushAt(FLUSH_AT)
                .errorListener(this::onError).build();
        try {
            ClientStats before = posthog.stats();
            int runStart = 1;
            for (int i = 1; i <= PAGE_VIEWS; i++) {
                posthog.capture("visitor-" + i, "page viewed", Map.of("path", "/docs/" + i));
                ClientStats now = posthog.stats();
                if (now.requests() > before.requests()) {
                    queuedRun(runStart, i - 1, before.queued());
                    long requests = now.requests() - before.requests();
                    out.printf("      #%-7s queue reached %d -> %d events sent in %d %s, inside this capture call%n",
                            i, FLUSH_AT, now.delivered() - before.delivered(), requests,
                            requests == 1 ? "request" : "requests");
                    runStart = i + 1;
                }
                before = now;
            }
            queuedRun(runStart, PAGE_VIEWS, before.queued());
            step("flush()", posthog::flush);
            posthog.close();
            ClientStats stats = posthog.stats();
            out.println("   close() -> " + (stats.queued() == 0 ? "nothing left to send" : stats.queued() + " events lost"));
            return summary("buffered client", stats, false);
        } finally {
            posthog.close(); // a no-op when already closed; here for the unexpected exception
        }
    }

    /** Stands for application code that fails with a cause, as real failures do. */
    private static int placeOrder(String quantity) {
        try {
            return Integer.parseInt(quantity);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("order A-1001: the quantity '" + quantity + "' is not a number", e);
        }
    }

    private void queuedRun(int from, int to, int queued) {
        if (from <= to) {
            String range = from == to ? "#" + from : "#" + from + "-" + to;
            out.printf("      %-8s queued (%d waiting)%n", range, queued);
        }
    }

    /** Prints the call, makes it (anything it logs or reports lands under it), prints its result. */
    private DeliveryResult step(String call, Supplier<DeliveryResult> action) {
        out.println("   " + call);
        DeliveryResult result = action.get();
        out.println("      -> " + describe(result));
        return result;
    }

    private Outcome finish(PostHog posthog, String name, boolean stoppedEarly) {
        posthog.close();
        return summary(name, posthog.stats(), stoppedEarly);
    }

    private Outcome summary(String name, ClientStats s, boolean stoppedEarly) {
        out.printf("   %s: accepted %d, delivered %d, failed %d, dropped as invalid %d, requests %d, retries %d%n",
                name, s.accepted(), s.delivered(), s.failed(), s.droppedInvalid(), s.requests(), s.retries());
        return new Outcome(s.delivered(), s.failed(), s.queued(), stoppedEarly);
    }

    private void onError(PostHogException e) {
        out.println("      ! errorListener: " + e.kind() + (e.statusCode() == 0 ? "" : " (HTTP " + e.statusCode() + ")")
                + ", " + e.eventCount() + " event(s)");
    }

    /** One line for a result: what happened to the events, and how many requests it took. */
    static String describe(DeliveryResult r) {
        StringBuilder sb = new StringBuilder();
        append(sb, "delivered", r.delivered());
        append(sb, "failed", r.failed());
        append(sb, "dropped", r.dropped());
        append(sb, "pending", r.pending());
        if (sb.length() == 0) {
            sb.append("nothing to send");
        }
        sb.append(r.requests() == 0 ? ", nothing sent" : " in " + r.requests() + (r.requests() == 1 ? " request" : " requests"));
        if (r.deadlineReached()) {
            sb.append(", deadline reached");
        }
        if (!r.errors().isEmpty()) {
            PostHogException last = r.errors().get(r.errors().size() - 1);
            sb.append(" (").append(last.kind()).append(')');
        }
        return sb.toString();
    }

    private static void append(StringBuilder sb, String what, int n) {
        if (n > 0) {
            sb.append(sb.length() == 0 ? "" : ", ").append(what).append(' ').append(n);
        }
    }
}
