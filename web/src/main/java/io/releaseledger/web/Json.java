package io.releaseledger.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.time.Instant;
import java.util.Map;

/** JSON in and out of the API: one configured Jackson mapper, and the time convention. */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectWriter WRITER = MAPPER.writer().with(new HtmlSafe());

    private Json() {}

    static byte[] bytes(Object value) {
        try {
            return WRITER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** A ledger event's canonical payload as a JSON tree, or the raw text if it does not parse. */
    static Object tree(String json) {
        if (json == null) {
            return null;
        }
        try {
            JsonNode node = MAPPER.readTree(json);
            return node;
        } catch (JsonProcessingException e) {
            return json;
        }
    }

    /** Puts {@code key} as ISO-8601 UTC and {@code keyEpochMillis} as a number; both null when absent. */
    static void time(Map<String, Object> into, String key, Instant t) {
        ReleaseJson.time(into, key, t);
    }

    /** A user-supplied value cut short for an error message. */
    static String clip(String value) {
        String v = value.length() > 80 ? value.substring(0, 80) + "…" : value;
        return v.replaceAll("\\p{Cntrl}", "?");
    }

    /** Escapes {@code < > & '} too, so a response mis-sniffed as HTML still cannot open a tag. */
    private static final class HtmlSafe extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] escapes;

        HtmlSafe() {
            escapes = standardAsciiEscapesForJSON();
            for (char c : new char[] {'<', '>', '&', '\''}) {
                escapes[c] = ESCAPE_STANDARD;
            }
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return escapes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return null;
        }
    }
}
