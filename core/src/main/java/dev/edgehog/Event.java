// SPDX-License-Identifier: Apache-2.0
package dev.edgehog;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One event to capture: the counterpart of posthog-node's {@code EventMessage}. Immutable and
 * safe to share between threads; build one with {@link #builder(String)}.
 *
 * <pre>{@code
 * Event event = Event.builder("order placed")
 *         .distinctId("user-1")
 *         .property("amount", 12.5)
 *         .groups(Map.of("company", "acme"))
 *         .set(Map.of("plan", "pro"))
 *         .build();
 * posthog.capture(event);
 * }</pre>
 *
 * <p>Property values may be strings, numbers, booleans, null, maps, lists, arrays (any
 * nesting), {@link UUID}, {@link Instant}, {@link java.util.Date} and other {@code java.time}
 * values (sent as ISO-8601 text), enums (their name), {@link java.util.Optional} (its value, or
 * omitted when empty) and throwables ({@code name}, {@code message}, {@code stack}). Anything
 * else is sent as its {@code toString()}, with a one-time warning per class.
 *
 * @since 0.1.0
 */
public final class Event {
    private final String name;
    private final String distinctId;
    private final Map<String, Object> properties;
    private final Map<String, Object> groups;
    private final Instant timestamp;
    private final String uuid;
    private final Boolean disableGeoip;

    private Event(Builder b) {
        this.name = b.name;
        this.distinctId = b.distinctId;
        this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(b.properties));
        this.groups = Collections.unmodifiableMap(new LinkedHashMap<>(b.groups));
        this.timestamp = b.timestamp;
        this.uuid = b.uuid;
        this.disableGeoip = b.disableGeoip;
    }

    /**
     * Starts an event.
     *
     * @param name the event name, e.g. {@code "order placed"}; must not be blank when captured
     * @return a builder
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** @return a builder holding this event's values, for changing a copy */
    public Builder toBuilder() {
        Builder b = new Builder(name);
        b.distinctId = distinctId;
        b.properties.putAll(properties);
        b.groups.putAll(groups);
        b.timestamp = timestamp;
        b.uuid = uuid;
        b.disableGeoip = disableGeoip;
        return b;
    }

    /** @return the event name */
    public String name() {
        return name;
    }

    /** @return the distinct id of the person (or group) the event belongs to; may be null */
    public String distinctId() {
        return distinctId;
    }

    /** @return the properties (unmodifiable; values may be null) */
    public Map<String, Object> properties() {
        return properties;
    }

    /** @return group type to group key, sent as {@code $groups} (unmodifiable) */
    public Map<String, Object> groups() {
        return groups;
    }

    /** @return when the event happened, or null for "when it is captured" */
    public Instant timestamp() {
        return timestamp;
    }

    /** @return the event UUID, or null to have one generated (a UUIDv7) */
    public String uuid() {
        return uuid;
    }

    /** @return whether to disable GeoIP for this event, or null to use the client option */
    public Boolean disableGeoip() {
        return disableGeoip;
    }

    /** Describes the event without its property values, which may be personal data. */
    @Override
    public String toString() {
        return "Event[" + name + ", distinctId=" + distinctId + ", properties=" + properties.keySet()
                + (groups.isEmpty() ? "" : ", groups=" + groups.keySet()) + (uuid == null ? "" : ", uuid=" + uuid) + "]";
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Event)) {
            return false;
        }
        Event e = (Event) o;
        return Objects.equals(name, e.name) && Objects.equals(distinctId, e.distinctId)
                && properties.equals(e.properties) && groups.equals(e.groups) && Objects.equals(timestamp, e.timestamp)
                && Objects.equals(uuid, e.uuid) && Objects.equals(disableGeoip, e.disableGeoip);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, distinctId, properties, groups, timestamp, uuid, disableGeoip);
    }

    /** Builds an {@link Event}. Not thread-safe; build, then share the event. */
    public static final class Builder {
        private String name;
        private String distinctId;
        private final Map<String, Object> properties = new LinkedHashMap<>();
        private final Map<String, Object> groups = new LinkedHashMap<>();
        private Instant timestamp;
        private String uuid;
        private Boolean disableGeoip;

        private Builder(String name) {
            this.name = name;
        }

        /**
         * @param name the event name
         * @return this builder
         */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * @param distinctId who the event belongs to; required by {@code capture}
         * @return this builder
         */
        public Builder distinctId(String distinctId) {
            this.distinctId = distinctId;
            return this;
        }

        /**
         * Sets one property (a null value is sent as JSON null).
         *
         * @param key the property name
         * @param value the value
         * @return this builder
         */
        public Builder property(String key, Object value) {
            properties.put(Objects.requireNonNull(key, "property key"), value);
            return this;
        }

        /**
         * Adds properties (later calls overwrite earlier keys).
         *
         * @param properties the properties to add; null adds nothing
         * @return this builder
         */
        public Builder properties(Map<String, ?> properties) {
            if (properties != null) {
                properties.forEach((k, v) -> this.properties.put(Objects.requireNonNull(k, "property key"), v));
            }
            return this;
        }

        /**
         * Removes every property set so far.
         *
         * @return this builder
         */
        public Builder clearProperties() {
            properties.clear();
            return this;
        }

        /**
         * Person properties to set with this event (sent as {@code properties.$set}).
         *
         * @param set the properties; null removes them
         * @return this builder
         */
        public Builder set(Map<String, ?> set) {
            return nested("$set", set);
        }

        /**
         * Person properties to set only if not yet set (sent as {@code properties.$set_once}).
         *
         * @param setOnce the properties; null removes them
         * @return this builder
         */
        public Builder setOnce(Map<String, ?> setOnce) {
            return nested("$set_once", setOnce);
        }

        private Builder nested(String key, Map<String, ?> value) {
            if (value == null) {
                properties.remove(key);
            } else {
                properties.put(key, new LinkedHashMap<>(value));
            }
            return this;
        }

        /**
         * The groups the event belongs to, sent as {@code properties.$groups} when not empty.
         *
         * @param groups group type to group key (e.g. {@code "company" -> "acme"}); null clears them
         * @return this builder
         */
        public Builder groups(Map<String, ?> groups) {
            this.groups.clear();
            if (groups != null) {
                groups.forEach((k, v) -> this.groups.put(Objects.requireNonNull(k, "group type"), v));
            }
            return this;
        }

        /**
         * Adds one group.
         *
         * @param groupType the group type, e.g. {@code "company"}
         * @param groupKey the group key, e.g. {@code "acme"}
         * @return this builder
         */
        public Builder group(String groupType, Object groupKey) {
            groups.put(Objects.requireNonNull(groupType, "group type"), groupKey);
            return this;
        }

        /**
         * @param timestamp when the event happened; null means "now, when captured"
         * @return this builder
         */
        public Builder timestamp(Instant timestamp) {
            this.timestamp = timestamp;
            return this;
        }

        /**
         * Sets the event UUID, which PostHog uses to de-duplicate. Text that is not a UUID is
         * replaced with a generated one at capture time, as posthog-node does.
         *
         * @param uuid the UUID text; null to generate one
         * @return this builder
         */
        public Builder uuid(String uuid) {
            this.uuid = uuid;
            return this;
        }

        /**
         * @param uuid the event UUID; null to generate one
         * @return this builder
         */
        public Builder uuid(UUID uuid) {
            this.uuid = uuid == null ? null : uuid.toString();
            return this;
        }

        /**
         * @param disableGeoip true to ask PostHog not to resolve GeoIP for this event; null uses
         *     the client option
         * @return this builder
         */
        public Builder disableGeoip(Boolean disableGeoip) {
            this.disableGeoip = disableGeoip;
            return this;
        }

        /** @return the event */
        public Event build() {
            return new Event(this);
        }
    }
}
