package io.releaseledger.engine;

import io.releaseledger.health.Verification;
import java.util.Objects;

/**
 * Something that happened to a release, fed to {@code ReleaseMachine.next}. Adapters perform the
 * machine's effects and report back with these.
 */
sealed interface ReleaseEvent {

    /** Which event this is; lets the machine switch over the sealed set exhaustively on Java 17. */
    Kind kind();

    enum Kind {
        REQUESTED, APPROVED, REJECTED, APPROVAL_TIMED_OUT, LEASE_ACQUIRED, DEPLOY_SUCCEEDED, DEPLOY_FAILED,
        HEALTH_SAMPLED, VERIFICATION_TIMED_OUT, ABORTED, OWNER_LOST, RESUMED
    }

    /** The release passed the promotion rules and was recorded. */
    record Requested() implements ReleaseEvent {
        public Kind kind() { return Kind.REQUESTED; }
    }

    /** Enough allowed approvers approved. {@code by} names them, for the record. */
    record Approved(String by) implements ReleaseEvent {
        public Kind kind() { return Kind.APPROVED; }
    }

    record Rejected(String by, String comment) implements ReleaseEvent {
        public Kind kind() { return Kind.REJECTED; }
    }

    record ApprovalTimedOut(String detail) implements ReleaseEvent {
        public Kind kind() { return Kind.APPROVAL_TIMED_OUT; }
    }

    /** This owner now holds the environment's deployment lease. */
    record LeaseAcquired() implements ReleaseEvent {
        public Kind kind() { return Kind.LEASE_ACQUIRED; }
    }

    /** The deploy body (deploy or rollback mode) finished successfully. */
    record DeploySucceeded() implements ReleaseEvent {
        public Kind kind() { return Kind.DEPLOY_SUCCEEDED; }
    }

    record DeployFailed(String reason) implements ReleaseEvent {
        public Kind kind() { return Kind.DEPLOY_FAILED; }
    }

    /** A verification round was recorded; the evaluator says continue or concluded. */
    record HealthSampled(Verification.Decision decision) implements ReleaseEvent {
        public HealthSampled {
            Objects.requireNonNull(decision, "decision");
        }

        public Kind kind() { return Kind.HEALTH_SAMPLED; }
    }

    /** The verification's maximum duration passed without a verdict (e.g. found on resume). */
    record VerificationTimedOut(String reason) implements ReleaseEvent {
        public Kind kind() { return Kind.VERIFICATION_TIMED_OUT; }
    }

    /** A person or the pipeline stopped the release. Never retried. */
    record Aborted(String by, String reason) implements ReleaseEvent {
        public Kind kind() { return Kind.ABORTED; }
    }

    /** The owner lost its lease (it expired or was taken over). */
    record OwnerLost(String reason) implements ReleaseEvent {
        public Kind kind() { return Kind.OWNER_LOST; }
    }

    /** An orchestrator picked the release up again from the ledger, e.g. after a restart. */
    record Resumed() implements ReleaseEvent {
        public Kind kind() { return Kind.RESUMED; }
    }
}
