// SPDX-License-Identifier: Apache-2.0
package dev.edgehog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A {@code $groupidentify} call: sets properties on a group (a company, a project). The
 * counterpart of posthog-node's {@code GroupIdentifyMessage}.
 *
 * <pre>{@code
 * posthog.groupIdentify(GroupIdentify.builder("company", "acme")
 *         .properties(Map.of("name", "Acme", "employees", 50))
 *         .build());
 * }</pre>
 *
 * @since 0.1.0
 */
public final class GroupIdentify {
    private final String groupType;
    private final String groupKey;
    private final Map<String, Object> properties;
    private final String distinctId;
    private final Boolean disableGeoip;

    private GroupIdentify(Builder b) {
        this.groupType = b.groupType;
        this.groupKey = b.groupKey;
        this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(b.properties));
        this.distinctId = b.distinctId;
        this.disableGeoip = b.disableGeoip;
    }

    /**
     * Starts a group identify call.
     *
     * @param groupType the group type, e.g. {@code "company"}; must not be blank
     * @param groupKey the group key, e.g. {@code "acme"}; must not be blank
     * @return a builder
     */
    public static Builder builder(String groupType, String groupKey) {
        return new Builder(groupType, groupKey);
    }

    /** @return the group type */
    public String groupType() {
        return groupType;
    }

    /** @return the group key */
    public String groupKey() {
        return groupKey;
    }

    /** @return the group properties to set ({@code $group_set}), unmodifiable */
    public Map<String, Object> properties() {
        return properties;
    }

    /** @return the distinct id to send the event as, or null for {@code $<groupType>_<groupKey>} */
    public String distinctId() {
        return distinctId;
    }

    /** @return whether to disable GeoIP, or null for the client option */
    public Boolean disableGeoip() {
        return disableGeoip;
    }

    @Override
    public String toString() {
        return "GroupIdentify[" + groupType + "/" + groupKey + ", properties=" + properties.keySet() + "]";
    }

    /** Builds a {@link GroupIdentify}. */
    public static final class Builder {
        private final String groupType;
        private final String groupKey;
        private final Map<String, Object> properties = new LinkedHashMap<>();
        private String distinctId;
        private Boolean disableGeoip;

        private Builder(String groupType, String groupKey) {
            this.groupType = groupType;
            this.groupKey = groupKey;
        }

        /**
         * @param properties group properties to set; null adds nothing
         * @return this builder
         */
        public Builder properties(Map<String, ?> properties) {
            if (properties != null) {
                properties.forEach((k, v) -> this.properties.put(Objects.requireNonNull(k, "property key"), v));
            }
            return this;
        }

        /**
         * @param key a group property
         * @param value its value
         * @return this builder
         */
        public Builder property(String key, Object value) {
            properties.put(Objects.requireNonNull(key, "property key"), value);
            return this;
        }

        /**
         * @param distinctId the distinct id to send the event as (defaults to {@code $<type>_<key>})
         * @return this builder
         */
        public Builder distinctId(String distinctId) {
            this.distinctId = distinctId;
            return this;
        }

        /**
         * @param disableGeoip true to disable GeoIP for this call; null uses the client option
         * @return this builder
         */
        public Builder disableGeoip(Boolean disableGeoip) {
            this.disableGeoip = disableGeoip;
            return this;
        }

        /** @return the group identify call */
        public GroupIdentify build() {
            return new GroupIdentify(this);
        }
    }
}
