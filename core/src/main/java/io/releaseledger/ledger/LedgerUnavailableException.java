package io.releaseledger.ledger;

/**
 * The ledger could not be reached or written. Releases fail closed on this: nothing deploys
 * unrecorded. The message names the store (never a password) and the cause.
 */
public class LedgerUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LedgerUnavailableException(String store, String action, Throwable cause) {
        super("release ledger " + store + " could not " + action + ": " + describe(cause)
                + ". Nothing was recorded, so nothing proceeds: check that the database is running and"
                + " reachable, then retry.", cause);
    }

    /** The store may not be used as configured, for {@code reason} (what to do included); nothing was attempted. */
    LedgerUnavailableException(String store, String action, String reason) {
        super("release ledger " + store + " could not " + action + ": " + reason + ". Nothing was recorded, so nothing"
                + " proceeds.");
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }
}
