package io.releaseledger.environment;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What a pipeline asks to change in an environment's {@link ApprovalPolicy}; a {@code null} component
 * keeps the environment's value. Applied with {@link ApprovalPolicy#tightenedBy}, which refuses anything
 * that would weaken the policy.
 *
 * @param required more approvals than the environment requires, or {@code null}
 * @param approvers a subset of the environment's approver entries, or {@code null}
 * @param timeout a shorter timeout, or {@code null}
 * @param allowSelfApproval {@code false} to forbid self-approval where the environment allows it, or {@code null}
 */
public record ApprovalOverride(Integer required, Set<Approver> approvers, Duration timeout, Boolean allowSelfApproval) {
    public ApprovalOverride {
        approvers = approvers == null ? null : Collections.unmodifiableSet(new LinkedHashSet<>(approvers));
    }

    /** Changes nothing. */
    public static ApprovalOverride none() {
        return new ApprovalOverride(null, null, null, null);
    }

    public ApprovalOverride withRequired(int newRequired) {
        return new ApprovalOverride(newRequired, approvers, timeout, allowSelfApproval);
    }

    /** Approver entries in configuration spelling, e.g. {@code "alice"}, {@code "group:release-managers"}. */
    public ApprovalOverride withApprovers(String... entries) {
        Set<Approver> parsed = new LinkedHashSet<>();
        Arrays.stream(entries).forEach(e -> parsed.add(Approver.parse("approvers", e)));
        return new ApprovalOverride(required, parsed, timeout, allowSelfApproval);
    }

    public ApprovalOverride withTimeout(Duration newTimeout) {
        return new ApprovalOverride(required, approvers, newTimeout, allowSelfApproval);
    }

    public ApprovalOverride withAllowSelfApproval(boolean allow) {
        return new ApprovalOverride(required, approvers, timeout, allow);
    }
}
