package io.releaseledger.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict reader for RFC 8259 JSON: health bodies, Prometheus answers, and what the engine persists. Objects become
 * {@link LinkedHashMap}s, arrays {@link ArrayList}s, strings {@link String}s, numbers
 * {@link JsonNumber} records that keep their source text, {@code true}/{@code false} {@link Boolean}s
 * and {@code null} Java {@code null}.
 */
public final class JsonReader {
    /** A JSON number as written, so comparisons never suffer from a double round trip. */
    public record JsonNumber(String text) {
        public java.math.BigDecimal decimal() {
            return new java.math.BigDecimal(text);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** Why the text is not JSON, with the offset where reading stopped. */
    public static final class MalformedJsonException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedJsonException(String message, int offset) {
            super(message + " at offset " + offset);
        }
    }

    // Deep nesting is never legitimate in a health answer and would otherwise overflow the stack.
    private static final int MAX_DEPTH = 200;

    private final String s;
    private final boolean uniqueNames;
    private int i;

    private JsonReader(String s, boolean uniqueNames) {
        this.s = s;
        this.uniqueNames = uniqueNames;
    }

    /** Parses a probed body; a repeated member name keeps its last value, as most servers' readers do. */
    public static Object parse(String text) throws MalformedJsonException {
        return parse(text, false);
    }

    /**
     * Parses {@code text}; with {@code uniqueNames} a repeated member name is refused, because for
     * data we persist "last one wins" would let an edit hide a value behind another.
     */
    public static Object parse(String text, boolean uniqueNames) throws MalformedJsonException {
        JsonReader r = new JsonReader(text, uniqueNames);
        r.skipWhitespace();
        Object value = r.value(0);
        r.skipWhitespace();
        if (r.i != text.length()) throw r.error("unexpected text after the JSON value");
        return value;
    }

    private Object value(int depth) throws MalformedJsonException {
        if (depth > MAX_DEPTH) throw error("nesting deeper than " + MAX_DEPTH);
        if (i >= s.length()) throw error("unexpected end of input");
        char c = s.charAt(i);
        switch (c) {
            case '{':
                return object(depth);
            case '[':
                return array(depth);
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) return number();
                throw error("unexpected character '" + c + "'");
        }
    }

    private Map<String, Object> object(int depth) throws MalformedJsonException {
        Map<String, Object> map = new LinkedHashMap<>();
        i++;
        skipWhitespace();
        if (peek() == '}') {
            i++;
            return map;
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') throw error("expected a member name");
            int keyStart = i;
            String key = string();
            if (uniqueNames && map.containsKey(key)) {
                i = keyStart;
                throw error("duplicate member name \"" + key + "\"");
            }
            skipWhitespace();
            expect(':');
            skipWhitespace();
            map.put(key, value(depth + 1));
            skipWhitespace();
            char c = next();
            if (c == '}') return map;
            if (c != ',') throw error("expected ',' or '}'");
        }
    }

    private List<Object> array(int depth) throws MalformedJsonException {
        List<Object> list = new ArrayList<>();
        i++;
        skipWhitespace();
        if (peek() == ']') {
            i++;
            return list;
        }
        while (true) {
            skipWhitespace();
            list.add(value(depth + 1));
            skipWhitespace();
            char c = next();
            if (c == ']') return list;
            if (c != ',') throw error("expected ',' or ']'");
        }
    }

    private String string() throws MalformedJsonException {
        i++; // opening quote
        StringBuilder out = new StringBuilder();
        while (true) {
            if (i >= s.length()) throw error("unterminated string");
            char c = s.charAt(i++);
            if (c == '"') return out.toString();
            if (c < 0x20) throw error("control character in string");
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = next();
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (i + 4 > s.length()) throw error("truncated \\u escape");
                    try {
                        out.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                    } catch (NumberFormatException ex) {
                        throw error("bad \\u escape");
                    }
                    i += 4;
                }
                default -> throw error("bad escape '\\" + e + "'");
            }
        }
    }

    private JsonNumber number() throws MalformedJsonException {
        int start = i;
        if (peek() == '-') i++;
        if (peek() == '0') {
            i++;
        } else if (digits() == 0) {
            throw error("expected a digit");
        }
        if (peek() == '.') {
            i++;
            if (digits() == 0) throw error("expected a digit after '.'");
        }
        if (peek() == 'e' || peek() == 'E') {
            i++;
            if (peek() == '+' || peek() == '-') i++;
            if (digits() == 0) throw error("expected an exponent");
        }
        return new JsonNumber(s.substring(start, i));
    }

    private int digits() {
        int start = i;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') i++;
        return i - start;
    }

    private Object literal(String word, Object value) throws MalformedJsonException {
        if (!s.startsWith(word, i)) throw error("unexpected literal");
        i += word.length();
        return value;
    }

    private void skipWhitespace() {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
            i++;
        }
    }

    private char peek() {
        return i < s.length() ? s.charAt(i) : '\0';
    }

    private char next() throws MalformedJsonException {
        if (i >= s.length()) throw error("unexpected end of input");
        return s.charAt(i++);
    }

    private void expect(char c) throws MalformedJsonException {
        if (next() != c) throw error("expected '" + c + "'");
    }

    private MalformedJsonException error(String message) {
        return new MalformedJsonException(message, i);
    }
}
