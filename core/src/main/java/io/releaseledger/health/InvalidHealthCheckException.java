package io.releaseledger.health;

import io.releaseledger.Inputs;
import io.releaseledger.InvalidInputException;

/**
 * A health check was configured with a value it cannot work with. Thrown at construction, before
 * anything runs, so a pipeline fails on its own line rather than after the deploy.
 */
final class InvalidHealthCheckException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    /** What a check's own timeout may be. */
    static final String TIMEOUT_ALLOWED = "give a positive duration, e.g. 5s, or leave it out to use the policy's probe timeout";

    private final String value;
    private final String allowed;

    /**
     * @param field   the configuration field, as the user writes it (e.g. {@code expectStatus})
     * @param value   the rejected value
     * @param allowed what would have been accepted, ideally with an example
     */
    InvalidHealthCheckException(String field, Object value, String allowed) {
        super(field, "health check " + field + " " + Inputs.quoted(value) + " is invalid: " + allowed);
        this.value = value == null ? null : value.toString();
        this.allowed = allowed;
    }

    /** The rejected value as text, or {@code null}. */
    public String value() {
        return value;
    }

    /** What the field accepts. */
    public String allowed() {
        return allowed;
    }
}
