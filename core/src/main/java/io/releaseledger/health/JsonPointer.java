package io.releaseledger.health;

import io.releaseledger.json.JsonReader;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** RFC 6901 JSON pointer evaluation over {@link JsonReader}'s values. */
final class JsonPointer {
    private JsonPointer() {}

    /** The result of evaluating a pointer: the value found, or why there is none. */
    record Result(boolean found, Object value, String missing) {}

    /** Null when {@code pointer} is well formed, else what is wrong with it. */
    static String syntaxProblem(String pointer) {
        if (pointer == null) return "a pointer is required";
        if (pointer.isEmpty()) return null;
        if (pointer.charAt(0) != '/') return "a JSON pointer starts with '/'";
        for (int k = 0; k < pointer.length(); k++) {
            if (pointer.charAt(k) == '~') {
                char n = k + 1 < pointer.length() ? pointer.charAt(k + 1) : '\0';
                if (n != '0' && n != '1') return "'~' must be followed by 0 (for ~) or 1 (for /)";
            }
        }
        return null;
    }

    static List<String> tokens(String pointer) {
        List<String> out = new ArrayList<>();
        if (pointer.isEmpty()) return out;
        for (String raw : pointer.substring(1).split("/", -1)) {
            // RFC 6901 §4: ~1 first, then ~0, so "~01" becomes "~1" and not "/".
            out.add(raw.replace("~1", "/").replace("~0", "~"));
        }
        return out;
    }

    static Result evaluate(Object document, String pointer) {
        Object current = document;
        StringBuilder path = new StringBuilder();
        for (String token : tokens(pointer)) {
            String here = path.length() == 0 ? "the document" : path.toString();
            path.append('/').append(token.replace("~", "~0").replace("/", "~1"));
            if (current instanceof Map<?, ?> map) {
                if (!map.containsKey(token)) return new Result(false, null, "no member \"" + token + "\" in " + here);
                current = map.get(token);
            } else if (current instanceof List<?> list) {
                if (!token.matches("0|[1-9]\\d{0,8}")) {
                    return new Result(false, null, here + " is an array and \"" + token + "\" is not an index");
                }
                int index = Integer.parseInt(token);
                if (index >= list.size()) {
                    return new Result(false, null, here + " has " + list.size() + " elements, no index " + index);
                }
                current = list.get(index);
            } else {
                return new Result(false, null, here + " is " + describe(current) + ", not an object or array");
            }
        }
        return new Result(true, current, null);
    }

    static String describe(Object value) {
        if (value == null) return "null";
        if (value instanceof Map) return "an object";
        if (value instanceof List) return "an array";
        if (value instanceof String s) return "\"" + s + "\"";
        return value.toString();
    }
}
