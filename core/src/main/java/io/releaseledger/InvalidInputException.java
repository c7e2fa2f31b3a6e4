package io.releaseledger;

/**
 * Bad input, refused before anything changed. The message names the field, shows the bad value
 * and says what is allowed, so the person who typed it can fix it without reading code.
 */
public class InvalidInputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidInputException(String field, String value, String allowed) {
        this(field, field + " " + Inputs.show(value) + " is not valid: " + allowed);
    }

    /** For subclasses that word their own message; it must still name the field and the fix. */
    protected InvalidInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** For values that must not be echoed (they may hold a secret): the message never shows it. */
    public static InvalidInputException withoutValue(String field, String problem) {
        return new InvalidInputException(field, field + " is not valid: " + problem);
    }

    /** The name of the offending field, as the user wrote it (e.g. {@code digest}). */
    public String field() {
        return field;
    }
}
