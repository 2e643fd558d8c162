// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.internal.json;

import com.dslplatform.json.JsonWriter;
import com.dslplatform.json.NumberConverter;
import dev.edgehog.internal.Loggers;
import java.lang.System.Logger.Level;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Arrays;
import java.util.Date;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import java.util.function.IntConsumer;

/**
 * Writes arbitrary property values as JSON straight into a DSL-JSON {@link JsonWriter}, with
 * no reflection and no intermediate tree.
 *
 * <p>Implementation notes: the value model mirrors what posthog-node's cycle-safe encoder
 * produces from JavaScript values. NaN and infinities become {@code null} (as
 * {@code JSON.stringify} does); a container that contains itself becomes the string
 * {@code "[Circular]"}; an empty {@link Optional} inside a map drops the key (like
 * {@code undefined}); throwables become {@code {name, message, stack}}. Types with no JSON
 * counterpart are written as their {@code toString()} with one warning per class. Cycle
 * detection only tracks the current path, which is what makes a repeated (but acyclic)
 * sub-object legal, as in Node.
 */
public final class PropertyWriter {
    static final int MAX_DEPTH = 64;
    private static final Set<Class<?>> WARNED = ConcurrentHashMap.newKeySet();

    private final Object[] path = new Object[MAX_DEPTH + 1];
    private int depth;
    /** Slots of the key cache (a power of two). */
    static final int KEY_CACHE_SIZE = 256;
    /** Longer keys are not cached. */
    static final int MAX_CACHED_KEY_LENGTH = 64;

    /**
     * Keys already encoded as {@code "key":}, direct-mapped by hash. Property names repeat from
     * event to event, so copying their bytes beats escaping them again. A slot keeps the first
     * key that lands in it (no churn, no garbage when keys vary); other keys are encoded as usual.
     */
    private final String[] cachedKeys = new String[KEY_CACHE_SIZE];
    private final byte[][] cachedKeyBytes = new byte[KEY_CACHE_SIZE][];
    private JsonWriter keyWriter;

    /** Scratch space for text written by hand (instants, uuids), so it needs no String. */
    private final byte[] text = new byte[Math.max(WireText.MAX_INSTANT_LENGTH, WireText.UUID_LENGTH) + 2];

    /**
     * Writes one value.
     *
     * @param w the target
     * @param value any value
     */
    public void writeValue(JsonWriter w, Object value) {
        if (value == null) {
            w.writeNull();
        } else if (value instanceof String) {
            w.writeString((String) value);
        } else if (value instanceof Boolean) {
            w.writeAscii(((Boolean) value) ? "true" : "false");
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            NumberConverter.serialize(((Number) value).longValue(), w);
        } else if (value instanceof Double) {
            writeDouble(w, (Double) value);
        } else if (value instanceof Float) {
            writeFloat(w, (Float) value);
        } else if (value instanceof Map) {
            writeMap(w, (Map<?, ?>) value);
        } else if (value instanceof Iterable) {
            writeIterable(w, (Iterable<?>) value);
        } else {
            writeOther(w, value);
        }
    }

