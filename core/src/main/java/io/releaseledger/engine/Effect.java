package io.releaseledger.engine;

import io.releaseledger.notify.Notification;
import io.releaseledger.release.ReleaseMode;
import java.time.Instant;

/** Work the machine asks the adapter to do; each ends by feeding an event back (or by nothing to wait for). */
public sealed interface Effect {

    /** Wait for approval decisions; report Approved, Rejected or ApprovalTimedOut. */
    record WaitForApprovals() implements Effect {}

    /** Wait for the environment's deployment lease; report LeaseAcquired. */
    record AcquireLease() implements Effect {}

    /** Take back the lease this owner held before a restart; report OwnerLost if someone else has it. */
    record ReacquireLease() implements Effect {}

    /**
     * Run the deploy body in {@code mode} with the artifact of release {@code artifactOf} (the release
     * itself, or the known-good release being rolled back to); report DeploySucceeded or DeployFailed.
     */
    record RunDeploy(ReleaseMode mode, long artifactOf) implements Effect {}

    /** Verify health for {@code phase}, replaying the samples already recorded; report HealthSampled. */
    record StartVerification(ReleaseMode phase) implements Effect {}

    /** Probe the next round at {@code at}; report HealthSampled. */
    record ContinueVerification(Instant at) implements Effect {}

    /** Give the environment's lease back (a no-op when not held). */
    record ReleaseLease() implements Effect {}

    /** Tell people; delivery failures never affect the release. */
    record Notify(Notification.Kind kind, String message) implements Effect {}
}
