package net.sf.json;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stub of json-lib's {@code net.sf.json.JSONObject} (Jenkins' fork, a dependency of jenkins-core): a submitted form's
 * JSON. Only what the plugin reads; json-lib is not Jenkins API, so the stub checker does not see it: the members
 * below were compared by hand with jenkinsci/json-lib ({@code public boolean has(String key)},
 * {@code public String optString(String key)}, {@code public Object opt(String key)}, the {@code Map}'s
 * {@code keySet()}, and {@code element(String key, Object value)}, which returns this).
 * Backed by a map, so unit tests can hand a descriptor a submitted form.
 */
public final class JSONObject {
    private final Map<String, Object> values = new LinkedHashMap<>();

    public JSONObject() {
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** The value as text, or {@code ""} when the key is missing. */
    public String optString(String key) {
        Object value = values.get(key);
        return value == null ? "" : value.toString();
    }

    /** The value, or {@code null} when the key is missing. */
    public Object opt(String key) {
        return values.get(key);
    }

    /** The keys, in the order they were put (json-lib's JSONObject is a Map). */
    public java.util.Set<String> keySet() {
        return java.util.Collections.unmodifiableSet(values.keySet());
    }

    public JSONObject element(String key, Object value) {
        values.put(key, value);
        return this;
    }
}
