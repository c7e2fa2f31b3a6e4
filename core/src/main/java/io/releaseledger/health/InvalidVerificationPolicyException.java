package io.releaseledger.health;

/** A verification policy setting is out of range or inconsistent with another one. */
public class InvalidVerificationPolicyException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String field;

    /**
     * @param field   the policy setting, e.g. {@code verification.successThreshold}
     * @param value   the rejected value
     * @param allowed what the setting accepts
     */
    public InvalidVerificationPolicyException(String field, Object value, String allowed) {
        super(field + " " + Messages.quote(value) + " is invalid: " + allowed);
        this.field = field;
    }

    /** The policy setting that was rejected. */
    public String field() {
        return field;
    }
}
