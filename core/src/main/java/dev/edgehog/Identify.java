// SPDX-License-Identifier: Apache-2.0
package dev.edgehog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An {@code $identify} call: who a person is and which person properties to set. The
 * counterpart of posthog-node's {@code IdentifyMessage}; build one with {@link
 * #builder(String)}.
 *
 * <pre>{@code
 * posthog.identify(Identify.builder("user-1")
 *         .set(Map.of("email", "ada@example.com"))
 *         .setOnce(Map.of("signup_channel", "partner"))
 *         .anonDistinctId("anon-4b1e77")
 *         .build());
 * }</pre>
 *
 * @since 0.1.0
 */
public final class Identify {
    private final String distinctId;
    private final Map<String, Object> set;
    private final Map<String, Object> setOnce;
    private final String anonDistinctId;
    private final Boolean disableGeoip;

    private Identify(Builder b) {
        this.distinctId = b.distinctId;
        this.set = Collections.unmodifiableMap(new LinkedHashMap<>(b.set));
        this.setOnce = Collections.unmodifiableMap(new LinkedHashMap<>(b.setOnce));
        this.anonDistinctId = b.anonDistinctId;
        this.disableGeoip = b.disableGeoip;
    }

    /**
     * Starts an identify call.
     *
     * @param distinctId the person's distinct id; must not be blank when sent
     * @return a builder
     */
    public static Builder builder(String distinctId) {
        return new Builder(distinctId);
    }

    /** @return the person's distinct id */
    public String distinctId() {
        return distinctId;
    }

    /** @return properties to set ({@code $set}), unmodifiable */
    public Map<String, Object> set() {
        return set;
    }

    /** @return properties to set only once ({@code $set_once}), unmodifiable */
    public Map<String, Object> setOnce() {
        return setOnce;
    }

    /** @return the anonymous id this person used before, or null */
    public String anonDistinctId() {
        return anonDistinctId;
    }

    /** @return whether to disable GeoIP, or null for the client option */
    public Boolean disableGeoip() {
        return disableGeoip;
    }

    @Override
    public String toString() {
        return "Identify[" + distinctId + ", set=" + set.keySet() + ", setOnce=" + setOnce.keySet() + "]";
    }

    /** Builds an {@link Identify}. */
    public static final class Builder {
        private final String distinctId;
        private final Map<String, Object> set = new LinkedHashMap<>();
        private final Map<String, Object> setOnce = new LinkedHashMap<>();
        private String anonDistinctId;
        private Boolean disableGeoip;

        private Builder(String distinctId) {
            this.distinctId = distinctId;
        }

        /**
         * @param properties person properties to set; null adds nothing
         * @return this builder
         */
        public Builder set(Map<String, ?> properties) {
            if (properties != null) {
                properties.forEach((k, v) -> set.put(Objects.requireNonNull(k, "property key"), v));
            }
            return this;
        }

        /**
         * @param key a person property to set
         * @param value its value
         * @return this builder
         */
        public Builder set(String key, Object value) {
            set.put(Objects.requireNonNull(key, "property key"), value);
            return this;
        }

        /**
         * @param properties person properties to set only if not yet set; null adds nothing
         * @return this builder
         */
        public Builder setOnce(Map<String, ?> properties) {
            if (properties != null) {
                properties.forEach((k, v) -> setOnce.put(Objects.requireNonNull(k, "property key"), v));
            }
            return this;
        }

        /**
         * @param key a person property to set only if not yet set
         * @param value its value
         * @return this builder
         */
        public Builder setOnce(String key, Object value) {
            setOnce.put(Objects.requireNonNull(key, "property key"), value);
            return this;
        }

        /**
         * @param anonDistinctId the anonymous id to merge into this person ({@code $anon_distinct_id})
         * @return this builder
         */
        public Builder anonDistinctId(String anonDistinctId) {
            this.anonDistinctId = anonDistinctId;
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

        /** @return the identify call */
        public Identify build() {
            return new Identify(this);
        }
    }
}
