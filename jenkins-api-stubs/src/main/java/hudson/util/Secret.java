package hudson.util;

import java.io.Serializable;

/** Stub of {@code hudson.util.Secret}. */
public final class Secret implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /**
     * Like the real one for a text that is not an encrypted secret: wraps it. (Jenkins also encrypts it when
     * the secret is stored; the stub keeps it plain, it is never stored here.)
     */
    public static Secret fromString(String data) {
        return new Secret(data == null ? "" : data);
    }

    public String getPlainText() {
        return value;
    }
}
