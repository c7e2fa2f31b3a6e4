package io.releaseledger.promotion;

import io.releaseledger.InvalidInputException;
import java.util.Objects;

/**
 * A request to deploy through a freeze. Only the freeze is overridden, never {@code requires} or the
 * deployer list; the override is recorded in the ledger with who asked and why.
 *
 * @param by the user asking for the override
 * @param reason why the deploy cannot wait, e.g. an incident number; must not be blank
 */
public record EmergencyOverride(String by, String reason) {
    public EmergencyOverride {
        if (by == null || by.isBlank()) throw new IllegalArgumentException("emergency override: the user asking for it is required");
        Objects.requireNonNull(reason, "reason");
        if (reason.isBlank()) {
            // Bad input, refused before anything is recorded (the CLI's exit 2): an override must say why.
            throw InvalidInputException.withoutValue("emergency override reason", "a reason is required (e.g. the"
                    + " incident it fixes); it is recorded in the ledger next to the deploy and shown wherever the"
                    + " release is");
        }
        reason = reason.strip();
    }
}
