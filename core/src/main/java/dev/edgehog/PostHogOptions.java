// SPDX-License-Identifier: Apache-2.0
package dev.edgehog;

import dev.edgehog.internal.Secrets;
import dev.edgehog.spi.Transport;
import java.net.URI;
import java.net.URISyntaxException;
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
    private final Clock clock;

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
        this.clock = b.clock;
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
        return b;
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
        b.clock = clock;
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

    /** @return the custom transport, or null for the JDK HttpClient */
    public Transport transport() {
        return transport;
    }

    /** @return the clock used for event timestamps and deadlines */
    public Clock clock() {
        return clock;
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
                + ", transport=" + (transport == null ? "JDK HttpClient" : transport.getClass().getName())
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
        private Clock clock = Clock.systemUTC();

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
         * @param transport the HTTP layer (default: the JDK HttpClient)
         * @return this builder
         */
        public Builder transport(Transport transport) {
            this.transport = transport;
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
