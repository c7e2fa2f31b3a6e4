package io.releaseledger;

/** A duration setting could not be read; the message names the field and shows valid forms. */
public class InvalidDurationException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    private final String value;

    /**
     * @param field  the setting being parsed (e.g. {@code verification.interval})
     * @param value  the text that was rejected
     * @param reason why, in a few words
     */
    InvalidDurationException(String field, String value, String reason) {
        super(field, field + " " + Inputs.quoted(value) + " is not a valid duration (" + reason
                + "): write whole numbers with units ms, s, m, h or d, largest first, e.g. 500ms, 10s, 2m, 1h30m");
        this.value = value;
    }


    /** The rejected text. */
    String value() {
        return value;
    }
}
