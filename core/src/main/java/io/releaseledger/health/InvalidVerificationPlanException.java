package io.releaseledger.health;

import io.releaseledger.InvalidInputException;

/**
 * A persisted verification plan cannot be read back: it is not JSON, has an unsupported version, an
 * unknown or missing key, a value of the wrong type, or a value its check or policy refuses.
 * {@link #field()} is the JSON path of the offending value, e.g. {@code checks[1].url}, or {@code $}
 * for the document as a whole.
 */
final class InvalidVerificationPlanException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    /**
     * @param path     JSON path of the offending value, e.g. {@code checks[1].url}
     * @param expected what the path should hold, e.g. {@code expected a string}
     */
    InvalidVerificationPlanException(String path, String expected) {
        super(path, "verification plan " + path + ": " + expected);
    }
}
