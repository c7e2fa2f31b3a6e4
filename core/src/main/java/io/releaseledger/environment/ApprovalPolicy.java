package io.releaseledger.environment;

import io.releaseledger.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who must approve a release before it may enter an environment.
 *
 * @param required how many distinct allowed approvers must approve; 0 means no approval gate
 * @param approvers the users and groups allowed to approve; must not be empty when {@code required > 0}
 *                  (list {@code group:authenticated} to let anyone with the Approve permission approve)
 * @param allowSelfApproval whether the person who started the release may approve it (default false)
 * @param timeout how long a request waits before it ends as timed out (default 24h)
 */
public record ApprovalPolicy(int required, Set<Approver> approvers, boolean allowSelfApproval, Duration timeout) {
    /** The timeout when none is configured. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(24);

    /** No approval needed. */
    public static final ApprovalPolicy NONE = new ApprovalPolicy(0, Set.of(), false, DEFAULT_TIMEOUT);

    public ApprovalPolicy {
        if (required < 0) {
            throw new InvalidPolicyException("required", String.valueOf(required), "a whole number, 0 or more");
        }
        if (approvers == null) throw new InvalidPolicyException("approvers", null, Approver.ALLOWED);
        approvers = Collections.unmodifiableSet(new LinkedHashSet<>(approvers));
        if (required > 0 && approvers.isEmpty()) {
            throw new InvalidPolicyException("approvers", "[]",
                    "no approvers are listed but " + required + " approval(s) are required",
                    "at least one user or group:NAME (group:authenticated lets anyone with the Approve permission approve)");
        }
        boolean onlyUsers = approvers.stream().allMatch(a -> a instanceof Approver.User);
        if (required > 0 && onlyUsers && approvers.size() < required) {
            // Such a request could never be approved; better to say so at configuration time.
            throw new InvalidPolicyException("required", String.valueOf(required),
                    quote(required) + " approvals can never be given by the " + approvers.size() + " listed user(s)",
                    "at most " + approvers.size() + ", or list more approvers or a group");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new InvalidPolicyException("timeout", timeout == null ? null : Durations.format(timeout),
                    "a positive " + PolicyDurations.ALLOWED);
        }
    }

    /** A policy with the default timeout and self-approval forbidden. */
    public static ApprovalPolicy of(int required, String... approvers) {
        Set<Approver> parsed = new LinkedHashSet<>();
        Arrays.stream(approvers).forEach(e -> parsed.add(Approver.parse("approvers", e)));
        return new ApprovalPolicy(required, parsed, false, DEFAULT_TIMEOUT);
    }

    /** Whether the user {@code userId}, member of {@code groups}, is one of the {@link #approvers()}. */
    public boolean admits(String userId, Set<String> groups, UserIdMatching matching) {
        return approvers.stream().anyMatch(a -> a.admits(userId, groups, matching));
    }

    /**
     * This policy made stricter by a pipeline: more approvals, a subset of the approver entries, a shorter
     * timeout, or self-approval switched off. Approver entries are compared exactly as written, since a
     * looser comparison could admit someone the administrator did not list.
     *
     * @throws PolicyWeakenedException naming every field the override would weaken
     * @throws InvalidPolicyException when the result is not a valid policy (e.g. more approvals than approvers)
     */
    public ApprovalPolicy tightenedBy(ApprovalOverride override) {
        List<String> weakened = new ArrayList<>();
        List<String> details = new ArrayList<>();
        int newRequired = override.required() == null ? required : override.required();
        if (newRequired < required) {
            weakened.add("required");
            details.add("required " + newRequired + " is fewer than the environment's " + required);
        }
        Set<Approver> newApprovers = override.approvers() == null ? approvers : override.approvers();
        if (!approvers.isEmpty()) {
            List<String> outsiders = newApprovers.stream().filter(a -> !approvers.contains(a))
                    .map(Approver::spelling).toList();
            if (!outsiders.isEmpty()) {
                weakened.add("approvers");
                details.add("approvers " + String.join(", ", outsiders) + " are not among the environment's approvers ("
                        + spellings(approvers) + ")");
            }
        }
        Duration newTimeout = override.timeout() == null ? timeout : override.timeout();
        if (newTimeout.compareTo(timeout) > 0) {
            weakened.add("timeout");
            details.add("timeout " + Durations.format(newTimeout) + " is longer than the environment's "
                    + Durations.format(timeout));
        }
        boolean newSelf = override.allowSelfApproval() == null ? allowSelfApproval : override.allowSelfApproval();
        if (newSelf && !allowSelfApproval) {
            weakened.add("allowSelfApproval");
            details.add("allowSelfApproval cannot be turned on where the environment forbids it");
        }
        if (!weakened.isEmpty()) {
            throw new PolicyWeakenedException("approval", weakened, String.join("; ", details),
                    "required >= " + required + ", approvers within (" + spellings(approvers) + "), timeout <= "
                            + Durations.format(timeout) + (allowSelfApproval ? "" : ", allowSelfApproval false"));
        }
        return new ApprovalPolicy(newRequired, newApprovers, newSelf, newTimeout);
    }

    private static String spellings(Set<Approver> approvers) {
        return approvers.isEmpty() ? "anyone" : approvers.stream().map(Approver::spelling).collect(Collectors.joining(", "));
    }

    private static String quote(int n) {
        return InvalidPolicyException.quote(String.valueOf(n));
    }
}
