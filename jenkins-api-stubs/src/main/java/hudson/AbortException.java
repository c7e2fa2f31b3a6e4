package hudson;

import java.io.IOException;

/** Stub of {@code hudson.AbortException}: a real exception, since steps throw it and tests catch it. */
public class AbortException extends IOException {
    private static final long serialVersionUID = 1L;

    public AbortException() {
    }

    public AbortException(String message) {
        super(message);
    }
}
