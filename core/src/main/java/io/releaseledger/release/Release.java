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

    /** Whether approvers can still decide it: it waits for approval (Approve and Reject apply). */
    public boolean awaitsApproval() {
        return state == ReleaseState.AWAITING_APPROVAL;
    }

    /**
     * Whether its environment can be rolled back to it: it went live there and is not live now. A release that
     * never went live (awaiting approval, failed, rolled back) is no known-good state to return to.
     */
    public boolean canBeRolledBackTo() {
        return liveAt != null && state != ReleaseState.LIVE;
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
     * A release the ledger records in flight ({@code DEPLOYING}, {@code VERIFYING}, {@code ROLLING_BACK}) whose owner
     * is gone — the lease on the environment held for it expired without renewal and the grace after expiry passed,
     * or its owner's process was seen exited and its body had time to stop — and nobody has recorded it
     * {@link ReleaseState#INTERRUPTED} yet. The views show it so exactly when the next write would record it; reading
     * never writes (docs/release-engine.md, "A dead owner's release").
     *
     * @param recordedState   the state the ledger records
     * @param leaseHolder     who held the lease
     * @param leaseExpiredAt  when the lease expires or expired (the database's time)
     * @param ownerExitSeenAt when the owner's process was first seen exited (by a process of its machine), if that is
     *                        why it reads INTERRUPTED before its lease's term and grace ran out; {@code null} otherwise
     */
    public record LostOwner(ReleaseState recordedState, String leaseHolder, Instant leaseExpiredAt,
                            Instant ownerExitSeenAt) {
        /** Why the release reads INTERRUPTED, in the words the recorded transition will use. */
        String reason(String environment) {
            String why = ownerExitSeenAt != null
                    ? "the process holding the lease, " + leaseHolder + ", exited (seen at " + ownerExitSeenAt + ")"
                    : "the lease held by " + leaseHolder + " expired at " + leaseExpiredAt + " without renewal";
            return "its owner stopped: " + why + " (the ledger still records " + recordedState
                    + "; the next command that writes to the ledger records it INTERRUPTED)";
        }
    }
}
