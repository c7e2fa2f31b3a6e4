package io.releaseledger.ledger;

import io.releaseledger.release.Release;
import java.util.List;

/**
 * One row of the dashboard: what runs in an environment and what is under way there.
 *
 * @param live     the release verified and running, or {@code null} before the first
 * @param inFlight releases requested, awaiting approval, deploying, verifying or rolling back, newest first
 */
public record EnvironmentStatus(String name, int position, boolean degraded, String degradedReason, Release live,
                                List<Release> inFlight) {
    public EnvironmentStatus {
        inFlight = List.copyOf(inFlight);
    }

    /** How many requests wait for approvals. */
    public long pendingApprovals() {
        return inFlight.stream()
                .filter(r -> r.state() == io.releaseledger.release.ReleaseState.AWAITING_APPROVAL)
                .count();
    }
}
