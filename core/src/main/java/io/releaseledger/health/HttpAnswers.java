package io.releaseledger.health;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import io.releaseledger.internal.JsonTrees;
import java.math.BigDecimal;

/** Judges the final answer to an {@link HttpCheck}: its status, then what its body must satisfy. */
final class HttpAnswers {
    private static final int EXCERPT = 512;
    // RFC 6901 array indexes: no leading zero; nine digits are more elements than a bounded body can hold.
    private static final String INDEX = "0|[1-9]\\d{0,8}";

    private HttpAnswers() {}

    static Finding judge(HttpCheck c, int status, BoundedBody.Content body) {
        String observed = String.valueOf(status);
        String text = body.text();
        if (!c.expectStatus().contains(status)) {
            return Finding.unhealthy("status " + status + " is not in " + c.expectStatus(), observed, excerpt(text));
        }
        String truncated = body.truncated() ? " (in the first " + HttpProbes.BODY_LIMIT / 1024 + " KiB)" : "";
        BodyExpectation expectation = c.body();
        if (expectation == null) return Finding.healthy("status " + status, observed);
        if (expectation instanceof BodyExpectation.Matches m) {
            return m.pattern().matcher(text).find()
                    ? Finding.healthy("status " + status + ", body matches /" + m.regex() + "/", observed)
                    : Finding.unhealthy("body does not match /" + m.regex() + "/" + truncated, observed, excerpt(text));
        }
        return judgeJson((BodyExpectation.JsonPointerEquals) expectation, status, text, truncated);
    }

    private static Finding judgeJson(BodyExpectation.JsonPointerEquals p, int status, String text, String truncated) {
        String observed = String.valueOf(status);
        JsonNode document;
        try {
            document = JsonTrees.readAnswer(text);
        } catch (JsonTrees.MalformedJsonException e) {
            return Finding.unhealthy("body is not JSON" + truncated + ": " + e.getMessage(), observed, excerpt(text));
        }
        String where = p.pointer().isEmpty() ? "the body" : p.pointer();
        JsonPointer pointer = JsonPointer.compile(p.pointer());
        JsonNode found = document.at(pointer);
        if (found.isMissingNode()) {
            return Finding.unhealthy(where + " not found: " + whyMissing(document, pointer), observed, excerpt(text));
        }
        String actual = describe(found);
        String observedValue = found.isTextual() ? found.textValue() : actual;
        if (jsonEquals(found, p.expected())) {
            return Finding.healthy("status " + status + ", " + where + " is " + actual, observedValue);
        }
        return Finding.unhealthy(where + " is " + actual + ", expected " + p.expected(), observedValue, excerpt(text));
    }

    /** Strings by their text, numbers numerically ({@code 1.0} equals {@code 1}), booleans and null by spelling. */
    static boolean jsonEquals(JsonNode value, String expected) {
        if (value.isTextual()) return value.textValue().equals(expected);
        if (value.isNumber()) {
            try {
                return value.decimalValue().compareTo(new BigDecimal(expected.strip())) == 0;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        if (value.isBoolean() || value.isNull()) return value.asText().equals(expected.strip());
        return false; // an object or array is never equal to a scalar's text
    }

    /** Why {@code pointer} finds nothing in {@code document}: the first step that fails, in words. */
    static String whyMissing(JsonNode document, JsonPointer pointer) {
        JsonNode current = document;
        StringBuilder path = new StringBuilder();
        for (JsonPointer rest = pointer; !rest.matches(); rest = rest.tail()) {
            String token = rest.getMatchingProperty();
            String here = path.length() == 0 ? "the document" : path.toString();
            path.append('/').append(token.replace("~", "~0").replace("/", "~1"));
            if (current.isObject()) {
                if (!current.has(token)) return "no member \"" + token + "\" in " + here;
                current = current.get(token);
            } else if (current.isArray()) {
                if (!token.matches(INDEX)) return here + " is an array and \"" + token + "\" is not an index";
                int index = Integer.parseInt(token);
                if (index >= current.size()) return here + " has " + current.size() + " elements, no index " + index;
                current = current.get(index);
            } else {
                return here + " is " + describe(current) + ", not an object or array";
            }
        }
        return "nothing at " + pointer; // not reached: the pointer found something
    }

    /** A value as a finding shows it: a string quoted, a number as its decimal, containers by kind. */
    static String describe(JsonNode value) {
        if (value.isObject()) return "an object";
        if (value.isArray()) return "an array";
        if (value.isTextual()) return "\"" + value.textValue() + "\"";
        if (value.isBigDecimal()) return value.decimalValue().toString();
        return value.asText();
    }

    static String excerpt(String text) {
        if (text == null || text.isEmpty()) return null;
        return text.length() <= EXCERPT ? text : text.substring(0, EXCERPT) + "…";
    }
}
