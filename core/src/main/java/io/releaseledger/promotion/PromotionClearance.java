package io.releaseledger.promotion;

import java.util.Objects;
import java.util.Optional;

/**
 * A promotion the policy allows, with what the ledger must record about it.
 *
 * @param environment the environment the digest may enter
 * @param digest the artifact digest
 * @param kind deploy or rollback
 * @param freezeOverride present when an emergency override let the deploy through a freeze
 */
public record PromotionClearance(String environment, String digest, PromotionKind kind,
                                 Optional<FreezeOverride> freezeOverride) {
    public PromotionClearance {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(freezeOverride, "freezeOverride");
    }
}
