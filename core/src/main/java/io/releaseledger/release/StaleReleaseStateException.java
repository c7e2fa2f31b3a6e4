package io.releaseledger.release;

/**
 * The release was not in the state the caller expected: someone else (another controller, a person
 * pressing Abort, lease expiry) moved it first. The caller should re-read it and decide again.
 */
public class StaleReleaseStateException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public StaleReleaseStateException(long releaseId, ReleaseState expected, ReleaseState actual) {
        super("release " + releaseId + " is " + actual + ", not " + expected + " as expected;"
                + " it was changed by someone else in the meantime");
    }
}
