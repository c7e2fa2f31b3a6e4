package io.releaseledger.release;

import io.releaseledger.artifact.Digest;
import io.releaseledger.promotion.FreezeOverride;
import java.time.Instant;

/**
 * One attempt to put an artifact into an environment, as the ledger holds it.
 *
 * @param rollbackTargetId for a release being (or having been) rolled back: the known-good release
 *                         whose artifact was redeployed; {@code null} otherwise
 * @param liveAt           when it reached {@link ReleaseState#LIVE}, or {@code null}
 * @param freezeOverride   the freeze window an emergency override let it through, who asked and why; {@code null}
 *                         when none
 * @param lostOwner        set only by the ledger's views for people (dashboard, history, timeline): the ledger
 *                         records the release in flight under a lease that has expired, so its owner is gone and
 *                         {@code state} reads {@link ReleaseState#INTERRUPTED} until a write records it; {@code null}
 *                         otherwise, and always in what the engine reads
 */
public record Release(long id, String environment, String artifactName, String version, Digest digest,
                      ReleaseMode mode, ReleaseState state, String reason, Long rollbackTargetId,
                      String initiator, String origin, Instant requestedAt, Instant updatedAt, Instant liveAt,
                      FreezeOverride freezeOverride, LostOwner lostOwner) {

    /** A release with no freeze override, as most are. */
    public Release(long id, String environment, String artifactName, String version, Digest digest,
                   ReleaseMode mode, ReleaseState state, String reason, Long rollbackTargetId,
                   String initiator, String origin, Instant requestedAt, Instant updatedAt, Instant liveAt) {
        this(id, environment, artifactName, version, digest, mode, state, reason, rollbackTargetId, initiator, origin,
                requestedAt, updatedAt, liveAt, null, null);
    }

    /** {@code payments-api 1.4.2}. */
    public String coordinates() {
        return artifactName + " " + version;
    }

    /**
     * How the release reads once its owner is known to be gone: {@link ReleaseState#INTERRUPTED}, with why, and the
     * state the ledger still records in {@code lost}.
     */
    public Release readAsLost(LostOwner lost) {
        return new Release(id, environment, artifactName, version, digest, mode, ReleaseState.INTERRUPTED,
                lost.reason(environment), rollbackTargetId, initiator, origin, requestedAt, updatedAt, liveAt,
                freezeOverride, lost);
    }

    /**
     * A release the ledger records in flight ({@code DEPLOYING}, {@code VERIFYING}, {@code ROLLING_BACK}) whose
     * owner's lease on the environment expired without renewal: it stopped (killed, crashed) or lost the ledger, and
     * nobody has recorded it {@link ReleaseState#INTERRUPTED} yet. Reading never writes, so the views show it so; the
     * next command that writes to the ledger records it (docs/release-engine.md, "A dead owner's release").
     *
     * @param recordedState  the state the ledger records
     * @param leaseHolder    who held the lease
     * @param leaseExpiredAt when the lease expired (the database's time)
     */
    public record LostOwner(ReleaseState recordedState, String leaseHolder, Instant leaseExpiredAt) {
        /** Why the release reads INTERRUPTED, in the words the recorded transition will use. */
        public String reason(String environment) {
            return "its owner stopped: the lease held by " + leaseHolder + " expired at " + leaseExpiredAt
                    + " without renewal (the ledger still records " + recordedState
                    + "; the next command that writes to the ledger records it INTERRUPTED)";
        }
    }
}
