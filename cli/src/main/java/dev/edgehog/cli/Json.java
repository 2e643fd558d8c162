// SPDX-License-Identifier: Apache-2.0
package dev.edgehog.cli;

import com.dslplatform.json.DslJson;
import com.dslplatform.json.JsonReader;
import com.dslplatform.json.JsonWriter;
import com.dslplatform.json.NumberConverter;
import com.dslplatform.json.ObjectConverter;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * JSON in and out through DSL-JSON's generic codecs (maps, lists, strings, numbers, booleans,
 * null): no reflection. Decoding uses the same settings as core's definitions parser, so a
 * document decodes to the very values core would see.
 */
final class Json {
    private static final DslJson<Object> DSL_JSON =
            new DslJson<>(new DslJson.Settings<>().errorInfo(JsonReader.ErrorInfo.DESCRIPTION_ONLY));

    private Json() {}

    /** Text that is not one JSON value; {@link #offset} is the byte where reading stopped. */
    static final class SyntaxError extends Exception {
        private static final long serialVersionUID = 1L;

        final int offset;

        SyntaxError(String message, int offset) {
            super(message, null, false, false);
            this.offset = offset;
        }

        /**
         * @param bytes the text the error is about
         * @return the line and column (both from 1; the column counts characters) of {@link #offset}
         */
        int[] lineAndColumn(byte[] bytes) {
            int end = Math.max(0, Math.min(offset, bytes.length));
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < end; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            int column = new String(bytes, lineStart, end - lineStart, StandardCharsets.UTF_8).length() + 1;
            return new int[] {line, column};
        }
    }

    /**
     * Decodes exactly one JSON value (whitespace around it allowed).
     *
     * @param bytes UTF-8 text
     * @return maps, lists, strings, {@code Long}/{@code BigDecimal} numbers, booleans or null
     * @throws SyntaxError when the text is not one JSON value
     */
    static Object parse(byte[] bytes) throws SyntaxError {
        JsonReader<Object> reader = DSL_JSON.newReader(bytes);
        Object value;
        try {
            reader.getNextToken();
            value = ObjectConverter.deserializeObject(reader);
        } catch (IOException | RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new SyntaxError(message, reader.getCurrentIndex());
        }
        for (int i = reader.getCurrentIndex(); i < bytes.length; i++) {
            byte c = bytes[i];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                throw new SyntaxError("unexpected content after the JSON value", i);
            }
        }
        return value;
    }

    /** @return a writer for one output line (reuse it on one thread with {@link JsonWriter#reset()}) */
    static JsonWriter newWriter() {
        return DSL_JSON.newWriter(512);
    }

    /**
     * Writes a decoded JSON value: null, Boolean, String, Number, Map (string keys), List;
     * anything else as its string form.
     *
     * @param w the writer
     * @param value the value
     */
    static void write(JsonWriter w, Object value) {
        if (value == null) {
            w.writeNull();
        } else if (value instanceof Boolean b) {
            w.writeAscii(b ? "true" : "false");
        } else if (value instanceof CharSequence s) {
            w.writeString(s);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            NumberConverter.serialize(((Number) value).longValue(), w);
        } else if (value instanceof BigDecimal d) {
            NumberConverter.serialize(d, w);
        } else if (value instanceof BigInteger i) {
            NumberConverter.serialize(i, w);
        } else if (value instanceof Number n) {
            double d = n.doubleValue();
            if (!Double.isFinite(d)) {
                w.writeNull(); // as JSON.stringify writes NaN and Infinity
            } else if (d == Math.rint(d) && Math.abs(d) < 9007199254740992.0) {
                NumberConverter.serialize((long) d, w);
            } else {
                NumberConverter.serialize(d, w);
            }
        } else if (value instanceof Map<?, ?> m) {
            w.writeByte(JsonWriter.OBJECT_START);
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    w.writeByte(JsonWriter.COMMA);
                }
                first = false;
                w.writeString(String.valueOf(e.getKey()));
                w.writeByte(JsonWriter.SEMI);
                write(w, e.getValue());
            }
            w.writeByte(JsonWriter.OBJECT_END);
        } else if (value instanceof List<?> l) {
            w.writeByte(JsonWriter.ARRAY_START);
            boolean first = true;
            for (Object e : l) {
                if (!first) {
                    w.writeByte(JsonWriter.COMMA);
                }
                first = false;
                write(w, e);
            }
            w.writeByte(JsonWriter.ARRAY_END);
        } else {
            w.writeString(value.toString());
        }
    }

    /**
     * @param value a decoded JSON value
     * @return its compact JSON text
     */
    static String text(Object value) {
        JsonWriter w = newWriter();
        write(w, value);
        return w.toString();
    }
}
