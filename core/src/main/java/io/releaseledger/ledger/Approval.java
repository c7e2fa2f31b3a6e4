package io.releaseledger.ledger;

import io.releaseledger.artifact.Digest;
import java.time.Instant;

/** A person's decision on a release request, bound to the environment and digest, not a version string. */
public record Approval(long releaseId, String approver, String environment, Digest digest, Decision decision,
                      String comment, Instant decidedAt) {

    public enum Decision { APPROVE, REJECT }
}
