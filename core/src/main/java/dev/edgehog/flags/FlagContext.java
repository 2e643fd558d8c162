// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.flags;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Who a flag is evaluated for: the distinct id, the groups the subject belongs to, and the
 * person and group properties known to the caller.
 *
 * <p>Property values are JSON-like: {@code null}, {@code Boolean}, {@code Number}, {@code
 * String}, {@code List}, {@code Map}; {@code java.time.Instant} and {@code java.util.Date} are
 * also understood by the date operators. A key mapped to {@code null} means "known to be null",
 * which is different from an absent key ("not provided"). Instances are immutable.
 *
 * <pre>{@code
 * FlagContext ctx = FlagContext.builder("user-42")
 *     .personProperty("plan", "team")
 *     .group("company", "acme")
 *     .groupProperty("company", "seats", 40)
 *     .build();
 * }</pre>
 */
public final class FlagContext {
    private final String distinctId;
    private final Map<String, String> groups;
    private final Map<String, Object> personProperties;
    private final Map<String, Map<String, Object>> groupProperties;

    /**
     * A context over maps that are already unmodifiable copies in the builder's shape ({@link
     * FlagOptions#toContext} shares its own): nothing is copied.
     */
    FlagContext(String distinctId, Map<String, String> groups, Map<String, Object> personProperties,
            Map<String, Map<String, Object>> groupProperties) {
        this.distinctId = Objects.requireNonNull(distinctId, "distinctId");
        this.groups = groups;
        this.personProperties = personProperties;
        this.groupProperties = groupProperties;
    }

    private FlagContext(Builder b) {
        this.distinctId = b.distinctId;
        this.groups = Collections.unmodifiableMap(new LinkedHashMap<>(b.groups));
        this.personProperties = Collections.unmodifiableMap(new LinkedHashMap<>(b.personProperties));
        Map<String, Map<String, Object>> gp = new LinkedHashMap<>();
        b.groupProperties.forEach((k, v) -> gp.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        this.groupProperties = Collections.unmodifiableMap(gp);
    }

    /**
     * A context with only a distinct id.
     *
     * @param distinctId the subject's distinct id
     * @return the context
     * @throws NullPointerException if {@code distinctId} is null
     */
    public static FlagContext of(String distinctId) {
        return builder(distinctId).build();
    }

    /**
     * Starts a builder.
     *
     * @param distinctId the subject's distinct id
     * @return a new builder
     * @throws NullPointerException if {@code distinctId} is null
     */
    public static Builder builder(String distinctId) {
        return new Builder(distinctId);
    }

    /** @return the distinct id */
    public String distinctId() {
        return distinctId;
    }

    /** @return group type to group key, unmodifiable */
    public Map<String, String> groups() {
        return groups;
    }

    /** @return the caller's person properties, unmodifiable (may contain null values) */
    public Map<String, Object> personProperties() {
        return personProperties;
    }

    /** @return group type to that group's properties, unmodifiable */
    public Map<String, Map<String, Object>> groupProperties() {
        return groupProperties;
    }

    @Override
    public String toString() {
        return "FlagContext[distinctId=" + distinctId + ", groups=" + groups + "]";
    }

    /** Builds a {@link FlagContext}. Not thread-safe. */
    public static final class Builder {
        private final String distinctId;
        private final Map<String, String> groups = new LinkedHashMap<>();
        private final Map<String, Object> personProperties = new LinkedHashMap<>();
        private final Map<String, Map<String, Object>> groupProperties = new LinkedHashMap<>();

        private Builder(String distinctId) {
            this.distinctId = Objects.requireNonNull(distinctId, "distinctId");
        }

        /**
         * Adds a group membership.
         *
         * @param groupType the group type, e.g. {@code "company"}
         * @param groupKey the group key, e.g. {@code "acme"}
         * @return this builder
         */
        public Builder group(String groupType, String groupKey) {
            groups.put(Objects.requireNonNull(groupType, "groupType"), Objects.requireNonNull(groupKey, "groupKey"));
            return this;
        }

        /**
         * Adds group memberships.
         *
         * @param groups group type to group key
         * @return this builder
         */
        public Builder groups(Map<String, String> groups) {
            groups.forEach(this::group);
            return this;
        }

        /**
         * Sets one person property; {@code null} is a real value (distinct from absent).
         *
         * @param key the property name
         * @param value the value
         * @return this builder
         */
        public Builder personProperty(String key, Object value) {
            personProperties.put(Objects.requireNonNull(key, "key"), value);
            return this;
        }

        /**
         * Sets person properties.
         *
         * @param properties the properties (null values allowed)
         * @return this builder
         */
        public Builder personProperties(Map<String, ?> properties) {
            properties.forEach(this::personProperty);
            return this;
        }

        /**
         * Sets one property of a group type.
         *
         * @param groupType the group type
         * @param key the property name
         * @param value the value
         * @return this builder
         */
        public Builder groupProperty(String groupType, String key, Object value) {
            groupProperties.computeIfAbsent(Objects.requireNonNull(groupType, "groupType"), k -> new LinkedHashMap<>())
                    .put(Objects.requireNonNull(key, "key"), value);
            return this;
        }

        /**
         * Sets properties of a group type. Properties for a type that is not among the {@link
         * #group groups} are ignored during evaluation, as in posthog-node.
         *
         * @param groupType the group type
         * @param properties the properties
         * @return this builder
         */
        public Builder groupProperties(String groupType, Map<String, ?> properties) {
            properties.forEach((k, v) -> groupProperty(groupType, k, v));
            if (properties.isEmpty()) {
                groupProperties.computeIfAbsent(groupType, k -> new LinkedHashMap<>());
            }
            return this;
        }

        /** @return the context */
        public FlagContext build() {
            return new FlagContext(this);
        }
    }
}
