package io.releaseledger.approval;

import io.releaseledger.artifact.Digest;
import io.releaseledger.environment.ApprovalPolicy;
import io.releaseledger.environment.Approver;
import io.releaseledger.environment.UserIdMatching;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A request to approve one artifact digest into one environment, under the policy in force when it was
 * made (the environment's, possibly tightened by the pipeline). The rules, as pure functions of the
 * decisions and the time:
 *
 * <ul>
 *   <li>it is approved once {@code required} <em>distinct</em> allowed approvers have approved;</li>
 *   <li>an allowed approver is a listed user or a member of a listed group; user ids and group names
 *       are compared as {@link #userIds()} says (case-insensitively by default);</li>
 *   <li>the initiator may not decide unless the policy allows self-approval;</li>
 *   <li>any rejection by an allowed approver ends it as rejected;</li>
 *   <li>decisions at or after {@link #deadline()} do not count; if it is not decided by then it times out.</li>
 * </ul>
 *
 * @param environment the environment the digest is to enter
 * @param digest the artifact digest ({@code sha256:<64 hex>}) — never a version string
 * @param initiator the user who started the release
 * @param requestedAt when approval was requested
 * @param policy the approval policy in force for this request
 * @param userIds how user ids and group names are compared
 */
public record ApprovalRequest(String environment, String digest, String initiator, Instant requestedAt,
                              ApprovalPolicy policy, UserIdMatching userIds) {
    public ApprovalRequest {
        if (environment == null || environment.isBlank()) throw new IllegalArgumentException("environment: a name is required");
        Digest.of(digest); // refuses anything but sha256:<64 lower-case hex>
        if (initiator == null || initiator.isBlank()) throw new IllegalArgumentException("initiator: a user id is required");
        Objects.requireNonNull(requestedAt, "requestedAt");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(userIds, "userIds");
    }

    /** A request comparing user ids case-insensitively, as Jenkins' default security realms do. */
    public ApprovalRequest(String environment, String digest, String initiator, Instant requestedAt, ApprovalPolicy policy) {
        this(environment, digest, initiator, requestedAt, policy, UserIdMatching.CASE_INSENSITIVE);
    }

    /** When the request times out. */
    Instant deadline() {
        return requestedAt.plus(policy.timeout());
    }

    /** Whether {@code user}, member of {@code groups}, may approve or reject this request. */
    boolean mayDecide(String user, Set<String> groups) {
        return policy.admits(user, groups, userIds) && (policy.allowSelfApproval() || !userIds.same(user, initiator));
    }

    /**
     * The request's status given every decision so far (in any order) and the current time.
     *
     * @throws NotAnApproverException if a decision comes from someone who may not decide
     * @throws IllegalArgumentException if a decision was given for another environment or digest
     */
    public ApprovalStatus evaluate(List<ApprovalDecision> decisions, Instant now) {
        if (policy.required() == 0) return new ApprovalStatus.Approved(List.of(), requestedAt);
        List<ApprovalDecision> inOrder = new ArrayList<>(decisions);
        inOrder.sort(Comparator.comparing(ApprovalDecision::at));
        Map<String, String> approvedBy = new LinkedHashMap<>();  // matching key -> id as the approver wrote it
        Instant deadline = deadline();
        for (ApprovalDecision decision : inOrder) {
            check(decision);
            if (!decision.at().isBefore(deadline)) break;
            switch (decision.decision()) {
                case REJECT -> {
                    return new ApprovalStatus.Rejected(decision.approver(), decision.comment(), decision.at());
                }
                case APPROVE -> {
                    approvedBy.putIfAbsent(userIds.key(decision.approver()), decision.approver());
                    if (approvedBy.size() >= policy.required()) {
                        return new ApprovalStatus.Approved(List.copyOf(approvedBy.values()), decision.at());
                    }
                }
            }
        }
        int needed = policy.required() - approvedBy.size();
        if (!now.isBefore(deadline)) return new ApprovalStatus.TimedOut(deadline, policy.timeout(), List.copyOf(approvedBy.values()), needed);
        Set<String> excluded = new LinkedHashSet<>(approvedBy.values());
        if (!policy.allowSelfApproval()) excluded.add(initiator);
        return new ApprovalStatus.Pending(needed, List.copyOf(approvedBy.values()), policy.approvers(), excluded, deadline);
    }

    /**
     * Records a new decision: checks it may be made now and returns the resulting status.
     *
     * @param history the decisions already recorded
     * @throws NotAnApproverException if the decider may not decide this request
     * @throws ApprovalClosedException if the request has already been approved, rejected or timed out
     * @throws IllegalArgumentException if the decision was given for another environment or digest
     */
    public ApprovalStatus decide(List<ApprovalDecision> history, ApprovalDecision next) {
        check(next);
        ApprovalStatus before = evaluate(history, next.at());
        if (!before.isOpen()) {
            throw new ApprovalClosedException(before, "the approval of " + (Digest.of(digest).shortForm() + "…") + " for "
                    + environment + " is already closed: " + before.describe() + "; start a new release to ask again");
        }
        List<ApprovalDecision> all = new ArrayList<>(history);
        all.add(next);
        return evaluate(all, next.at());
    }

    private void check(ApprovalDecision decision) {
        if (!decision.environment().equals(environment) || !decision.digest().equals(digest)) {
            throw new IllegalArgumentException("a decision for " + decision.environment() + " / "
                    + (Digest.of(decision.digest()).shortForm() + "…") + " cannot count towards the approval of "
                    + environment + " / " + (Digest.of(digest).shortForm() + "…") + ": approvals bind to environment and digest");
        }
        String user = decision.approver();
        if (!policy.admits(user, decision.approverGroups(), userIds)) {
            throw new NotAnApproverException(user, NotAnApproverException.Reason.NOT_LISTED,
                    user + " may not approve releases into " + environment + ": the approvers are "
                            + spellings(policy.approvers()) + " and " + user + " is none of them (groups: "
                            + (decision.approverGroups().isEmpty() ? "none" : String.join(", ", decision.approverGroups().stream().sorted().toList()))
                            + "). Ask one of them, or an administrator to change the environment's approvers.");
        }
        if (!policy.allowSelfApproval() && userIds.same(user, initiator)) {
            throw new NotAnApproverException(user, NotAnApproverException.Reason.INITIATOR,
                    user + " started this release and may not approve it: " + environment
                            + " forbids self-approval. Ask another approver (" + spellings(policy.approvers()) + ").");
        }
    }

    private static String spellings(Set<Approver> approvers) {
        return String.join(", ", approvers.stream().map(Approver::spelling).toList());
    }
}
