package io.releaseledger.health;

import io.releaseledger.Inputs;
import io.releaseledger.InvalidInputException;

/** A verification policy setting is out of range or inconsistent with another one. */
final class InvalidVerificationPolicyException extends InvalidInputException {
    private static final long serialVersionUID = 1L;


    /**
     * @param field   the policy setting, e.g. {@code verification.successThreshold}
     * @param value   the rejected value
     * @param allowed what the setting accepts
     */
    InvalidVerificationPolicyException(String field, Object value, String allowed) {
        super(field, field + " " + Inputs.quoted(value) + " is invalid: " + allowed);
    }

}
