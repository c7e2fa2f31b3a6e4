package io.releaseledger.health;

/** A duration setting could not be read; the message names the field and shows valid forms. */
public class InvalidDurationException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String value;

    /**
     * @param field  the setting being parsed (e.g. {@code verification.interval})
     * @param value  the text that was rejected
     * @param reason why, in a few words
     */
    public InvalidDurationException(String field, String value, String reason) {
        super(field + " " + Messages.quote(value) + " is not a valid duration (" + reason
                + "): write whole numbers with units ms, s, m, h or d, largest first, e.g. 500ms, 10s, 2m, 1h30m");
        this.field = field;
        this.value = value;
    }

    /** The setting that was rejected. */
    public String field() {
        return field;
    }

    /** The rejected text. */
    public String value() {
        return value;
    }
}
