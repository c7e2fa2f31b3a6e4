package net.sf.json;

/**
 * Stub of json-lib's {@code net.sf.json.JSONObject} (Jenkins' fork, a dependency of jenkins-core): a submitted form's
 * JSON. Only what the plugin reads; json-lib is not Jenkins API, so the stub checker does not see it: the member
 * below was compared by hand with jenkinsci/json-lib ({@code public boolean has(String key)}).
 */
public final class JSONObject {
    public JSONObject() {
    }

    public boolean has(String key) {
        throw new UnsupportedOperationException("stub");
    }
}
