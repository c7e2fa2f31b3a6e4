package io.releaseledger.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.releaseledger.json.CanonicalJson;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads JSON text into Jackson trees, strictly (RFC 8259: one value, nothing after it, nesting at most 200 deep).
 * Two readers, for the two kinds of JSON core reads:
 *
 * <ul>
 *   <li>{@link #readAnswer}: another system's answer (a health endpoint's body, Prometheus). A repeated member name
 *       keeps its last value, as most servers' readers do; numbers keep their exact decimal value, so {@code 1.0}
 *       equals {@code 1} and nothing is rounded through a double.
 *   <li>{@link #readStored}: what core wrote with {@link CanonicalJson} and stored (a verification plan, a release
 *       plan, an event's payload). A repeated member name is refused, because "last one wins" would let an edit
 *       hide a value behind another; numbers read as Java wrote them (an {@code int}, a {@code long}, a
 *       {@code double} to the bit, {@code -0.0} included).
 * </ul>
 *
 * <p>Uses only API that Jackson 2.17 has: in Jenkins, Jackson is the jackson2-api plugin's.
 */
public final class JsonTrees {
    // Deep nesting is never legitimate in what core reads, and the limit keeps a hostile body cheap to refuse.
    private static final int MAX_DEPTH = 200;
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .build();
    private static final ObjectMapper ANSWERS = JsonMapper.builder(FACTORY)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();
    private static final ObjectMapper STORED = JsonMapper.builder(FACTORY).build();

    private JsonTrees() {}

    /** Why the text is not JSON (or, for {@link #readStored}, repeats a name), with where reading stopped. */
    public static final class MalformedJsonException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedJsonException(String message, JsonLocation where) {
            super(where == null ? message : message + " at line " + where.getLineNr() + ", column " + where.getColumnNr());
        }

        /** Jackson's own message, its locations as this class writes them (it says "[Source: REDACTED …]"). */
        static MalformedJsonException of(JsonProcessingException e) {
            String message = String.valueOf(e.getOriginalMessage())
                    .replaceAll("\\[Source: [^\\]]*?line: (\\d+), column: (\\d+)]", "line $1, column $2");
            return new MalformedJsonException(message, e.getLocation());
        }
    }

    /** Another system's JSON: a repeated name keeps its last value; numbers are exact decimals. */
    public static JsonNode readAnswer(String text) throws MalformedJsonException {
        return read(ANSWERS, text);
    }

    /** JSON that core wrote: a repeated name is refused; numbers are ints, longs and doubles, as written. */
    public static JsonNode readStored(String text) throws MalformedJsonException {
        JsonNode tree = read(STORED, text);
        refuseRepeatedNames(text);
        return tree;
    }

    private static JsonNode read(ObjectMapper mapper, String text) throws MalformedJsonException {
        try (JsonParser parser = mapper.createParser(text)) {
            JsonNode tree = mapper.readTree(parser);
            if (tree == null || tree.isMissingNode()) {
                throw new MalformedJsonException("unexpected end of input: no JSON value", parser.currentLocation());
            }
            JsonLocation end = parser.currentLocation();
            JsonToken after;
            try {
                after = parser.nextToken();
            } catch (JsonProcessingException e) {
                after = JsonToken.NOT_AVAILABLE; // not even a token: still text after the value
            }
            if (after != null) throw new MalformedJsonException("unexpected text after the JSON value", end);
            return tree;
        } catch (JsonProcessingException e) {
            throw MalformedJsonException.of(e);
        } catch (IOException e) {
            throw new IllegalStateException("reading a string cannot fail: " + e, e);
        }
    }

    /**
     * Names the first member name repeated within one object. Jackson's own duplicate detection says so only in a
     * message whose wording changes between versions, and the name is what a person needs to fix the text.
     */
    private static void refuseRepeatedNames(String text) throws MalformedJsonException {
        try (JsonParser parser = FACTORY.createParser(text)) {
            Deque<Set<String>> objects = new ArrayDeque<>();
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                switch (token) {
                    case START_OBJECT -> objects.push(new HashSet<>());
                    case END_OBJECT -> objects.pop();
                    case FIELD_NAME -> {
                        String name = parser.currentName();
                        if (!objects.peek().add(name)) {
                            throw new MalformedJsonException("duplicate member name " + CanonicalJson.string(name),
                                    parser.currentTokenLocation());
                        }
                    }
                    default -> { }
                }
            }
        } catch (JsonProcessingException e) {
            throw MalformedJsonException.of(e);
        } catch (IOException e) {
            throw new IllegalStateException("reading a string cannot fail: " + e, e);
        }
    }
}
