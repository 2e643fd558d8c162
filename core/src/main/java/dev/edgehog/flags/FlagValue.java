// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.flags;

import java.util.Objects;
import java.util.Optional;

/**
 * The value of a feature flag for one subject: off, on, a variant key, or unknown.
 *
 * <p>{@link #UNKNOWN} means "cannot be decided here" (posthog-node's {@code undefined}); it is
 * never the same as {@link #OFF}. A client turns it into a server request or the caller's
 * default. Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * FlagValue v = result.value();
 * if (v.isEnabled()) { ... v.variant().orElse("control") ... }
 * }</pre>
 */
public final class FlagValue {
    /** The kinds of flag value. */
    public enum Kind {
        /** The flag is off ({@code false}). */
        OFF,
        /** The flag is on without a variant ({@code true}). */
        ON,
        /** The flag is on with a variant key. */
        VARIANT,
        /** No value could be decided. */
        UNKNOWN
    }

    /** The flag is off. */
    public static final FlagValue OFF = new FlagValue(Kind.OFF, null);
    /** The flag is on, without a variant. */
    public static final FlagValue ON = new FlagValue(Kind.ON, null);
    /** No value could be decided locally. */
    public static final FlagValue UNKNOWN = new FlagValue(Kind.UNKNOWN, null);

    private final Kind kind;
    private final String variant;

    private FlagValue(Kind kind, String variant) {
        this.kind = kind;
        this.variant = variant;
    }

    /**
     * A variant value.
     *
     * @param key the variant key; must be non-empty
     * @return the value
     * @throws IllegalArgumentException if {@code key} is null or empty
     */
    public static FlagValue variant(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("variant key must be non-empty, was " + (key == null ? "null" : "\"\""));
        }
        return new FlagValue(Kind.VARIANT, key);
    }

    /**
     * {@link #ON} or {@link #OFF}.
     *
     * @param enabled whether the flag is on
     * @return the value
     */
    public static FlagValue of(boolean enabled) {
        return enabled ? ON : OFF;
    }

    /** @return the kind of value */
    public Kind kind() {
        return kind;
    }

    /** @return true for {@link Kind#ON} and {@link Kind#VARIANT} */
    public boolean isEnabled() {
        return kind == Kind.ON || kind == Kind.VARIANT;
    }

    /** @return false only for {@link #UNKNOWN} */
    public boolean isKnown() {
        return kind != Kind.UNKNOWN;
    }

    /** @return true when this value carries a variant key */
    public boolean hasVariant() {
        return kind == Kind.VARIANT;
    }

    /** @return the variant key, if this is a variant value */
    public Optional<String> variant() {
        return Optional.ofNullable(variant);
    }

    /**
     * The value as PostHog's JSON shapes it: {@link Boolean#TRUE}, {@link Boolean#FALSE}, the
     * variant {@link String}, or {@code null} when unknown.
     *
     * @return the JSON-like value
     */
    public Object toJsonValue() {
        return switch (kind) {
            case OFF -> Boolean.FALSE;
            case ON -> Boolean.TRUE;
            case VARIANT -> variant;
            case UNKNOWN -> null;
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FlagValue other && kind == other.kind && Objects.equals(variant, other.variant);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + Objects.hashCode(variant);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case OFF -> "false";
            case ON -> "true";
            case VARIANT -> '"' + variant + '"';
            case UNKNOWN -> "unknown";
        };
    }
}
