package io.releaseledger.promotion;

import java.time.Instant;

/**
 * The record of a deploy let through a freeze by an {@link EmergencyOverride}; the ledger stores it with
 * the release so the audit shows who broke the freeze and why.
 *
 * @param freeze the name of the freeze window that was in force
 * @param frozenUntil when that freeze would have ended
 * @param by who asked for the override
 * @param reason why
 * @param at when the override was used
 */
public record FreezeOverride(String freeze, Instant frozenUntil, String by, String reason, Instant at) {}
