package io.releaseledger.approval;

import io.releaseledger.Durations;
import io.releaseledger.environment.Approver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Where an approval request stands: still open, or ended one of three ways. */
public sealed interface ApprovalStatus
        permits ApprovalStatus.Pending, ApprovalStatus.Approved, ApprovalStatus.Rejected, ApprovalStatus.TimedOut {

    /** The status in a sentence, for logs and the UI. */
    String describe();

    /** Whether the request is still waiting for decisions. */
    default boolean isOpen() {
        return this instanceof Pending;
    }

    /**
     * Waiting for more approvals.
     *
     * @param approvalsNeeded how many more distinct approvers must approve
     * @param approvedBy who has approved so far, in order
     * @param approvers who may approve: the policy's users and groups ...
     * @param excluded ... except these users (the initiator when self-approval is forbidden, and those who already approved)
     * @param deadline when the request times out
     */
    record Pending(int approvalsNeeded, List<String> approvedBy, Set<Approver> approvers, Set<String> excluded,
                   Instant deadline) implements ApprovalStatus {
        public Pending {
            approvedBy = List.copyOf(approvedBy);
            approvers = Set.copyOf(approvers);
            excluded = Set.copyOf(excluded);
        }

        @Override
        public String describe() {
            String who = approvers.stream().map(Approver::spelling).sorted().collect(Collectors.joining(", "));
            return "waiting for " + approvalsNeeded + " more approval(s) from " + who
                    + (excluded.isEmpty() ? "" : " (excluding " + String.join(", ", excluded.stream().sorted().toList()) + ")")
                    + " until " + deadline;
        }
    }

    /** Enough distinct approvers approved. */
    record Approved(List<String> approvedBy, Instant at) implements ApprovalStatus {
        public Approved {
            approvedBy = List.copyOf(approvedBy);
        }

        @Override
        public String describe() {
            return approvedBy.isEmpty() ? "approved (no approval required)" : "approved by " + String.join(", ", approvedBy) + " at " + at;
        }
    }

    /** An allowed approver rejected the release. */
    record Rejected(String rejectedBy, String comment, Instant at) implements ApprovalStatus {
        @Override
        public String describe() {
            return "rejected by " + rejectedBy + " at " + at + (comment.isEmpty() ? "" : ": " + comment);
        }
    }

    /**
     * The timeout passed before enough approvals arrived.
     *
     * @param timeout how long the request waited: the policy's approval timeout, or the shorter one the request asked for
     */
    record TimedOut(Instant deadline, Duration timeout, List<String> approvedBy, int approvalsNeeded)
            implements ApprovalStatus {
        public TimedOut {
            approvedBy = List.copyOf(approvedBy);
        }

        @Override
        public String describe() {
            return "timed out after " + Durations.format(timeout) + " without a decision (at " + deadline
                    + "), still needing " + approvalsNeeded + " approval(s)"
                    + (approvedBy.isEmpty() ? "" : "; approved by " + String.join(", ", approvedBy));
        }
    }
}
