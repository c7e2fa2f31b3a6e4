package io.releaseledger.engine;

import io.releaseledger.health.Verification;
import java.util.Locale;
import java.util.Objects;

/**
 * Something that happened to a release, fed to {@code ReleaseMachine.next}. {@link ReleaseRun} performs the
 * machine's effects and reports back with these. The machine takes each through a {@link Handler}, one method per
 * kind of event: exhaustive on Java 17 (no pattern matching for {@code switch}), without a cast, and a new event does
 * not compile until the machine says what it means in every state.
 */
sealed interface ReleaseEvent {

    /** Hands this event to the handler's method for its kind. */
    <R> R accept(Handler<R> handler);

    /** The event's name in messages, e.g. {@code DEPLOY_SUCCEEDED}. */
    default String name() {
        return getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

    /** What is done with each kind of event. */
    interface Handler<R> {
        R requested(Requested event);

        R approved(Approved event);

        R rejected(Rejected event);

        R approvalTimedOut(ApprovalTimedOut event);

        R leaseAcquired(LeaseAcquired event);

        R deploySucceeded(DeploySucceeded event);

        R deployFailed(DeployFailed event);

        R healthSampled(HealthSampled event);

        R verificationTimedOut(VerificationTimedOut event);

        R aborted(Aborted event);

        R ownerLost(OwnerLost event);

        R resumed(Resumed event);
    }

    /** The release passed the promotion rules and was recorded. */
    record Requested() implements ReleaseEvent {
        public <R> R accept(Handler<R> handler) {
            return handler.requested(this);
        }
    }

    /** Enough allowed approvers approved. {@code by} names them, for the record. */
    record Approved(String by) implements ReleaseEvent {
        public <R> R accept(Handler<R> handler) {
            return handler.approved(this);
        }
    }

    record Rejected(String by, String comment) implements ReleaseEvent {
        public <R> R accept(Handler<R> handler) {
            return handler.rejected(this);
        }
    }

    record ApprovalTimedOut(String detail) implements ReleaseEvent {
        public <R> R accept(Handler<R> handler) {
            return handler.approvalTimedOut(this);
        }
    }

    /** This owner now holds the environment's deployment lease. */
    record LeaseAcquired() implements ReleaseEvent {
        public <R> R accept(Handler<R> handler) {
            return handler.leaseAcquired(this);
        }
    }

    /** The deploy body (deploy or rollback mode) finished successfully. */
    record DeploySucceeded() implements ReleaseEvent {
        public <R> R accept(Handler<R> handler) {
            return handler.deploySucceeded(this);
        }
    }

    record DeployFailed(String reason) implements ReleaseEvent {
        public <R> R accept(Handler<R> handler) {
            return handler.deployFailed(this);
        }
    }

    /** A verification round was recorded; the evaluator says continue or concluded. */
    record HealthSampled(Verification.Decision decision) implements ReleaseEvent {
        public HealthSampled {
            Objects.requireNonNull(decision, "decision");
        }

        public <R> R accept(Handler<R> handler) {
            return handler.healthSampled(this);
        }
    }

    /** The verification's maximum duration passed without a verdict (e.g. found on resume). */
    record VerificationTimedOut(String reason) implements ReleaseEvent {
        public <R> R accept(Handler<R> handler) {
            return handler.verificationTimedOut(this);
        }
    }

    /** A person or the pipeline stopped the release. Never retried. */
    record Aborted(String by, String reason) implements ReleaseEvent {
        public <R> R accept(Handler<R> handler) {
            return handler.aborted(this);
        }
    }

    /** The owner lost its lease (it expired or was taken over). */
    record OwnerLost(String reason) implements ReleaseEvent {
        public <R> R accept(Handler<R> handler) {
            return handler.ownerLost(this);
        }
    }

    /** An orchestrator picked the release up again from the ledger, e.g. after a restart. */
    record Resumed() implements ReleaseEvent {
        public <R> R accept(Handler<R> handler) {
            return handler.resumed(this);
        }
    }
}
