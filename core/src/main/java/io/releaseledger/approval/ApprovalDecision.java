package io.releaseledger.approval;

import io.releaseledger.artifact.Digest;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * One person's decision on one approval request. It names the environment and digest it was given for,
 * so an approval can never be carried over to another build that happens to share a version string.
 *
 * @param environment the environment the request is for
 * @param digest the artifact digest the request is for ({@code sha256:<64 hex>})
 * @param approver the deciding user's id
 * @param approverGroups the groups the user belonged to when deciding, as the security realm reported them
 * @param decision approve or reject
 * @param at when the decision was made
 * @param comment the approver's comment; may be empty, never {@code null}
 */
public record ApprovalDecision(String environment, String digest, String approver, Set<String> approverGroups,
                               Decision decision, Instant at, String comment) {
    public ApprovalDecision {
        Objects.requireNonNull(environment, "environment");
        Digest.of(digest); // refuses anything but sha256:<64 lower-case hex>
        if (approver == null || approver.isBlank()) throw new IllegalArgumentException("approver: a user id is required");
        approverGroups = Set.copyOf(Objects.requireNonNull(approverGroups, "approverGroups"));
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(at, "at");
        comment = comment == null ? "" : comment;
    }
}
