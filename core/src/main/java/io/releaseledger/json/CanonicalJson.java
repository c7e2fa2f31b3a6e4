package io.releaseledger.json;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The canonical JSON writer: ledger events (whose hashes cover these bytes), webhook bodies and the CLI's
 * {@code --json}. Objects are written with their keys sorted, so the same content always gives the same bytes.
 *
 * <p>Core reads JSON with Jackson ({@link io.releaseledger.internal.JsonTrees}) but writes hashed bytes with this class, because an event
 * already in a ledger must hash the same forever: Jackson writes the hex digits of its escapes in upper case,
 * formats numbers its own way, and in Jenkins is whichever version the jackson2-api plugin has.
 * {@code CanonicalEventBytesTest} pins the bytes against events written by earlier builds.
 */
public final class CanonicalJson {
    private CanonicalJson() {}

    /** Writes a flat or nested object; values may be {@code null}, strings, numbers, booleans or maps. */
    public static String object(Map<String, ?> fields) {
        StringBuilder out = new StringBuilder(64 + fields.size() * 24);
        writeObject(out, fields);
        return out.toString();
    }

    /** The JSON string literal of {@code value}, quotes included. */
    public static String string(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2);
        writeString(out, value);
        return out.toString();
    }

    private static void writeObject(StringBuilder out, Map<String, ?> fields) {
        SortedMap<String, ?> sorted = fields instanceof SortedMap<String, ?> s && s.comparator() == null
                ? s : new TreeMap<>(fields);
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, ?> e : sorted.entrySet()) {
            if (!first) out.append(',');
            first = false;
            writeString(out, e.getKey());
            out.append(':');
            writeValue(out, e.getValue());
        }
        out.append('}');
    }

    @SuppressWarnings("unchecked")
    private static void writeValue(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            writeString(out, s);
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
            out.append(value);
        } else if (value instanceof Double d && Double.isFinite(d)) {
            out.append(d);
        } else if (value instanceof Map<?, ?> m) {
            writeObject(out, (Map<String, ?>) m);
        } else if (value instanceof Iterable<?> items) {
            out.append('[');
            boolean first = true;
            for (Object item : items) {
                if (!first) out.append(',');
                first = false;
                writeValue(out, item);
            }
            out.append(']');
        } else {
            // Enums, records and anything else are written as their text: explicit, never reflective.
            writeString(out, value.toString());
        }
    }

    private static void writeString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    // Escape controls and the characters that would let JSON break out of an HTML <script>.
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
