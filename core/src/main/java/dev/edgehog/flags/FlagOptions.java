// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.flags;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Per-call options of the flag methods of {@code PostHog}: posthog-node's {@code groups},
 * {@code personProperties}, {@code groupProperties}, {@code onlyEvaluateLocally}, {@code
 * sendFeatureFlagEvents}, {@code flagKeys} and {@code disableGeoip}. Immutable.
 *
 * <pre>{@code
 * FlagOptions opts = FlagOptions.builder()
 *     .personProperty("plan", "team")
 *     .group("company", "acme")
 *     .groupProperty("company", "seats", 40)
 *     .build();
 * FlagValue v = posthog.getFeatureFlag("new-billing", "user-42", opts);
 * }</pre>
 *
 * @since 0.1.0
 */
public final class FlagOptions {
    /** No options: every setting at the client's default. */
    public static final FlagOptions DEFAULTS = builder().build();

    private final Map<String, String> groups;
    private final Map<String, Object> personProperties;
    private final Map<String, Map<String, Object>> groupProperties;
    private final Boolean onlyEvaluateLocally;
    private final Boolean sendFeatureFlagEvents;
    private final List<String> flagKeys;
    private final Boolean disableGeoip;
    /** The context last built, reused while calls ask for the same distinct id (contexts are immutable). */
    private volatile FlagContext lastContext;

