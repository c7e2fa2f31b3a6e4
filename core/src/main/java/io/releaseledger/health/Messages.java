package io.releaseledger.health;

import io.releaseledger.Durations;
/** Helpers shared by the validating constructors and their exceptions. */
final class Messages {
    private Messages() {}

    /** Quotes a user-supplied value for an error message, bounded so a pasted blob stays readable. */
    static String quote(Object value) {
        return io.releaseledger.Inputs.quoted(value);
    }

    /** Validates a check's optional timeout: absent, or strictly positive. */
    static java.time.Duration checkTimeout(java.time.Duration timeout) {
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new InvalidHealthCheckException("timeout", Durations.format(timeout),
                    "give a positive duration, e.g. 5s, or leave it out to use the policy's probe timeout");
        }
        return timeout;
    }
}
