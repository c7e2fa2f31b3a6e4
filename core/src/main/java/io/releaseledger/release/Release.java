package io.releaseledger.release;

import io.releaseledger.artifact.Digest;
import java.time.Instant;

/**
 * One attempt to put an artifact into an environment, as the ledger holds it.
 *
 * @param rollbackTargetId for a release being (or having been) rolled back: the known-good release
 *                         whose artifact was redeployed; {@code null} otherwise
 * @param liveAt           when it reached {@link ReleaseState#LIVE}, or {@code null}
 */
public record Release(long id, String environment, String artifactName, String version, Digest digest,
                      ReleaseMode mode, ReleaseState state, String reason, Long rollbackTargetId,
                      String initiator, String origin, Instant requestedAt, Instant updatedAt, Instant liveAt) {

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
}
