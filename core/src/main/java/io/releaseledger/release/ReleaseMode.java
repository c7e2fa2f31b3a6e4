package io.releaseledger.release;

/** Why the deploy body runs; handed to it as {@code RELEASE_MODE}. */
public enum ReleaseMode {
    DEPLOY,
    ROLLBACK;

    /** The value of {@code RELEASE_MODE}. */
    public String environmentValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
