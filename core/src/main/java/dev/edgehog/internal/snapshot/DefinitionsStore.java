// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.snapshot;

import dev.edgehog.ErrorKind;
import dev.edgehog.PostHogException;
import dev.edgehog.PostHogOptions;
import dev.edgehog.flags.DefinitionsRefresh;
import dev.edgehog.internal.Loggers;
import dev.edgehog.internal.capture.ErrorReporter;
import dev.edgehog.internal.flags.FlagDefinitions;
import dev.edgehog.internal.flags.FlagMetadata;
import dev.edgehog.internal.flags.LocalEvaluator;
import dev.edgehog.spi.Transport;
import dev.edgehog.spi.TransportResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The client's flag definitions: loaded from a snapshot at start-up, downloaded from {@code GET
 * /flags/definitions} (protocol.md §6) and refreshed on the caller's thread when they are older
 * than the polling interval. There is no poller: {@link #current()} is what a flag call reads,
 * after {@link #refreshIfDue()}.
 *
 * <p>Concurrency: one download at a time. A caller that finds a download already running
 * serves the definitions it has; a caller with nothing loaded at all waits for that download
 * (bounded by its timeout) instead of starting another. So stale definitions are refreshed
 * exactly once however many callers notice at the same moment.
 */
public final class DefinitionsStore {
    private static final long MAX_BACKOFF_MILLIS = 60_000;

    /**
     * What flag calls read; replaced as a whole.
     *
     * @param definitions the definitions, or null when none were ever loaded
     * @param evaluator the evaluator over them, or null
     * @param etag the ETag to send with the next request, or null
     * @param loadedAtMillis when definitions were last downloaded with HTTP 200 by this client
     *     (for {@code $feature_flag_definitions_loaded_at}), or -1 when they came from a snapshot
     * @param loadedOnce whether a load (download or snapshot) ever succeeded
     * @param source where the definitions came from, for messages
     */
    public record State(FlagDefinitions definitions, LocalEvaluator evaluator, String etag, long loadedAtMillis,
            boolean loadedOnce, String source) {
        static final State EMPTY = new State(null, null, null, -1, false, "none");

        /** @return whether local evaluation can be tried (definitions with at least one flag) */
        public boolean isReady() {
            return loadedOnce && definitions != null && definitions.size() > 0;
        }
    }

    private final PostHogOptions options;
    private final Transport transport;
    private final Clock clock;
    private final ErrorReporter reporter;
    private final AtomicBoolean minimalEventsGate;
    private final SnapshotFiles files;
    /** Whether the policy is {@link DefinitionsRefresh#MANUAL}: loaded definitions are never due. */
    private final boolean manual;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile State state = State.EMPTY;
    /** Epoch ms before which no automatic download is tried (polling interval or backoff). */
    private volatile long nextAttemptAt;
    private volatile long attempts;
    private int backoffCount; // guarded by lock

    /**
     * Creates the store and loads the freshest start-up snapshot, if any (no network).
     *
     * @param options the client options
     * @param transport the HTTP transport
     * @param reporter where failures go
     * @param minimalEventsGate the client-wide minimal-events gate (flags.md §14.4)
     */
    public DefinitionsStore(PostHogOptions options, Transport transport, ErrorReporter reporter,
            AtomicBoolean minimalEventsGate) {
        this.options = options;
        this.transport = transport;
        this.clock = options.clock();
        this.reporter = reporter;
        this.minimalEventsGate = minimalEventsGate;
        this.files = new SnapshotFiles(options.projectApiKey());
        this.manual = options.flagDefinitionsRefresh() == DefinitionsRefresh.MANUAL;
        loadStartupSnapshot();
    }

    private void loadStartupSnapshot() {
        List<Snapshot> found = files.readStartupSources(options);
        Snapshot best = SnapshotFiles.freshest(found);
        if (best == null) {
            return;
        }
        FlagDefinitions d = best.definitions();
        state = new State(d, new LocalEvaluator(d, clock), best.etag(), -1, true, best.source());
        minimalEventsGate.set(d.minimalFlagCalledEvents());
        nextAttemptAt = best.fetchedAtMillis() < 0 ? 0 : best.fetchedAtMillis() + options.featureFlagsPollingInterval().toMillis();
        Loggers.FLAGS.log(Level.DEBUG, () -> "flag definitions: " + d.size() + " flags loaded from " + best.source()
                + (found.size() > 1 ? " (the freshest of " + found.size() + " snapshots)" : ""));
    }

    /** @return the definitions flag calls should use now */
    public State current() {
        return state;
    }

    /**
     * The time a flag call compares with the due time, read as early in the call as possible
     * (see {@link #refreshIfDue(long)}): the clock's milliseconds, or {@link Long#MIN_VALUE}
     * without reading the clock when the policy is {@link DefinitionsRefresh#MANUAL}, where
     * loaded definitions are never due.
     *
     * @return the time to pass to {@link #refreshIfDue(long)}
     */
    public long dueCheckTime() {
        return manual ? Long.MIN_VALUE : clock.millis();
    }

    /**
     * Downloads definitions when they are due: when none are loaded yet, or (policy {@link
     * DefinitionsRefresh#ON_DEMAND}) when they are older than the polling interval; never during
     * a backoff. Bounded by the request timeout (first load) or the short refresh timeout.
     *
     * @return the definitions to use
     */
    public State refreshIfDue() {
        return refreshIfDue(dueCheckTime());
    }

    /**
     * {@link #refreshIfDue()} with the time already read by {@link #dueCheckTime()}: a flag call
     * reads the clock first, before it touches the caller's arguments, so that the clock read
     * (which waits for the loads in flight) does not stall behind their cache misses.
     *
     * @param now the result of {@link #dueCheckTime()}, read during this call
     * @return the definitions to use
     */
    public State refreshIfDue(long now) {
        State s = state;
        if (s.definitions() != null && (manual || now < nextAttemptAt)) {
            return s;
        }
        return refreshWhenDue(s);
    }

    private State refreshWhenDue(State s) {
        if (!isDue(s)) {
            return s;
        }
        boolean cold = s.definitions() == null;
        Duration timeout = cold ? options.requestTimeout() : options.flagDefinitionsRefreshTimeout();
        long seen = attempts;
        if (lock.tryLock()) {
            try {
                if (attempts == seen && isDue(state)) {
                    download(timeout);
                }
            } finally {
                lock.unlock();
            }
        } else if (cold) {
            // Someone else is downloading and we have nothing to serve: wait for their result.
            try {
                if (lock.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                    try {
                        if (attempts == seen && isDue(state)) {
                            download(timeout);
                        }
                    } finally {
                        lock.unlock();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return state;
    }

    /**
     * Downloads definitions when they are stale (older than the polling interval, never loaded,
     * or {@linkplain #markStale() marked stale}), whatever the refresh policy: the call a function
     * adapter makes at the start of an invocation. Never waits for another thread's download and
     * never downloads during a backoff.
     *
     * @param timeout the longest the download may take
     * @return the definitions to use
     */
    public State refreshIfStale(Duration timeout) {
        if (clock.millis() < nextAttemptAt || timeout.isZero() || timeout.isNegative()) {
            return state;
        }
        long seen = attempts;
        if (lock.tryLock()) {
            try {
                if (attempts == seen && clock.millis() >= nextAttemptAt) {
                    download(timeout);
                }
            } finally {
                lock.unlock();
            }
        }
        return state;
    }

    /**
     * Makes the next due check download, as after a snapshot restore (AWS Lambda SnapStart),
     * when the definitions in memory are as old as the snapshot.
     */
    public void markStale() {
        nextAttemptAt = 0;
    }

    private boolean isDue(State s) {
        if (s.definitions() != null && manual) {
            return false;
        }
        return clock.millis() >= nextAttemptAt;
    }

    /**
     * Downloads now, ignoring the polling interval and any backoff (posthog-node's {@code
     * reloadFeatureFlags}). Waits for a download already running instead of starting another.
     *
     * @param timeout the longest to wait, download included
     * @return whether local evaluation is ready afterwards
     */
    public boolean reload(Duration timeout) {
        long seen = attempts;
        try {
            if (!lock.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                return state.isReady();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return state.isReady();
        }
        try {
            if (attempts == seen) {
                download(timeout);
            }
        } finally {
            lock.unlock();
        }
        return state.isReady();
    }

    private void download(Duration timeout) {
        attempts++;
        long interval = options.featureFlagsPollingInterval().toMillis();
        State before = state;
        TransportResponse response;
        try {
            response = transport.send(DefinitionsRequest.of(options, before.etag(), timeout));
        } catch (IOException e) {
            nextAttemptAt = clock.millis() + interval;
            Loggers.FLAGS.log(Level.DEBUG, () -> "flag definitions: request failed (" + e + "); keeping "
                    + describe(before));
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        long now = clock.millis();
        int status = response.status();
        switch (status) {
            case 200 -> onOk(response, before, now, interval);
            case 304 -> {
                String etag = response.header("ETag");
                state = new State(before.definitions(), before.evaluator(), etag != null ? etag : before.etag(),
                        before.loadedAtMillis(), true, before.source());
                backoffCount = 0;
                nextAttemptAt = now + interval;
                Loggers.FLAGS.log(Level.DEBUG, "flag definitions: not modified (304)");
            }
            case 401, 403, 429 -> {
                backoffCount++;
                long wait = Math.min(MAX_BACKOFF_MILLIS, interval << Math.min(20, backoffCount));
                nextAttemptAt = now + wait;
                String why = status == 401 ? "the project key or personal API key is invalid"
                        : status == 403 ? "the personal API key lacks permission to read feature flag definitions"
                        : "you are being rate limited";
                reporter.report(new PostHogException(ErrorKind.FLAG_DEFINITIONS_FAILED,
                        "flag definitions: HTTP " + status + ": " + why + ". Setting next polling interval to " + wait
                                + "ms; keeping " + describe(before), null, status, 0));
            }
            case 402 -> {
                Loggers.FLAGS.log(Level.WARNING, "[FEATURE FLAGS] Feature flags quota limit exceeded - unsetting all "
                        + "local flags. Learn more about billing limits at https://posthog.com/docs/billing/limits-alerts");
                FlagDefinitions empty = FlagDefinitions.empty();
                state = new State(empty, new LocalEvaluator(empty, clock), before.etag(), before.loadedAtMillis(),
                        before.loadedOnce(), "cleared by HTTP 402");
                minimalEventsGate.set(false);
                nextAttemptAt = now + interval;
            }
            default -> {
                nextAttemptAt = now + interval;
                Loggers.FLAGS.log(Level.DEBUG, () -> "flag definitions: HTTP " + status + "; keeping " + describe(before));
            }
        }
    }

    private void onOk(TransportResponse response, State before, long now, long interval) {
        nextAttemptAt = now + interval;
        Snapshot parsed;
        try {
            parsed = DefinitionsRequest.readAnswer(files, response.body());
        } catch (SnapshotFiles.SnapshotException e) {
            reporter.report(new PostHogException(ErrorKind.FLAG_DEFINITIONS_FAILED,
                    "Invalid response when getting feature flags: " + e.getMessage() + "; keeping " + describe(before),
                    null, 200, 0));
            return;
        }
        FlagDefinitions d = parsed.definitions();
        String etag = response.header("ETag");
        state = new State(d, new LocalEvaluator(d, clock), etag, now, true, "PostHog");
        backoffCount = 0;
        minimalEventsGate.set(d.minimalFlagCalledEvents());
        Loggers.FLAGS.log(Level.DEBUG, () -> "flag definitions: " + d.size() + " flags downloaded");
        if (!options.isStrictLocalEvaluation() && FlagMetadata.hasContinuityFlags(d)) {
            Loggers.FLAGS.log(Level.WARNING, "[FEATURE FLAGS] You are using local evaluation but have feature flags "
                    + "with experience continuity enabled; those flags are always evaluated by PostHog");
        }
        Path cache = options.flagDefinitionsCacheFile();
        if (cache != null) {
            try {
                SnapshotFiles.writeAtomically(cache, files.wrap(response.body(), etag, now));
            } catch (IOException | RuntimeException e) {
                Loggers.FLAGS.log(Level.WARNING, "flag definitions: could not write the cache file " + cache + " (" + e
                        + "); the next cold start will download them again");
            }
        }
    }

    private static String describe(State s) {
        return s.definitions() == null ? "no definitions" : "the " + s.definitions().size() + " flags from " + s.source();
    }
}
