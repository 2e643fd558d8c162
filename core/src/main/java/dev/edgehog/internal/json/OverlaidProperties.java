// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.json;

import java.util.AbstractMap;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The properties of an event as sent: the caller's properties with the client's own entries
 * ({@code $lib}, {@code $groups}, ...) put over them, without copying the caller's map.
 *
 * <p>It reads, and {@link PropertyWriter} writes it, exactly like a {@link LinkedHashMap} copied
 * from the caller's map and then given each {@link #put}: a key the caller already has keeps
 * its place and takes the new value, a new key goes at the end in the order it was put. Only
 * {@code put} and {@link #reset} change it; it is meant for one thread, which may reuse it
 * for event after event.
 *
 * <p>Implementation notes: every event is enriched this way, so this replaces a copy of the
 * whole property map (and its entry objects) with two short arrays. The entries put are few
 * (at most the five enrichment keys plus the LLM keys of privacy mode), so they are searched
 * linearly.
 */
public final class OverlaidProperties extends AbstractMap<String, Object> {
    private Map<String, ?> base;
    private String[] keys = new String[6];
    private Object[] values = new Object[6];
    private boolean[] inBase = new boolean[6];
    private int count;
    private int overrides;

    /** @param base the caller's properties; not copied, so they must not change while this is in use */
    public OverlaidProperties(Map<String, ?> base) {
        this.base = Objects.requireNonNull(base, "base");
    }

    /**
     * Starts over on another map, forgetting every entry put (and any reference to them).
     *
     * @param base the caller's properties; not copied, so they must not change while in use
     * @return this
     */
    public OverlaidProperties reset(Map<String, ?> base) {
        this.base = Objects.requireNonNull(base, "base");
        Arrays.fill(keys, 0, count, null);
        Arrays.fill(values, 0, count, null);
        count = 0;
        overrides = 0;
        return this;
    }

    /**
     * Sets a property over the caller's: in the caller's position if the caller has the key,
     * otherwise after every earlier entry.
     *
     * @param key the property name
     * @param value the value (null is sent as JSON null)
     * @return the previous value, or null
     */
    @Override
    public Object put(String key, Object value) {
        Objects.requireNonNull(key, "key");
        int i = indexOf(key);
        if (i >= 0) {
            Object old = values[i];
            values[i] = value;
            return old;
        }
        if (count == keys.length) {
            keys = Arrays.copyOf(keys, count * 2);
            values = Arrays.copyOf(values, count * 2);
            inBase = Arrays.copyOf(inBase, count * 2);
        }
        boolean existing = base.containsKey(key);
        keys[count] = key;
        values[count] = value;
        inBase[count] = existing;
        count++;
        if (existing) {
            overrides++;
            return base.get(key);
        }
        return null;
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0 || base.containsKey(key);
    }

    @Override
    public Object get(Object key) {
        int i = indexOf(key);
        return i >= 0 ? values[i] : base.get(key);
    }

    @Override
    public int size() {
        return base.size() + count - overrides;
    }

    /** A copy in iteration order; the encoder does not use it (see {@link PropertyWriter}). */
    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
        Map<String, Object> copy = new LinkedHashMap<>(base);
        for (int i = 0; i < count; i++) {
            copy.put(keys[i], values[i]);
        }
        return Collections.unmodifiableMap(copy).entrySet();
    }

    /** @return the caller's properties */
    Map<String, ?> base() {
        return base;
    }

    /** @return whether any entry put replaces one of the caller's */
    boolean overridesBase() {
        return overrides > 0;
    }

    /** @return the number of entries put */
    int extraCount() {
        return count;
    }

    String extraKey(int i) {
        return keys[i];
    }

    Object extraValue(int i) {
        return values[i];
    }

    /** @return whether entry {@code i} replaces one of the caller's (rather than being appended) */
    boolean extraReplacesBase(int i) {
        return inBase[i];
    }

    /**
     * @param key a key
     * @return the index of the entry put under that key, or -1
     */
    int indexOf(Object key) {
        for (int i = 0; i < count; i++) {
            if (keys[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }
}
