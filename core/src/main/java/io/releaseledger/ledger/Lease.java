package io.releaseledger.ledger;

import java.time.Instant;

/**
 * The right to deploy to one environment, held by one owner until it is released or expires.
 * The token proves ownership on renew and release; it is not a secret.
 */
public record Lease(String environment, String holder, long releaseId, String token, Instant acquiredAt,
                    Instant expiresAt) {
}