    private FlagOptions(Builder b) {
        this.groups = Collections.unmodifiableMap(new LinkedHashMap<>(b.groups));
        this.personProperties = Collections.unmodifiableMap(new LinkedHashMap<>(b.personProperties));
        Map<String, Map<String, Object>> gp = new LinkedHashMap<>();
        b.groupProperties.forEach((k, v) -> gp.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        this.groupProperties = Collections.unmodifiableMap(gp);
        this.onlyEvaluateLocally = b.onlyEvaluateLocally;
        this.sendFeatureFlagEvents = b.sendFeatureFlagEvents;
        this.flagKeys = b.flagKeys == null ? null : Collections.unmodifiableList(new ArrayList<>(b.flagKeys));
        this.disableGeoip = b.disableGeoip;
    }

    /** @return a new builder with nothing set */
    public static Builder builder() {
        return new Builder();
    }

    /** @return group type to group key (unmodifiable) */
    public Map<String, String> groups() {
        return groups;
    }

    /** @return the person properties (unmodifiable; may hold null values) */
    public Map<String, Object> personProperties() {
        return personProperties;
    }

    /** @return group type to that group's properties (unmodifiable) */
    public Map<String, Map<String, Object>> groupProperties() {
        return groupProperties;
    }

    /** @return whether to skip the server when local evaluation cannot decide, or null for the client default */
    public Boolean onlyEvaluateLocally() {
        return onlyEvaluateLocally;
    }

    /** @return whether to send {@code $feature_flag_called}, or null for the client default */
    public Boolean sendFeatureFlagEvents() {
        return sendFeatureFlagEvents;
    }

    /** @return the flag keys multi-flag calls are limited to, or null for all */
    public List<String> flagKeys() {
        return flagKeys;
    }

    /** @return whether PostHog should skip GeoIP for this call, or null for the client default */
    public Boolean disableGeoip() {
        return disableGeoip;
    }

    /**
     * The evaluation context these options describe for one distinct id.
     *
     * @param distinctId the subject
     * @return the context
     */
    public FlagContext toContext(String distinctId) {
        FlagContext last = lastContext;
        if (last != null && last.distinctId().equals(distinctId)) {
            return last;
        }
        // The options' maps are unmodifiable copies, as a context's are: share them instead of copying.
        FlagContext built = new FlagContext(distinctId, groups, personProperties, groupProperties);
        lastContext = built;
        return built;
    }

    @Override
    public String toString() {
        return "FlagOptions[groups=" + groups + ", personProperties=" + personProperties.keySet()
                + ", groupProperties=" + groupProperties.keySet() + ", onlyEvaluateLocally=" + onlyEvaluateLocally
                + ", sendFeatureFlagEvents=" + sendFeatureFlagEvents + ", flagKeys=" + flagKeys
                + ", disableGeoip=" + disableGeoip + "]";
    }

    /** Builds {@link FlagOptions}. Not thread-safe. */
    public static final class Builder {
        private final Map<String, String> groups = new LinkedHashMap<>();
        private final Map<String, Object> personProperties = new LinkedHashMap<>();
        private final Map<String, Map<String, Object>> groupProperties = new LinkedHashMap<>();
        private Boolean onlyEvaluateLocally;
        private Boolean sendFeatureFlagEvents;
        private List<String> flagKeys;
        private Boolean disableGeoip;

        private Builder() {}

        /**
         * @param groupType the group type, e.g. {@code "company"}
         * @param groupKey the group key, e.g. {@code "acme"}
         * @return this builder
         */
        public Builder group(String groupType, String groupKey) {
            groups.put(Objects.requireNonNull(groupType, "groupType"), Objects.requireNonNull(groupKey, "groupKey"));
            return this;
        }

        /**
         * @param groups group type to group key (null is ignored)
         * @return this builder
         */
        public Builder groups(Map<String, String> groups) {
            if (groups != null) {
                groups.forEach(this::group);
            }
            return this;
        }

        /**
         * @param key a person property name
         * @param value its value ({@code null} is a real value, different from absent)
         * @return this builder
         */
        public Builder personProperty(String key, Object value) {
            personProperties.put(Objects.requireNonNull(key, "key"), value);
            return this;
        }

        /**
         * @param properties person properties (null is ignored)
         * @return this builder
         */
        public Builder personProperties(Map<String, ?> properties) {
            if (properties != null) {
                properties.forEach(this::personProperty);
            }
            return this;
        }

        /**
         * @param groupType the group type
         * @param key a property name
         * @param value its value
         * @return this builder
         */
        public Builder groupProperty(String groupType, String key, Object value) {
            groupProperties.computeIfAbsent(Objects.requireNonNull(groupType, "groupType"), k -> new LinkedHashMap<>())
                    .put(Objects.requireNonNull(key, "key"), value);
            return this;
        }

        /**
         * @param groupType the group type
         * @param properties that group's properties (null is ignored)
         * @return this builder
         */
        public Builder groupProperties(String groupType, Map<String, ?> properties) {
            Map<String, Object> m = groupProperties.computeIfAbsent(Objects.requireNonNull(groupType, "groupType"),
                    k -> new LinkedHashMap<>());
            if (properties != null) {
                m.putAll(properties);
            }
            return this;
        }

        /**
         * @param only when true, a flag that cannot be decided locally is "unknown" instead of
         *     being asked of PostHog (default: the client's {@code strictLocalEvaluation})
         * @return this builder
         */
        public Builder onlyEvaluateLocally(Boolean only) {
            this.onlyEvaluateLocally = only;
            return this;
        }

        /**
         * @param send whether single-flag calls send {@code $feature_flag_called} (default: the
         *     client's {@code sendFeatureFlagEvent})
         * @return this builder
         */
        public Builder sendFeatureFlagEvents(Boolean send) {
            this.sendFeatureFlagEvents = send;
            return this;
        }

        /**
         * @param keys for multi-flag calls: evaluate only these flags (null: all)
         * @return this builder
         */
        public Builder flagKeys(Collection<String> keys) {
            this.flagKeys = keys == null ? null : new ArrayList<>(keys);
            return this;
        }

        /**
         * @param disable whether PostHog should skip GeoIP for this call's request and events
         *     (default: the client's {@code disableGeoip})
         * @return this builder
         */
        public Builder disableGeoip(Boolean disable) {
            this.disableGeoip = disable;
            return this;
        }

        /** @return the options */
        public FlagOptions build() {
            return new FlagOptions(this);
        }
    }
}
