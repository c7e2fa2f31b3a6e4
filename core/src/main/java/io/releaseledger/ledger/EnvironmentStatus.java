package io.releaseledger.ledger;

import io.releaseledger.release.Release;
import java.util.List;

/**
 * One row of the dashboard: what runs in an environment and what is under way there.
 *
 * @param live        the release verified and running, or {@code null} before the first
 * @param inFlight    releases requested, awaiting approval, deploying, verifying or rolling back, newest first
 * @param interrupted releases the ledger still records in flight whose owner is gone (its lease expired); they read
 *                    INTERRUPTED ({@link Release#lostOwner()}) until a write records it, newest first
 */
public record EnvironmentStatus(String name, int position, boolean degraded, String degradedReason, Release live,
                                List<Release> inFlight, List<Release> interrupted) {
    public EnvironmentStatus {
        inFlight = List.copyOf(inFlight);
        interrupted = List.copyOf(interrupted);
    }

    /** A row with nothing interrupted. */
    public EnvironmentStatus(String name, int position, boolean degraded, String degradedReason, Release live,
                             List<Release> inFlight) {
        this(name, position, degraded, degradedReason, live, inFlight, List.of());
    }

    /** How many requests wait for approvals. */
    public long pendingApprovals() {
        return inFlight.stream()
                .filter(r -> r.state() == io.releaseledger.release.ReleaseState.AWAITING_APPROVAL)
                .count();
    }
}
