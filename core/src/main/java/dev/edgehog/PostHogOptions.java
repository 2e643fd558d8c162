// SPDX-License-Identifier: Apache-2.0
package dev.edgehog;

import dev.edgehog.flags.DefinitionsRefresh;
import dev.edgehog.internal.Secrets;
import dev.edgehog.internal.snapshot.SnapshotFiles;
import dev.edgehog.spi.SnapshotSource;
import dev.edgehog.spi.Transport;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The immutable configuration of a {@link PostHog} client. Build it with {@link
 * PostHog#builder(String)} (or {@link #builder(String)}), or from the standard environment
 * variables with {@link #fromEnvironment(Map)}.
 *
 * <p>Every option has a default (the {@code DEFAULT_*} constants); {@link Builder#build()}
 * validates them all and throws {@link IllegalArgumentException} naming the option and the bad
 * value. API keys never appear in {@link #toString()} or in exception messages.
 *
 * @since 0.1.0
 */
public final class PostHogOptions {
    /** PostHog Cloud US ingestion host. */
    public static final String DEFAULT_HOST = "https://us.i.posthog.com";
    /** Send mode: one synchronous request per call. */
    public static final SendMode DEFAULT_SEND_MODE = SendMode.IMMEDIATE;
    /** Queue length that triggers a flush in {@link SendMode#BUFFERED} mode (posthog-node: 20). */
    public static final int DEFAULT_FLUSH_AT = 20;
    /** Most events per request (posthog-node: 100). */
    public static final int DEFAULT_MAX_BATCH_SIZE = 100;
    /** Most events held in the queue; the oldest is dropped beyond it (posthog-node: 10,000). */
    public static final int DEFAULT_MAX_QUEUE_SIZE = 10_000;
    /** Most bytes in one request body before compression (posthog-python: 5 MiB). */
    public static final int DEFAULT_MAX_BATCH_BYTES = 5 * 1024 * 1024;
    /** Largest single encoded event accepted; larger ones are dropped at capture (900 KiB). */
    public static final int DEFAULT_MAX_EVENT_BYTES = 900 * 1024;
    /** Time limit of one HTTP attempt, connection and response included (posthog-node: 10 s). */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** Deadline of a flush, an immediate call or close, retries included. */
    public static final Duration DEFAULT_FLUSH_TIMEOUT = Duration.ofSeconds(10);
    /** Retries after a failed attempt (posthog-node: 3, so 4 attempts). */
    public static final int DEFAULT_MAX_RETRIES = 3;
    /** First backoff delay; it doubles with each retry, with jitter. */
    public static final Duration DEFAULT_RETRY_DELAY = Duration.ofMillis(500);
    /** Longest single wait between attempts, {@code Retry-After} included. */
    public static final Duration DEFAULT_MAX_RETRY_DELAY = Duration.ofSeconds(30);
    /**
     * Age after which flag definitions are refreshed (posthog-node's
     * {@code featureFlagsPollingInterval}: 30 s). Edgehog has no poller: it is a maximum age.
     */
    public static final Duration DEFAULT_FEATURE_FLAGS_POLLING_INTERVAL = Duration.ofSeconds(30);
    /** Smallest polling interval; smaller values are raised to it (as in posthog-node). */
    public static final Duration MIN_FEATURE_FLAGS_POLLING_INTERVAL = Duration.ofMillis(100);
    /** Distinct ids remembered for {@code $feature_flag_called} de-duplication (posthog-node: 50,000). */
    public static final int DEFAULT_MAX_CACHE_SIZE = 50_000;
    /** Time limit of one {@code /flags} attempt (posthog-node: 3 s). */
    public static final Duration DEFAULT_FEATURE_FLAGS_REQUEST_TIMEOUT = Duration.ofSeconds(3);
    /** Retries of a failed {@code /flags} request (posthog-node: 1, so 2 attempts). */
    public static final int DEFAULT_FEATURE_FLAGS_REQUEST_MAX_RETRIES = 1;
    /** How stale flag definitions are refreshed: on demand, inside a flag call. */
    public static final DefinitionsRefresh DEFAULT_FLAG_DEFINITIONS_REFRESH = DefinitionsRefresh.ON_DEMAND;
    /**
     * Time limit of an on-demand refresh of stale definitions made inside a flag call; when it
     * runs out the current definitions are served.
     */
    public static final Duration DEFAULT_FLAG_DEFINITIONS_REFRESH_TIMEOUT = Duration.ofSeconds(1);
    /**
     * The classpath resource read as a flag-definitions snapshot at start-up, so a build can bake
     * the definitions into the deployment package.
     */
    public static final String FLAG_DEFINITIONS_RESOURCE = "META-INF/edgehog/flag-definitions.json";

    private final String projectApiKey;
    private final URI host;
    private final String personalApiKey;
    private final SendMode sendMode;
    private final int flushAt;
    private final int maxBatchSize;
    private final int maxQueueSize;
    private final int maxBatchBytes;
    private final int maxEventBytes;
    private final Duration requestTimeout;
    private final Duration flushTimeout;
    private final int maxRetries;
    private final Duration retryDelay;
    private final Duration maxRetryDelay;
    private final boolean gzip;
    private final boolean disableGeoip;
    private final boolean historicalMigration;
    private final List<BeforeSend> beforeSend;
    private final ErrorListener errorListener;
    private final boolean privacyMode;
    private final boolean enableExceptionAutocapture;
    private final boolean strict;
    private final boolean disabled;
    private final Transport transport;
    private final HttpTransport httpTransport;
    private final Clock clock;
    private final boolean localEvaluation;
    private final Duration featureFlagsPollingInterval;
    private final int maxCacheSize;
    private final Duration featureFlagsRequestTimeout;
    private final int featureFlagsRequestMaxRetries;
    private final boolean strictLocalEvaluation;
    private final boolean sendFeatureFlagEvent;
    private final DefinitionsRefresh flagDefinitionsRefresh;
    private final Duration flagDefinitionsRefreshTimeout;
    private final String flagDefinitionsSnapshot;
    private final Path flagDefinitionsSnapshotFile;
    private final boolean flagDefinitionsResourceEnabled;
    private final Path flagDefinitionsCacheFile;
    private final List<String> evaluationContexts;
    private final SnapshotSource flagDefinitionsSnapshotSource;

    private PostHogOptions(Builder b, URI host) {
        this.projectApiKey = b.projectApiKey == null ? "" : b.projectApiKey.trim();
        this.host = host;
        this.personalApiKey = blankToNull(b.personalApiKey);
        this.sendMode = b.sendMode;
        this.flushAt = b.flushAt;
        this.maxBatchSize = Math.max(b.flushAt, b.maxBatchSize);
        this.maxQueueSize = Math.max(b.flushAt, b.maxQueueSize);
        this.maxBatchBytes = b.maxBatchBytes;
        this.maxEventBytes = b.maxEventBytes;
        this.requestTimeout = b.requestTimeout;
        this.flushTimeout = b.flushTimeout;
        this.maxRetries = b.maxRetries;
        this.retryDelay = b.retryDelay;
        this.maxRetryDelay = b.maxRetryDelay;
        this.gzip = b.gzip;
        this.disableGeoip = b.disableGeoip;
        this.historicalMigration = b.historicalMigration;
        this.beforeSend = List.copyOf(b.beforeSend);
        this.errorListener = b.errorListener;
        this.privacyMode = b.privacyMode;
        this.enableExceptionAutocapture = b.enableExceptionAutocapture;
        this.strict = b.strict;
        this.disabled = b.disabled;
        this.transport = b.transport;
        this.httpTransport = b.httpTransport == null ? HttpTransport.JDK_HTTP_CLIENT : b.httpTransport;
        this.clock = b.clock;
        this.localEvaluation = personalApiKey != null && !Boolean.FALSE.equals(b.enableLocalEvaluation);
        this.featureFlagsPollingInterval = b.featureFlagsPollingInterval.compareTo(MIN_FEATURE_FLAGS_POLLING_INTERVAL) < 0
                ? MIN_FEATURE_FLAGS_POLLING_INTERVAL : b.featureFlagsPollingInterval;
        this.maxCacheSize = b.maxCacheSize == 0 ? DEFAULT_MAX_CACHE_SIZE : b.maxCacheSize;
        this.featureFlagsRequestTimeout = b.featureFlagsRequestTimeout;
        this.featureFlagsRequestMaxRetries = b.featureFlagsRequestMaxRetries;
        this.strictLocalEvaluation = b.strictLocalEvaluation;
        this.sendFeatureFlagEvent = b.sendFeatureFlagEvent;
        this.flagDefinitionsRefresh = b.flagDefinitionsRefresh;
        this.flagDefinitionsRefreshTimeout = b.flagDefinitionsRefreshTimeout;
        this.flagDefinitionsSnapshot = blankToNull(b.flagDefinitionsSnapshot);
        this.flagDefinitionsSnapshotFile = b.flagDefinitionsSnapshotFile;
        this.flagDefinitionsResourceEnabled = b.flagDefinitionsResourceEnabled;
        this.flagDefinitionsCacheFile = !b.flagDefinitionsCacheEnabled ? null
                : b.flagDefinitionsCacheFile != null ? b.flagDefinitionsCacheFile
                : defaultCacheFile(projectApiKey, host);
        this.evaluationContexts = List.copyOf(b.evaluationContexts);
        this.flagDefinitionsSnapshotSource = b.flagDefinitionsSnapshotSource;
    }

    /**
     * The default cache file: one per project and host under {@code java.io.tmpdir}, named by a
     * hash so the key itself never appears on disk.
     */
    static Path defaultCacheFile(String projectApiKey, URI host) {
        String tmp = System.getProperty("java.io.tmpdir", "/tmp");
        return Path.of(tmp, "edgehog-flag-definitions-" + SnapshotFiles.projectTag(projectApiKey + "|" + host) + ".json");
    }

    /**
     * Starts a configuration.
     *
     * @param projectApiKey the project API key ({@code phc_...}); required unless the client is
     *     {@linkplain Builder#disabled(boolean) disabled}
     * @return a builder with every other option at its default
     */
    public static Builder builder(String projectApiKey) {
        return new Builder(projectApiKey);
    }

    /**
     * Reads the standard environment variables. This is the one place Edgehog reads the
     * environment; pass {@code System.getenv()} or, in tests, a map.
     *
     * <table>
     *   <caption>Variables</caption>
     *   <tr><th>variable</th><th>option</th></tr>
     *   <tr><td>{@code POSTHOG_API_KEY} (or {@code POSTHOG_PROJECT_API_KEY})</td><td>project API key; when
     *       neither is set the client is built disabled and says so once in the log</td></tr>
     *   <tr><td>{@code POSTHOG_HOST}</td><td>{@link Builder#host(String)}</td></tr>
     *   <tr><td>{@code POSTHOG_PERSONAL_API_KEY}</td><td>{@link Builder#personalApiKey(String)}</td></tr>
     *   <tr><td>{@code POSTHOG_SEND_MODE}</td><td>{@code immediate} or {@code buffered}</td></tr>
     *   <tr><td>{@code POSTHOG_FLUSH_AT}</td><td>{@link Builder#flushAt(int)}</td></tr>
     *   <tr><td>{@code POSTHOG_FLUSH_TIMEOUT_MS}</td><td>{@link Builder#flushTimeout(Duration)}</td></tr>
     *   <tr><td>{@code POSTHOG_DISABLED}</td><td>{@code true} disables the client</td></tr>
     *   <tr><td>{@code POSTHOG_HTTP_TRANSPORT}</td><td>{@link Builder#httpTransport(HttpTransport)}:
     *       {@code http-client} or {@code url-connection}; a custom {@link Builder#transport(Transport)}
     *       set in code takes precedence over it</td></tr>
     *   <tr><td>{@code POSTHOG_FLAG_DEFINITIONS}</td><td>{@link Builder#flagDefinitionsSnapshot(String)}: a
     *       flag-definitions snapshot as JSON, or as base64 of gzipped JSON</td></tr>
     *   <tr><td>{@code POSTHOG_FLAG_DEFINITIONS_FILE}</td><td>{@link Builder#flagDefinitionsSnapshotFile(Path)}</td></tr>
     * </table>
     *
     * @param env the environment
     * @return a builder holding what the environment says; set more options on it, then build
     * @throws IllegalArgumentException when a variable holds a value that cannot be parsed or
     *     is out of range, naming the variable
     */
    public static Builder fromEnvironment(Map<String, String> env) {
        Objects.requireNonNull(env, "env");
        String key = firstNonBlank(env.get("POSTHOG_API_KEY"), env.get("POSTHOG_PROJECT_API_KEY"));
        Builder b = new Builder(key);
        if (key == null) {
            b.disabled = true;
            b.disabledBecauseNoKey = true;
        }
        String host = blankToNull(env.get("POSTHOG_HOST"));
        if (host != null) {
            // Validated here so that the message names the variable the user has to fix.
            try {
                Builder.normaliseHost(host);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("POSTHOG_HOST: " + e.getMessage());
            }
            b.host(host);
        }
        b.personalApiKey(blankToNull(env.get("POSTHOG_PERSONAL_API_KEY")));
        String mode = blankToNull(env.get("POSTHOG_SEND_MODE"));
        if (mode != null) {
            try {
                b.sendMode(SendMode.valueOf(mode.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("POSTHOG_SEND_MODE must be 'immediate' or 'buffered' (was '" + mode + "')");
            }
        }
        String flushAt = blankToNull(env.get("POSTHOG_FLUSH_AT"));
        if (flushAt != null) {
            b.flushAt(parsePositiveInt("POSTHOG_FLUSH_AT", flushAt));
        }
        String flushTimeout = blankToNull(env.get("POSTHOG_FLUSH_TIMEOUT_MS"));
        if (flushTimeout != null) {
            b.flushTimeout(Duration.ofMillis(parsePositiveInt("POSTHOG_FLUSH_TIMEOUT_MS", flushTimeout)));
        }
        String disabled = blankToNull(env.get("POSTHOG_DISABLED"));
        if (disabled != null) {
            String d = disabled.trim().toLowerCase(Locale.ROOT);
            if (!d.equals("true") && !d.equals("false")) {
                throw new IllegalArgumentException("POSTHOG_DISABLED must be 'true' or 'false' (was '" + disabled + "')");
            }
            // Only "true" changes anything: disabled(...) also clears the no-key flag, and
            // POSTHOG_DISABLED=false must not silence the warning about a missing key.
            if (d.equals("true")) {
                b.disabled(true);
            }
        }
        String httpTransport = blankToNull(env.get("POSTHOG_HTTP_TRANSPORT"));
        if (httpTransport != null) {
            b.httpTransport = parseHttpTransport(httpTransport); // yields to a custom transport
        }
        b.flagDefinitionsSnapshot(blankToNull(env.get("POSTHOG_FLAG_DEFINITIONS")));
        String snapshotFile = blankToNull(env.get("POSTHOG_FLAG_DEFINITIONS_FILE"));
        if (snapshotFile != null) {
            try {
                b.flagDefinitionsSnapshotFile(Path.of(snapshotFile));
            } catch (java.nio.file.InvalidPathException e) {
                throw new IllegalArgumentException("POSTHOG_FLAG_DEFINITIONS_FILE is not a valid path (was '"
                        + snapshotFile + "')");
            }
        }
        return b;
    }

    private static HttpTransport parseHttpTransport(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        for (HttpTransport t : HttpTransport.values()) {
            if (t.environmentValue().equals(v)) {
                return t;
            }
        }
        throw new IllegalArgumentException("POSTHOG_HTTP_TRANSPORT must be 'http-client' or 'url-connection' (was '"
                + value + "')");
    }

    private static int parsePositiveInt(String variable, String value) {
        int n;
        try {
            n = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(variable + " must be a whole number (was '" + value + "')");
        }
        if (n < 1) {
            throw new IllegalArgumentException(variable + " must be at least 1 (was '" + value + "')");
        }
        return n;
    }

    /** @return a builder holding these options, for building a changed copy */
    public Builder toBuilder() {
        Builder b = new Builder(projectApiKey);
        b.host = host.toString();
        b.personalApiKey = personalApiKey;
        b.sendMode = sendMode;
        b.flushAt = flushAt;
        b.maxBatchSize = maxBatchSize;
        b.maxQueueSize = maxQueueSize;
        b.maxBatchBytes = maxBatchBytes;
        b.maxEventBytes = maxEventBytes;
        b.requestTimeout = requestTimeout;
        b.flushTimeout = flushTimeout;
        b.maxRetries = maxRetries;
        b.retryDelay = retryDelay;
        b.maxRetryDelay = maxRetryDelay;
        b.gzip = gzip;
        b.disableGeoip = disableGeoip;
        b.historicalMigration = historicalMigration;
        b.beforeSend.addAll(beforeSend);
        b.errorListener = errorListener;
        b.privacyMode = privacyMode;
        b.enableExceptionAutocapture = enableExceptionAutocapture;
        b.strict = strict;
        b.disabled = disabled;
        b.transport = transport;
        b.httpTransport = httpTransport; // kept as a default: a custom transport set on the copy wins
        b.clock = clock;
        b.enableLocalEvaluation = localEvaluation || personalApiKey == null ? null : Boolean.FALSE;
        b.featureFlagsPollingInterval = featureFlagsPollingInterval;
        b.maxCacheSize = maxCacheSize;
        b.featureFlagsRequestTimeout = featureFlagsRequestTimeout;
        b.featureFlagsRequestMaxRetries = featureFlagsRequestMaxRetries;
        b.strictLocalEvaluation = strictLocalEvaluation;
        b.sendFeatureFlagEvent = sendFeatureFlagEvent;
        b.flagDefinitionsRefresh = flagDefinitionsRefresh;
        b.flagDefinitionsRefreshTimeout = flagDefinitionsRefreshTimeout;
        b.flagDefinitionsSnapshot = flagDefinitionsSnapshot;
        b.flagDefinitionsSnapshotFile = flagDefinitionsSnapshotFile;
        b.flagDefinitionsResourceEnabled = flagDefinitionsResourceEnabled;
        b.flagDefinitionsCacheEnabled = flagDefinitionsCacheFile != null;
        b.flagDefinitionsCacheFile = flagDefinitionsCacheFile;
        b.evaluationContexts.addAll(evaluationContexts);
        b.flagDefinitionsSnapshotSource = flagDefinitionsSnapshotSource;
        return b;
    }

    /** @return the project API key, trimmed (empty for a disabled client without one) */
    public String projectApiKey() {
        return projectApiKey;
    }

    /** @return the PostHog host, without trailing slashes */
    public URI host() {
        return host;
    }

    /** @return the personal API key (or project secret key), or null */
    public String personalApiKey() {
        return personalApiKey;
    }

    /** @return the send mode */
    public SendMode sendMode() {
        return sendMode;
    }

    /** @return the queue length that triggers a flush in buffered mode */
    public int flushAt() {
        return flushAt;
    }

    /** @return the most events per request (at least {@link #flushAt()}) */
    public int maxBatchSize() {
        return maxBatchSize;
    }

    /** @return the most events held in the queue (at least {@link #flushAt()}) */
    public int maxQueueSize() {
        return maxQueueSize;
    }

    /** @return the most bytes of JSON in one request body */
    public int maxBatchBytes() {
        return maxBatchBytes;
    }

    /** @return the largest encoded event accepted */
    public int maxEventBytes() {
        return maxEventBytes;
    }

    /** @return the time limit of one HTTP attempt */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** @return the default deadline of a flush, an immediate call or close */
    public Duration flushTimeout() {
        return flushTimeout;
    }

    /** @return how many times a failed request is retried */
    public int maxRetries() {
        return maxRetries;
    }

    /** @return the first backoff delay */
    public Duration retryDelay() {
        return retryDelay;
    }

    /** @return the longest single wait between attempts */
    public Duration maxRetryDelay() {
        return maxRetryDelay;
    }

    /** @return whether batch bodies are gzip-compressed */
    public boolean isGzip() {
        return gzip;
    }

    /** @return whether events carry {@code $geoip_disable: true} unless they say otherwise */
    public boolean isDisableGeoip() {
        return disableGeoip;
    }

    /** @return whether batches are marked {@code historical_migration} */
    public boolean isHistoricalMigration() {
        return historicalMigration;
    }

    /** @return the hooks run on every event, in order (unmodifiable) */
    public List<BeforeSend> beforeSend() {
        return beforeSend;
    }

    /** @return the error listener, or null */
    public ErrorListener errorListener() {
        return errorListener;
    }

    /** @return whether LLM-observability content properties are replaced with null */
    public boolean isPrivacyMode() {
        return privacyMode;
    }

    /** @return whether uncaught exceptions are captured */
    public boolean isEnableExceptionAutocapture() {
        return enableExceptionAutocapture;
    }

    /** @return whether invalid call arguments throw instead of being dropped */
    public boolean isStrict() {
        return strict;
    }

    /** @return whether the client is a no-op */
    public boolean isDisabled() {
        return disabled;
    }

    /** @return the custom transport, or null when a built-in one ({@link #httpTransport()}) is used */
    public Transport transport() {
        return transport;
    }

    /**
     * @return the built-in transport used when no custom {@link #transport()} is set (default
     *     {@link HttpTransport#JDK_HTTP_CLIENT})
     */
    public HttpTransport httpTransport() {
        return httpTransport;
    }

    /** @return the clock used for event timestamps and deadlines */
    public Clock clock() {
        return clock;
    }

    /**
     * @return whether flags are evaluated locally from downloaded definitions: a personal API key
     *     is set and {@link Builder#enableLocalEvaluation(boolean)} was not turned off
     */
    public boolean isLocalEvaluationEnabled() {
        return localEvaluation;
    }

    /** @return the age after which flag definitions are refreshed (at least 100 ms) */
    public Duration featureFlagsPollingInterval() {
        return featureFlagsPollingInterval;
    }

    /** @return how many distinct ids the {@code $feature_flag_called} de-duplication remembers */
    public int maxCacheSize() {
        return maxCacheSize;
    }

    /** @return the time limit of one {@code /flags} attempt */
    public Duration featureFlagsRequestTimeout() {
        return featureFlagsRequestTimeout;
    }

    /** @return how many times a failed {@code /flags} request is retried */
    public int featureFlagsRequestMaxRetries() {
        return featureFlagsRequestMaxRetries;
    }

    /** @return whether flag calls default to {@code onlyEvaluateLocally} */
    public boolean isStrictLocalEvaluation() {
        return strictLocalEvaluation;
    }

    /** @return whether single-flag calls send {@code $feature_flag_called} unless told otherwise */
    public boolean isSendFeatureFlagEvent() {
        return sendFeatureFlagEvent;
    }

    /** @return how stale flag definitions are refreshed */
    public DefinitionsRefresh flagDefinitionsRefresh() {
        return flagDefinitionsRefresh;
    }

    /** @return the time limit of an on-demand refresh made inside a flag call */
    public Duration flagDefinitionsRefreshTimeout() {
        return flagDefinitionsRefreshTimeout;
    }

    /** @return the snapshot text given directly ({@code POSTHOG_FLAG_DEFINITIONS}), or null */
    public String flagDefinitionsSnapshot() {
        return flagDefinitionsSnapshot;
    }

    /** @return the snapshot file given ({@code POSTHOG_FLAG_DEFINITIONS_FILE}), or null */
    public Path flagDefinitionsSnapshotFile() {
        return flagDefinitionsSnapshotFile;
    }

    /** @return whether the classpath resource {@link #FLAG_DEFINITIONS_RESOURCE} is read at start-up */
    public boolean isFlagDefinitionsResourceEnabled() {
        return flagDefinitionsResourceEnabled;
    }

    /** @return the cache file written after each download and read at start-up, or null when disabled */
    public Path flagDefinitionsCacheFile() {
        return flagDefinitionsCacheFile;
    }

    /** @return the custom snapshot source read at start-up, or null */
    public SnapshotSource flagDefinitionsSnapshotSource() {
        return flagDefinitionsSnapshotSource;
    }

    /** @return the evaluation contexts sent to {@code /flags} (unmodifiable, may be empty) */
    public List<String> evaluationContexts() {
        return evaluationContexts;
    }

    @Override
    public String toString() {
        return "PostHogOptions[projectApiKey=" + Secrets.redact(projectApiKey)
                + ", host=" + host
                + ", personalApiKey=" + Secrets.redact(personalApiKey)
                + ", sendMode=" + sendMode
                + ", flushAt=" + flushAt
                + ", maxBatchSize=" + maxBatchSize
                + ", maxQueueSize=" + maxQueueSize
                + ", maxBatchBytes=" + maxBatchBytes
                + ", maxEventBytes=" + maxEventBytes
                + ", requestTimeout=" + requestTimeout
                + ", flushTimeout=" + flushTimeout
                + ", maxRetries=" + maxRetries
                + ", retryDelay=" + retryDelay
                + ", maxRetryDelay=" + maxRetryDelay
                + ", gzip=" + gzip
                + ", disableGeoip=" + disableGeoip
                + ", historicalMigration=" + historicalMigration
                + ", beforeSend=" + beforeSend.size() + " hook(s)"
                + ", privacyMode=" + privacyMode
                + ", enableExceptionAutocapture=" + enableExceptionAutocapture
                + ", strict=" + strict
                + ", disabled=" + disabled
                + ", transport=" + (transport == null ? httpTransport : transport.getClass().getName())
                + ", localEvaluation=" + localEvaluation
                + ", featureFlagsPollingInterval=" + featureFlagsPollingInterval
                + ", maxCacheSize=" + maxCacheSize
                + ", featureFlagsRequestTimeout=" + featureFlagsRequestTimeout
                + ", featureFlagsRequestMaxRetries=" + featureFlagsRequestMaxRetries
                + ", strictLocalEvaluation=" + strictLocalEvaluation
                + ", sendFeatureFlagEvent=" + sendFeatureFlagEvent
                + ", flagDefinitionsRefresh=" + flagDefinitionsRefresh
                + ", flagDefinitionsRefreshTimeout=" + flagDefinitionsRefreshTimeout
                + ", flagDefinitionsSnapshot=" + (flagDefinitionsSnapshot == null ? "(none)"
                        : flagDefinitionsSnapshot.length() + " chars")
                + ", flagDefinitionsSnapshotFile=" + flagDefinitionsSnapshotFile
                + ", flagDefinitionsResource=" + (flagDefinitionsResourceEnabled ? FLAG_DEFINITIONS_RESOURCE : "off")
                + ", flagDefinitionsCacheFile=" + flagDefinitionsCacheFile
                + ", evaluationContexts=" + evaluationContexts
                + ", flagDefinitionsSnapshotSource=" + (flagDefinitionsSnapshotSource == null ? "(none)"
                        : flagDefinitionsSnapshotSource.name())
                + "]";
    }

    private static String blankToNull(String s) {
        return s == null || s.trim().isEmpty() ? null : s.trim();
    }

    private static String firstNonBlank(String a, String b) {
        String x = blankToNull(a);
        return x != null ? x : blankToNull(b);
    }

    /**
     * Builds {@link PostHogOptions} and {@link PostHog} clients. Not thread-safe. {@link
     * #build()} validates every option.
     */
    public static final class Builder {
        private final String projectApiKey;
        private String host = DEFAULT_HOST;
        private String personalApiKey;
        private SendMode sendMode = DEFAULT_SEND_MODE;
        private int flushAt = DEFAULT_FLUSH_AT;
        private int maxBatchSize = DEFAULT_MAX_BATCH_SIZE;
        private int maxQueueSize = DEFAULT_MAX_QUEUE_SIZE;
        private int maxBatchBytes = DEFAULT_MAX_BATCH_BYTES;
        private int maxEventBytes = DEFAULT_MAX_EVENT_BYTES;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private Duration flushTimeout = DEFAULT_FLUSH_TIMEOUT;
        private int maxRetries = DEFAULT_MAX_RETRIES;
        private Duration retryDelay = DEFAULT_RETRY_DELAY;
        private Duration maxRetryDelay = DEFAULT_MAX_RETRY_DELAY;
        private boolean gzip = true;
        private boolean disableGeoip = true;
        private boolean historicalMigration;
        private final List<BeforeSend> beforeSend = new ArrayList<>();
        private ErrorListener errorListener;
        private boolean privacyMode;
        private boolean enableExceptionAutocapture;
        private boolean strict;
        private boolean disabled;
        private boolean disabledBecauseNoKey;
        private Transport transport;
        private HttpTransport httpTransport;
        /** Whether {@link #httpTransport(HttpTransport)} was called: only then does a custom transport conflict. */
        private boolean httpTransportChosenInCode;
        private Clock clock = Clock.systemUTC();
        private Boolean enableLocalEvaluation;
        private Duration featureFlagsPollingInterval = DEFAULT_FEATURE_FLAGS_POLLING_INTERVAL;
        private int maxCacheSize = DEFAULT_MAX_CACHE_SIZE;
        private Duration featureFlagsRequestTimeout = DEFAULT_FEATURE_FLAGS_REQUEST_TIMEOUT;
        private int featureFlagsRequestMaxRetries = DEFAULT_FEATURE_FLAGS_REQUEST_MAX_RETRIES;
        private boolean strictLocalEvaluation;
        private boolean sendFeatureFlagEvent = true;
        private DefinitionsRefresh flagDefinitionsRefresh = DEFAULT_FLAG_DEFINITIONS_REFRESH;
        private Duration flagDefinitionsRefreshTimeout = DEFAULT_FLAG_DEFINITIONS_REFRESH_TIMEOUT;
        private String flagDefinitionsSnapshot;
        private Path flagDefinitionsSnapshotFile;
        private boolean flagDefinitionsResourceEnabled = true;
        private boolean flagDefinitionsCacheEnabled = true;
        private Path flagDefinitionsCacheFile;
        private final List<String> evaluationContexts = new ArrayList<>();
        private SnapshotSource flagDefinitionsSnapshotSource;

        private Builder(String projectApiKey) {
            this.projectApiKey = projectApiKey;
        }

        /**
         * The PostHog host: {@link #DEFAULT_HOST}, {@code https://eu.i.posthog.com}, or your own.
         * Surrounding whitespace and trailing slashes are removed; it must be an absolute
         * {@code http} or {@code https} URL.
         *
         * @param host the base URL
         * @return this builder
         */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /**
         * @param host the base URL
         * @return this builder
         * @see #host(String)
         */
        public Builder host(URI host) {
            this.host = host == null ? null : host.toString();
            return this;
        }

        /**
         * A personal API key ({@code phx_...}) or project secret key ({@code phs_...}), used by
         * the feature-flag client for local evaluation. A project key ({@code phc_...}) here is
         * rejected by {@link #build()}.
         *
         * @param personalApiKey the key, or null
         * @return this builder
         */
        public Builder personalApiKey(String personalApiKey) {
            this.personalApiKey = personalApiKey;
            return this;
        }

        /**
         * @param sendMode {@link SendMode#IMMEDIATE} (default) or {@link SendMode#BUFFERED}
         * @return this builder
         */
        public Builder sendMode(SendMode sendMode) {
            this.sendMode = sendMode;
            return this;
        }

        /**
         * @param flushAt in buffered mode, the queue length that makes a call flush (default 20, at least 1)
         * @return this builder
         */
        public Builder flushAt(int flushAt) {
            this.flushAt = flushAt;
            return this;
        }

        /**
         * @param maxBatchSize most events per request (default 100; raised to {@code flushAt} if smaller)
         * @return this builder
         */
        public Builder maxBatchSize(int maxBatchSize) {
            this.maxBatchSize = maxBatchSize;
            return this;
        }

        /**
         * @param maxQueueSize most events held; the oldest is dropped beyond it (default 10,000)
         * @return this builder
         */
        public Builder maxQueueSize(int maxQueueSize) {
            this.maxQueueSize = maxQueueSize;
            return this;
        }

        /**
         * @param maxBatchBytes most bytes of JSON per request body (default 5 MiB)
         * @return this builder
         */
        public Builder maxBatchBytes(int maxBatchBytes) {
            this.maxBatchBytes = maxBatchBytes;
            return this;
        }

        /**
         * @param maxEventBytes largest encoded event accepted (default 900 KiB)
         * @return this builder
         */
        public Builder maxEventBytes(int maxEventBytes) {
            this.maxEventBytes = maxEventBytes;
            return this;
        }

        /**
         * @param requestTimeout time limit of one HTTP attempt (default 10 s)
         * @return this builder
         */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
            return this;
        }

        /**
         * @param flushTimeout default deadline of a flush, immediate call or close, retries
         *     included (default 10 s); {@link PostHog#flush(Duration)} overrides it per call
         * @return this builder
         */
        public Builder flushTimeout(Duration flushTimeout) {
            this.flushTimeout = flushTimeout;
            return this;
        }

        /**
         * @param maxRetries retries after a failed attempt (default 3; 0 disables retrying)
         * @return this builder
         */
        public Builder maxRetries(int maxRetries) {
            this.maxRetries = maxRetries;
            return this;
        }

        /**
         * @param retryDelay first backoff delay, doubled per retry with jitter (default 500 ms)
         * @return this builder
         */
        public Builder retryDelay(Duration retryDelay) {
            this.retryDelay = retryDelay;
            return this;
        }

        /**
         * @param maxRetryDelay longest single wait, a server's {@code Retry-After} included
         *     (default 30 s); a longer {@code Retry-After} leaves the events queued instead
         * @return this builder
         */
        public Builder maxRetryDelay(Duration maxRetryDelay) {
            this.maxRetryDelay = maxRetryDelay;
            return this;
        }

        /**
         * @param gzip whether to gzip batch bodies (default true)
         * @return this builder
         */
        public Builder gzip(boolean gzip) {
            this.gzip = gzip;
            return this;
        }

        /**
         * @param disableGeoip whether events ask PostHog to skip GeoIP unless they say otherwise
         *     (default true, as in posthog-node: a server's IP says nothing about the user)
         * @return this builder
         */
        public Builder disableGeoip(boolean disableGeoip) {
            this.disableGeoip = disableGeoip;
            return this;
        }

        /**
         * @param historicalMigration whether batches are marked as a historical import (default false)
         * @return this builder
         */
        public Builder historicalMigration(boolean historicalMigration) {
            this.historicalMigration = historicalMigration;
            return this;
        }

        /**
         * Adds a hook run on every event; hooks run in the order added, each seeing the
         * previous one's result.
         *
         * @param hook the hook
         * @return this builder
         */
        public Builder beforeSend(BeforeSend hook) {
            beforeSend.add(Objects.requireNonNull(hook, "beforeSend"));
            return this;
        }

        /**
         * @param errorListener receives every problem (default: none; problems are logged either way)
         * @return this builder
         */
        public Builder errorListener(ErrorListener errorListener) {
            this.errorListener = errorListener;
            return this;
        }

        /**
         * @param privacyMode whether LLM-observability content ({@code $ai_input},
         *     {@code $ai_output_choices} and their kin) is replaced with null before sending
         *     (default false)
         * @return this builder
         */
        public Builder privacyMode(boolean privacyMode) {
            this.privacyMode = privacyMode;
            return this;
        }

        /**
         * @param enable whether to install a default uncaught-exception handler that captures
         *     {@code $exception} immediately, chaining any existing handler (default false)
         * @return this builder
         */
        public Builder enableExceptionAutocapture(boolean enable) {
            this.enableExceptionAutocapture = enable;
            return this;
        }

        /**
         * @param strict when true, invalid call arguments throw {@link IllegalArgumentException}
         *     instead of being dropped with a warning; for tests (default false)
         * @return this builder
         */
        public Builder strict(boolean strict) {
            this.strict = strict;
            return this;
        }

        /**
         * @param disabled when true, the client is a no-op that never makes a request (default false)
         * @return this builder
         */
        public Builder disabled(boolean disabled) {
            this.disabled = disabled;
            this.disabledBecauseNoKey = false;
            return this;
        }

        /**
         * A custom HTTP layer, in place of the built-in ones. It cannot be combined with {@link
         * #httpTransport(HttpTransport)} ({@link #build()} fails); it takes precedence over
         * {@code POSTHOG_HTTP_TRANSPORT}.
         *
         * @param transport the HTTP layer, or null for a built-in one
         * @return this builder
         */
        public Builder transport(Transport transport) {
            this.transport = transport;
            return this;
        }

        /**
         * The built-in HTTP layer: {@link HttpTransport#JDK_HTTP_CLIENT} (default) or {@link
         * HttpTransport#URL_CONNECTION}, whose first request in a fresh JVM is much cheaper
         * (see the README, "Cold start on a plain JVM"). Also set by {@code
         * POSTHOG_HTTP_TRANSPORT}.
         *
         * @param httpTransport the transport, or null for the default
         * @return this builder
         */
        public Builder httpTransport(HttpTransport httpTransport) {
            this.httpTransport = httpTransport;
            this.httpTransportChosenInCode = httpTransport != null;
            return this;
        }

        /**
         * @param clock the clock for timestamps and deadlines (default UTC system clock); a test seam
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * Whether flags are evaluated locally from definitions downloaded with the {@link
         * #personalApiKey(String) personal API key}. Default: on when a personal key is set. Off
         * keeps the key for {@link PostHog#getRemoteConfigPayload(String)} only, and every flag
         * is evaluated by PostHog ({@code /flags}).
         *
         * @param enable whether to evaluate locally
         * @return this builder
         */
        public Builder enableLocalEvaluation(boolean enable) {
            this.enableLocalEvaluation = enable;
            return this;
        }

        /**
         * The age after which flag definitions are refreshed (default 30 s; values under 100 ms
         * are raised to 100 ms, as in posthog-node). There is no poller thread: with {@link
         * DefinitionsRefresh#ON_DEMAND} the next flag call after that age refreshes them.
         *
         * @param interval the maximum age
         * @return this builder
         */
        public Builder featureFlagsPollingInterval(Duration interval) {
            this.featureFlagsPollingInterval = interval;
            return this;
        }

        /**
         * @param maxCacheSize distinct ids remembered to send {@code $feature_flag_called} once per
         *     distinct id, flag, value and groups (default 50,000; 0 means the default). When full
         *     the least recently used distinct id is forgotten, as in posthog-node 5.70.0.
         * @return this builder
         */
        public Builder maxCacheSize(int maxCacheSize) {
            this.maxCacheSize = maxCacheSize;
            return this;
        }

        /**
         * @param timeout time limit of one {@code /flags} attempt, body included (default 3 s)
         * @return this builder
         */
        public Builder featureFlagsRequestTimeout(Duration timeout) {
            this.featureFlagsRequestTimeout = timeout;
            return this;
        }

        /**
         * @param maxRetries retries of a {@code /flags} request after a timeout, a network error
         *     other than a refused connection, or HTTP 502/504 (default 1; 0 disables retrying).
         *     The wait between attempts is {@link #retryDelay(Duration)}, fixed.
         * @return this builder
         */
        public Builder featureFlagsRequestMaxRetries(int maxRetries) {
            this.featureFlagsRequestMaxRetries = maxRetries;
            return this;
        }

        /**
         * @param strict when true, flag calls never ask PostHog to evaluate a flag that local
         *     evaluation cannot decide: they answer "unknown" instead (the default of the
         *     per-call {@code onlyEvaluateLocally}; default false)
         * @return this builder
         */
        public Builder strictLocalEvaluation(boolean strict) {
            this.strictLocalEvaluation = strict;
            return this;
        }

        /**
         * @param send whether single-flag calls send {@code $feature_flag_called} unless the call
         *     says otherwise (default true)
         * @return this builder
         */
        public Builder sendFeatureFlagEvent(boolean send) {
            this.sendFeatureFlagEvent = send;
            return this;
        }

        /**
         * @param refresh {@link DefinitionsRefresh#ON_DEMAND} (default): stale definitions are
         *     refreshed inside the next flag call; {@link DefinitionsRefresh#MANUAL}: only {@link
         *     PostHog#reloadFeatureFlags()} refreshes them
         * @return this builder
         */
        public Builder flagDefinitionsRefresh(DefinitionsRefresh refresh) {
            this.flagDefinitionsRefresh = refresh;
            return this;
        }

        /**
         * @param timeout time limit of an on-demand refresh of stale definitions inside a flag
         *     call (default 1 s); when it runs out, the current definitions are served. The first
         *     download, when no definitions are loaded at all, uses {@link #requestTimeout(Duration)}.
         * @return this builder
         */
        public Builder flagDefinitionsRefreshTimeout(Duration timeout) {
            this.flagDefinitionsRefreshTimeout = timeout;
            return this;
        }

        /**
         * A flag-definitions snapshot given as text: the JSON of a snapshot file or of the raw
         * {@code /flags/definitions} document, or the base64 of its gzip. Set from {@code
         * POSTHOG_FLAG_DEFINITIONS} by {@link PostHogOptions#fromEnvironment(Map)}.
         *
         * @param snapshot the text, or null
         * @return this builder
         */
        public Builder flagDefinitionsSnapshot(String snapshot) {
            this.flagDefinitionsSnapshot = snapshot;
            return this;
        }

        /**
         * A flag-definitions snapshot file read at start-up. Set from {@code
         * POSTHOG_FLAG_DEFINITIONS_FILE} by {@link PostHogOptions#fromEnvironment(Map)}.
         *
         * @param file the file, or null
         * @return this builder
         */
        public Builder flagDefinitionsSnapshotFile(Path file) {
            this.flagDefinitionsSnapshotFile = file;
            return this;
        }

        /**
         * @param enabled whether the classpath resource {@link #FLAG_DEFINITIONS_RESOURCE} is read
         *     at start-up when present (default true)
         * @return this builder
         */
        public Builder flagDefinitionsResourceEnabled(boolean enabled) {
            this.flagDefinitionsResourceEnabled = enabled;
            return this;
        }

        /**
         * The cache file: read at start-up, and rewritten atomically after every download of
         * new definitions. Default: {@code edgehog-flag-definitions-<hash>.json} under {@code
         * java.io.tmpdir}, one per project and host.
         *
         * @param file the file; null restores the default
         * @return this builder
         */
        public Builder flagDefinitionsCacheFile(Path file) {
            this.flagDefinitionsCacheFile = file;
            return this;
        }

        /**
         * @param enabled whether the {@link #flagDefinitionsCacheFile(Path) cache file} is read
         *     and written (default true)
         * @return this builder
         */
        public Builder flagDefinitionsCacheEnabled(boolean enabled) {
            this.flagDefinitionsCacheEnabled = enabled;
            return this;
        }

        /**
         * A custom place a flag-definitions snapshot is read from at start-up (a parameter
         * store, a bucket). It ranks first among the sources when snapshots are equally fresh.
         *
         * @param source the source, or null for none
         * @return this builder
         */
        public Builder flagDefinitionsSnapshotSource(SnapshotSource source) {
            this.flagDefinitionsSnapshotSource = source;
            return this;
        }

        /**
         * @param contexts evaluation contexts sent to {@code /flags} as {@code
         *     evaluation_contexts} (posthog-node's {@code evaluationContexts}); replaces any set
         *     before
         * @return this builder
         */
        public Builder evaluationContexts(List<String> contexts) {
            this.evaluationContexts.clear();
            if (contexts != null) {
                for (String c : contexts) {
                    this.evaluationContexts.add(Objects.requireNonNull(c, "evaluationContexts element"));
                }
            }
            return this;
        }

        /**
         * Validates the options.
         *
         * @return the options
         * @throws IllegalArgumentException naming the first invalid option and its value
         */
        public PostHogOptions buildOptions() {
            if (!disabled && (projectApiKey == null || projectApiKey.isBlank())) {
                throw new IllegalArgumentException(
                        "projectApiKey is " + (projectApiKey == null ? "null" : "blank")
                                + ": pass your project API key (phc_...) or build with disabled(true)");
            }
            URI uri = normaliseHost(host);
            String personal = blankToNull(personalApiKey);
            if (personal != null && personal.contains("phc_") && !disabled) {
                throw new IllegalArgumentException("personalApiKey looks like a project API key (it contains 'phc_'): "
                        + "use a personal API key (phx_...) or a project secret key (phs_...)");
            }
            require(sendMode != null, "sendMode must not be null", null);
            require(flushAt >= 1, "flushAt must be at least 1", flushAt);
            require(maxBatchSize >= 1, "maxBatchSize must be at least 1", maxBatchSize);
            require(maxQueueSize >= 1, "maxQueueSize must be at least 1", maxQueueSize);
            require(maxEventBytes >= 1024, "maxEventBytes must be at least 1024", maxEventBytes);
            require(maxBatchBytes >= maxEventBytes, "maxBatchBytes must be at least maxEventBytes (" + maxEventBytes + ")",
                    maxBatchBytes);
            requirePositive(requestTimeout, "requestTimeout");
            requirePositive(flushTimeout, "flushTimeout");
            require(maxRetries >= 0, "maxRetries must not be negative", maxRetries);
            require(retryDelay != null && !retryDelay.isNegative(), "retryDelay must not be negative", retryDelay);
            require(maxRetryDelay != null && !maxRetryDelay.isNegative() && maxRetryDelay.compareTo(retryDelay) >= 0,
                    "maxRetryDelay must be at least retryDelay (" + retryDelay + ")", maxRetryDelay);
            require(clock != null, "clock must not be null", null);
            if (transport != null && httpTransportChosenInCode) {
                throw new IllegalArgumentException("httpTransport (" + httpTransport + ") and a custom transport ("
                        + transport.getClass().getName() + ") are both set: choose one");
            }
            require(featureFlagsPollingInterval != null, "featureFlagsPollingInterval must not be null", null);
            require(maxCacheSize >= 0, "maxCacheSize must not be negative", maxCacheSize);
            requirePositive(featureFlagsRequestTimeout, "featureFlagsRequestTimeout");
            require(featureFlagsRequestMaxRetries >= 0, "featureFlagsRequestMaxRetries must not be negative",
                    featureFlagsRequestMaxRetries);
            require(flagDefinitionsRefresh != null, "flagDefinitionsRefresh must not be null", null);
            requirePositive(flagDefinitionsRefreshTimeout, "flagDefinitionsRefreshTimeout");
            PostHogOptions options = new PostHogOptions(this, uri);
            if (disabledBecauseNoKey) {
                System.getLogger("edgehog").log(System.Logger.Level.WARNING,
                        "POSTHOG_API_KEY is not set: the PostHog client is disabled and will send nothing");
            }
            return options;
        }

        /**
         * Validates the options and builds the client.
         *
         * @return a new client; close it when the process (or container) is done with it
         * @throws IllegalArgumentException naming the first invalid option and its value
         */
        public PostHog build() {
            return new PostHog(buildOptions());
        }

        private static URI normaliseHost(String host) {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("host must be an absolute http(s) URL (was " + (host == null ? "null" : "blank") + ")");
            }
            String h = host.trim();
            while (h.endsWith("/")) {
                h = h.substring(0, h.length() - 1);
            }
            URI uri;
            try {
                uri = new URI(h);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("host must be an absolute http(s) URL (was '" + host + "'): " + e.getReason());
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new IllegalArgumentException("host must be an absolute http(s) URL (was '" + host + "')");
            }
            if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new IllegalArgumentException("host must not have a query or fragment (was '" + host + "')");
            }
            return uri;
        }

        private static void require(boolean ok, String what, Object value) {
            if (!ok) {
                throw new IllegalArgumentException(what + (value == null ? " (was null)" : " (was " + value + ")"));
            }
        }

        private static void requirePositive(Duration d, String name) {
            if (d == null || d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(name + " must be a positive duration (was " + d + ")");
            }
        }
    }
}
