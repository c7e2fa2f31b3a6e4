package io.releaseledger.ledger;

import io.releaseledger.approval.Decision;
import io.releaseledger.artifact.Digest;
import java.time.Instant;
import java.util.Set;

/**
 * A person's decision on a release request, bound to the environment and digest, not a version string.
 *
 * @param groups the approver's groups that the policy admitted when they decided: why they could approve
 */
public record Approval(long releaseId, String approver, Set<String> groups, String environment, Digest digest,
                       Decision decision, String comment, Instant decidedAt) {
    public Approval {
        groups = Set.copyOf(groups);
    }
}
