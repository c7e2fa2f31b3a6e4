package io.releaseledger.ledger;

/**
 * A write for a release whose lease token is no longer current: a newer token was granted for its environment,
 * so its owner was deposed (its lease expired and was taken over) and may record nothing more. Nothing was
 * written. The deposed owner must stop deploying.
 */
final class LeaseFencedException extends LeaseLostException {
    private static final long serialVersionUID = 1L;

    private final long releaseId;
    private final String environment;
    private final long token;
    private final long currentToken;
    private final String currentHolder;

    LeaseFencedException(long releaseId, String coordinates, String environment, long token, long currentToken,
                         String currentHolder, Long currentRelease) {
        super("release " + releaseId + " (" + coordinates + ") in " + environment + " holds lease token " + token
                + ", but token " + currentToken + " was granted since"
                + (currentHolder == null ? " (nobody holds the lease now)"
                        : ", to " + currentHolder + (currentRelease == null ? "" : " for release " + currentRelease))
                + ": release " + releaseId + " was deposed and may record nothing more; stop its deploy");
        this.releaseId = releaseId;
        this.environment = environment;
        this.token = token;
        this.currentToken = currentToken;
        this.currentHolder = currentHolder;
    }

    public long releaseId() {
        return releaseId;
    }

    public String environment() {
        return environment;
    }

    /** The release's token, no longer current. */
    public long token() {
        return token;
    }

    /** The newest token granted for the environment. */
    public long currentToken() {
        return currentToken;
    }

    /** Who holds the lease now, or {@code null} when nobody does. */
    public String currentHolder() {
        return currentHolder;
    }
}
