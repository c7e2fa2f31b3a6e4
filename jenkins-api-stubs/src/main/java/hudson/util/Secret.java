package hudson.util;

import java.io.Serializable;

/** Stub of {@code hudson.util.Secret}. */
public final class Secret implements Serializable {
    private static final long serialVersionUID = 1L;

    private Secret() {
        throw new UnsupportedOperationException("stub");
    }

    public String getPlainText() {
        throw new UnsupportedOperationException("stub");
    }
}
