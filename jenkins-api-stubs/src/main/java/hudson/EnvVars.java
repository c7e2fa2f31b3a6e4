package hudson;

import java.util.TreeMap;

/**
 * Stub of {@code hudson.EnvVars}. Behaves like the real one where unit tests need it: a map whose keys
 * are compared ignoring case, as on the real class.
 */
public class EnvVars extends TreeMap<String, String> {
    private static final long serialVersionUID = 1L;

    public EnvVars() {
        super(String.CASE_INSENSITIVE_ORDER);
    }
}