    /**
     * Writes a map as a JSON object; keys are rendered with {@code String.valueOf}.
     *
     * @param w the target
     * @param map the map
     */
    public void writeMap(JsonWriter w, Map<?, ?> map) {
        if (map instanceof OverlaidProperties) {
            writeOverlaid(w, (OverlaidProperties) map);
            return;
        }
        if (!enter(w, map)) {
            return;
        }
        w.writeByte(JsonWriter.OBJECT_START);
        boolean first = true;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            first = writeMember(w, first, e.getKey(), e.getValue());
        }
        w.writeByte(JsonWriter.OBJECT_END);
        path[--depth] = null;
    }

    /** Writes the caller's entries (replaced where the overlay says so), then the appended ones. */
    private void writeOverlaid(JsonWriter w, OverlaidProperties map) {
        if (!enter(w, map)) {
            return;
        }
        w.writeByte(JsonWriter.OBJECT_START);
        // forEach rather than entrySet(): the caller's map is an unmodifiable view, whose entry
        // iterator wraps every entry in a new object.
        Members members = new Members(w, map);
        map.base().forEach(members);
        boolean first = members.first;
        for (int i = 0, n = map.extraCount(); i < n; i++) {
            if (!map.extraReplacesBase(i)) {
                first = writeMember(w, first, map.extraKey(i), map.extraValue(i));
            }
        }
        w.writeByte(JsonWriter.OBJECT_END);
        path[--depth] = null;
    }

    /** Writes the caller's entries of an overlaid map, taking the overlay's value where it has one. */
    private final class Members implements BiConsumer<String, Object> {
        private final JsonWriter w;
        private final OverlaidProperties map;
        private final boolean replacing;
        boolean first = true;

        Members(JsonWriter w, OverlaidProperties map) {
            this.w = w;
            this.map = map;
            this.replacing = map.overridesBase();
        }

        @Override
        public void accept(String key, Object value) {
            int i = replacing ? map.indexOf(key) : -1;
            first = writeMember(w, first, key, i >= 0 ? map.extraValue(i) : value);
        }
    }

    /**
     * Writes {@code "key":value}, preceded by a comma unless it is the first member; an empty
     * {@link Optional} writes nothing, like {@code undefined} in JavaScript.
     *
     * @return whether the next member is still the first
     */
    private boolean writeMember(JsonWriter w, boolean first, Object key, Object value) {
        if (value instanceof Optional && ((Optional<?>) value).isEmpty()) {
            return first;
        }
        if (!first) {
            w.writeByte(JsonWriter.COMMA);
        }
        writeKey(w, String.valueOf(key));
        writeValue(w, value);
        return false;
    }

    /** Writes {@code "key":}, from the key cache when it holds the key. */
    private void writeKey(JsonWriter w, String key) {
        if (key.length() <= MAX_CACHED_KEY_LENGTH) {
            int slot = key.hashCode() & (KEY_CACHE_SIZE - 1);
            String cached = cachedKeys[slot];
            if (cached == null) {
                if (keyWriter == null) {
                    keyWriter = Codecs.newWriter();
                }
                keyWriter.reset();
                keyWriter.writeString(key);
                keyWriter.writeByte(JsonWriter.SEMI);
                cachedKeyBytes[slot] = keyWriter.toByteArray();
                cachedKeys[slot] = key;
                cached = key;
            }
            if (cached == key || cached.equals(key)) {
                byte[] bytes = cachedKeyBytes[slot];
                w.writeRaw(bytes, 0, bytes.length);
                return;
            }
        }
        w.writeString(key);
        w.writeByte(JsonWriter.SEMI);
    }

    private void writeIterable(JsonWriter w, Iterable<?> items) {
        if (!enter(w, items)) {
            return;
        }
        w.writeByte(JsonWriter.ARRAY_START);
        Iterator<?> it = items.iterator();
        boolean first = true;
        while (it.hasNext()) {
            if (!first) {
                w.writeByte(JsonWriter.COMMA);
            }
            first = false;
            writeValue(w, it.next());
        }
        w.writeByte(JsonWriter.ARRAY_END);
        path[--depth] = null;
    }

    private void writeOther(JsonWriter w, Object value) {
        if (value instanceof CharSequence || value instanceof Character) {
            w.writeString(value.toString());
        } else if (value instanceof BigDecimal) {
            w.writeAscii(((BigDecimal) value).toString());
        } else if (value instanceof BigInteger) {
            w.writeAscii(value.toString());
        } else if (value instanceof AtomicInteger || value instanceof AtomicLong || value instanceof LongAdder
                || value instanceof LongAccumulator) {
            // Whole-number types: exact, like Long (a detour through double loses digits past 2^53).
            NumberConverter.serialize(((Number) value).longValue(), w);
        } else if (value instanceof Number) {
            Number n = (Number) value;
            double d = n.doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 9.007199254740992E15) {
                NumberConverter.serialize(n.longValue(), w);
            } else {
                writeDouble(w, d);
            }
        } else if (value instanceof UUID) {
            WireText.uuid((UUID) value, text, 1);
            writeQuotedAscii(w, WireText.UUID_LENGTH);
        } else if (value instanceof Instant) {
            Instant instant = (Instant) value;
            int n = WireText.instant(instant.getEpochSecond(), instant.getNano(), false, text, 1);
            if (n < 0) {
                w.writeString(value.toString());
            } else {
                writeQuotedAscii(w, n);
            }
        } else if (value instanceof Date) {
            w.writeString(dateText((Date) value));
        } else if (value instanceof ZonedDateTime) {
            w.writeString(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format((ZonedDateTime) value));
        } else if (value instanceof OffsetDateTime || value instanceof TemporalAccessor) {
            w.writeString(value.toString());
        } else if (value instanceof Enum) {
            w.writeString(((Enum<?>) value).name());
        } else if (value instanceof Optional) {
            writeValue(w, ((Optional<?>) value).orElse(null));
        } else if (value instanceof Object[]) {
            writeIterable(w, Arrays.asList((Object[]) value));
        } else if (value instanceof Throwable) {
            writeThrowable(w, (Throwable) value);
        } else if (!writePrimitiveArray(w, value)) {
            warnOnce(value.getClass());
            w.writeString(String.valueOf(value));
        }
    }

    /**
     * Writes a PostHog timestamp as a JSON string ({@link WireText#timestamp(Instant, byte[], int)}).
     *
     * @param w the target
     * @param instant the instant
     */
    public void writeTimestamp(JsonWriter w, Instant instant) {
        int n = WireText.timestamp(instant, text, 1);
        if (n < 0) {
            w.writeString(WireText.timestamp(instant));
        } else {
            writeQuotedAscii(w, n);
        }
    }

    /** Writes {@code text[1..length]}, which holds only ASCII that needs no escaping, as a JSON string. */
    private void writeQuotedAscii(JsonWriter w, int length) {
        text[0] = JsonWriter.QUOTE;
        text[length + 1] = JsonWriter.QUOTE;
        w.writeAscii(text, length + 2);
    }

    private boolean writePrimitiveArray(JsonWriter w, Object value) {
        if (value instanceof int[]) {
            NumberConverter.serialize((int[]) value, w);
        } else if (value instanceof long[]) {
            NumberConverter.serialize((long[]) value, w);
        } else if (value instanceof double[]) {
            double[] a = (double[]) value;
            writeElements(w, a.length, i -> writeDouble(w, a[i]));
        } else if (value instanceof float[]) {
            float[] a = (float[]) value;
            writeElements(w, a.length, i -> writeFloat(w, a[i]));
        } else if (value instanceof short[]) {
            short[] a = (short[]) value;
            writeElements(w, a.length, i -> NumberConverter.serialize(a[i], w));
        } else if (value instanceof byte[]) {
            byte[] a = (byte[]) value;
            writeElements(w, a.length, i -> NumberConverter.serialize(a[i], w));
        } else if (value instanceof boolean[]) {
            boolean[] a = (boolean[]) value;
            writeElements(w, a.length, i -> w.writeAscii(a[i] ? "true" : "false"));
        } else if (value instanceof char[]) {
            w.writeString(new String((char[]) value));
        } else {
            return false;
        }
        return true;
    }

    /** Writes a JSON array of {@code length} elements, each written by {@code element}. */
    private static void writeElements(JsonWriter w, int length, IntConsumer element) {
        w.writeByte(JsonWriter.ARRAY_START);
        for (int i = 0; i < length; i++) {
            if (i > 0) {
                w.writeByte(JsonWriter.COMMA);
            }
            element.accept(i);
        }
        w.writeByte(JsonWriter.ARRAY_END);
    }

    private void writeThrowable(JsonWriter w, Throwable t) {
        if (!enter(w, t)) {
            return;
        }
        StringBuilder stack = new StringBuilder(t.toString());
        for (StackTraceElement e : t.getStackTrace()) {
            stack.append("\n    at ").append(e);
        }
        w.writeByte(JsonWriter.OBJECT_START);
        w.writeAscii("\"name\":");
        w.writeString(t.getClass().getName());
        w.writeAscii(",\"message\":");
        if (t.getMessage() == null) {
            w.writeNull();
        } else {
            w.writeString(t.getMessage());
        }
        w.writeAscii(",\"stack\":");
        w.writeString(stack.toString());
        w.writeByte(JsonWriter.OBJECT_END);
        path[--depth] = null;
    }

    private void writeDouble(JsonWriter w, double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            w.writeNull();
        } else if (d == Math.rint(d) && Math.abs(d) < 9.007199254740992E15) {
            // JavaScript prints integral doubles without a fraction: 3.0 is 3 on the wire.
            NumberConverter.serialize((long) d, w);
        } else {
            // Prices, rates and durations are mostly short decimals: write those directly.
            int n = WireText.shortDecimal(d, text, 0);
            if (n > 0) {
                w.writeAscii(text, n);
            } else {
                NumberConverter.serialize(d, w);
            }
        }
    }

    private void writeFloat(JsonWriter w, float f) {
        if (Float.isNaN(f) || Float.isInfinite(f) || (f == Math.rint(f) && Math.abs(f) < 9.007199254740992E15)) {
            writeDouble(w, f);
        } else {
            // Widening to double would expose the binary error (9.99f is 9.989999771118164);
            // the float's own shortest form is the number the caller wrote.
            NumberConverter.serialize(f, w);
        }
    }

    private static String dateText(Date date) {
        try {
            return date.toInstant().toString();
        } catch (UnsupportedOperationException e) {
            // java.sql.Date and java.sql.Time have no instant; their toString is ISO already.
            return date.toString();
        }
    }

    private boolean enter(JsonWriter w, Object container) {
        for (int i = 0; i < depth; i++) {
            if (path[i] == container) {
                w.writeString("[Circular]");
                return false;
            }
        }
        if (depth >= MAX_DEPTH) {
            w.writeString("[Too deep]");
            return false;
        }
        path[depth++] = container;
        return true;
    }

    /** Clears the path after an aborted write, so the instance can be reused. */
    public void reset() {
        Arrays.fill(path, 0, depth, null);
        depth = 0;
    }

    private static void warnOnce(Class<?> type) {
        if (WARNED.add(type)) {
            Loggers.CAPTURE.log(Level.WARNING, "property value of type " + type.getName()
                    + " has no JSON form; sending its toString(). Convert it to a String, number, map or list to silence this warning.");
        }
    }
}
