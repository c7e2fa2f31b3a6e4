package io.releaseledger.engine;

import static io.releaseledger.release.ReleaseState.ABORTED;
import static io.releaseledger.release.ReleaseState.APPROVAL_TIMED_OUT;
import static io.releaseledger.release.ReleaseState.APPROVED;
import static io.releaseledger.release.ReleaseState.AWAITING_APPROVAL;
import static io.releaseledger.release.ReleaseState.DEPLOYING;
import static io.releaseledger.release.ReleaseState.DEPLOY_FAILED;
import static io.releaseledger.release.ReleaseState.INTERRUPTED;
import static io.releaseledger.release.ReleaseState.LIVE;
import static io.releaseledger.release.ReleaseState.REJECTED;
import static io.releaseledger.release.ReleaseState.REQUESTED;
import static io.releaseledger.release.ReleaseState.ROLLBACK_FAILED;
import static io.releaseledger.release.ReleaseState.ROLLED_BACK;
import static io.releaseledger.release.ReleaseState.ROLLING_BACK;
import static io.releaseledger.release.ReleaseState.UNHEALTHY;
import static io.releaseledger.release.ReleaseState.VERIFYING;

import io.releaseledger.environment.InconclusiveOutcome;
import io.releaseledger.health.Verdict;
import io.releaseledger.health.Verification;
import io.releaseledger.notify.Notification;
import io.releaseledger.release.Release;
import io.releaseledger.release.ReleaseMode;
import io.releaseledger.release.ReleaseState;
import java.util.ArrayList;
import java.util.List;

/**
 * The release state machine, as a pure function: given the release as the ledger holds it, an event
 * and the circumstances, it says which moves to record and which effects to perform. No I/O, no
 * clock, no randomness: the same inputs always give the same answer, which is what lets any
 * orchestrator (Jenkins, the CLI, a test) resume a release from the ledger alone.
 */
final class ReleaseMachine {
    private ReleaseMachine() {}

    /**
     * @throws UnexpectedEventException if the event cannot happen in the release's state
     */
    public static Next next(Release release, ReleaseEvent event, Circumstances c) {
        return event.accept(new Transitions(release, event, c));
    }

    /** What each event means for the release in its state: one method per kind of event. */
    private record Transitions(Release release, ReleaseEvent event, Circumstances c) implements ReleaseEvent.Handler<Next> {

        @Override
        public Next requested(ReleaseEvent.Requested e) {
            require(release.state() == REQUESTED);
            return ReleaseMachine.requested(c);
        }

        @Override
        public Next approved(ReleaseEvent.Approved e) {
            require(release.state() == AWAITING_APPROVAL);
            return Next.of(List.of(Move.to(APPROVED, "approved by " + e.by())), new Effect.AcquireLease());
        }

        @Override
        public Next rejected(ReleaseEvent.Rejected e) {
            require(release.state() == AWAITING_APPROVAL);
            return Next.of(List.of(Move.to(REJECTED, "rejected by " + e.by()
                    + (e.comment() == null || e.comment().isBlank() ? "" : ": " + e.comment()))));
        }

        @Override
        public Next approvalTimedOut(ReleaseEvent.ApprovalTimedOut e) {
            require(release.state() == AWAITING_APPROVAL);
            return Next.of(List.of(Move.to(APPROVAL_TIMED_OUT, e.detail())));
        }

        @Override
        public Next leaseAcquired(ReleaseEvent.LeaseAcquired e) {
            require(release.state() == APPROVED);
            return Next.of(List.of(Move.to(DEPLOYING, "lease acquired; running the "
                    + release.mode().environmentValue() + " body")), new Effect.RunDeploy(release.mode(), release.id()));
        }

        @Override
        public Next deploySucceeded(ReleaseEvent.DeploySucceeded e) {
            require(release.state() == DEPLOYING || release.state() == ROLLING_BACK);
            return release.state() == DEPLOYING
                    ? Next.of(List.of(Move.to(VERIFYING, "deploy body succeeded; verifying health")),
                            new Effect.StartVerification(ReleaseMode.DEPLOY))
                    : Next.effects(new Effect.StartVerification(ReleaseMode.ROLLBACK));
        }

        @Override
        public Next deployFailed(ReleaseEvent.DeployFailed e) {
            require(release.state() == DEPLOYING || release.state() == ROLLING_BACK);
            return release.state() == DEPLOYING
                    ? failed(release, DEPLOY_FAILED, "deploy body failed: " + e.reason(), c)
                    : rollbackFailed(release, "the rollback deploy body failed: " + e.reason());
        }

        @Override
        public Next healthSampled(ReleaseEvent.HealthSampled e) {
            require(release.state() == VERIFYING || release.state() == ROLLING_BACK);
            if (e.decision() instanceof Verification.Continue next) {
                return Next.effects(new Effect.ContinueVerification(next.nextProbeAt()));
            }
            var concluded = (Verification.Concluded) e.decision(); // Decision is Continue or Concluded
            return verified(release, concluded.verdict(), concluded.reason(), c);
        }

        @Override
        public Next verificationTimedOut(ReleaseEvent.VerificationTimedOut e) {
            require(release.state() == VERIFYING || release.state() == ROLLING_BACK);
            return verified(release, Verdict.INCONCLUSIVE, e.reason(), c);
        }

        @Override
        public Next aborted(ReleaseEvent.Aborted e) {
            require(release.state().isInFlight());
            return Next.of(List.of(Move.to(ABORTED, "aborted by " + e.by()
                    + (e.reason() == null || e.reason().isBlank() ? "" : ": " + e.reason()))), new Effect.ReleaseLease());
        }

        @Override
        public Next ownerLost(ReleaseEvent.OwnerLost e) {
            require(release.state().isInFlight());
            return Next.of(List.of(Move.to(INTERRUPTED, e.reason())));
        }

        @Override
        public Next resumed(ReleaseEvent.Resumed e) {
            return ReleaseMachine.resumed(release, c);
        }

        private void require(boolean applies) {
            if (!applies) {
                throw new UnexpectedEventException(release, event);
            }
        }
    }

    private static Next requested(Circumstances c) {
        return c.approvalsRequired()
                // Notify first: waiting ends with the decision that drives the next step.
                ? Next.of(List.of(Move.to(AWAITING_APPROVAL, "waiting for approvals")),
                        new Effect.Notify(Notification.Kind.APPROVAL_REQUESTED, "approval requested"),
                        new Effect.WaitForApprovals())
                : Next.of(List.of(Move.to(APPROVED, "no approvals required")), new Effect.AcquireLease());
    }

    /** What a verification's verdict means for the release, by phase. */
    private static Next verified(Release release, Verdict verdict, String reason, Circumstances c) {
        boolean accepted = switch (verdict) {
            case HEALTHY -> true;
            case UNHEALTHY -> false;
            case INCONCLUSIVE -> c.onInconclusive() == InconclusiveOutcome.HEALTHY;
        };
        String why = switch (verdict) {
            case HEALTHY -> "verified healthy: " + reason;
            case UNHEALTHY -> "unhealthy: " + reason;
            case INCONCLUSIVE -> "inconclusive (" + (accepted ? "accepted" : "treated as unhealthy")
                    + " by policy): " + reason;
        };
        if (release.state() == VERIFYING) {
            return accepted
                    ? Next.of(List.of(Move.to(LIVE, why)), new Effect.ReleaseLease())
                    : failed(release, UNHEALTHY, why, c);
        }
        return accepted
                ? Next.of(List.of(Move.to(ROLLED_BACK, "rolled back to release " + release.rollbackTargetId()
                        + "; " + why)), new Effect.ReleaseLease(), new Effect.Notify(Notification.Kind.ROLLBACK_PERFORMED,
                        "rolled back to release " + release.rollbackTargetId() + " after: " + failureBehind(release)))
                : rollbackFailed(release, "the rollback's verification failed: " + why);
    }

    /** A failed deploy or verification: record it, then roll back if the policy says so and there is a target. */
    private static Next failed(Release release, ReleaseState failure, String why, Circumstances c) {
        List<Move> moves = new ArrayList<>();
        if (release.mode() == ReleaseMode.ROLLBACK) {
            // A rollback that fails is not rolled back in turn: what runs is unknown, so a person must look.
            moves.add(Move.to(failure, why + "; a manual rollback is not rolled back in turn: "
                    + release.environment() + " is degraded"));
            return Next.of(moves, new Effect.ReleaseLease(), new Effect.Notify(Notification.Kind.ROLLBACK_FAILED,
                    "the manual rollback to " + release.coordinates() + " failed: " + why));
        }
        if (!c.autoRollback()) {
            moves.add(Move.to(failure, why + "; automatic rollback is off for " + release.environment()));
            return Next.of(moves, new Effect.ReleaseLease());
        }
        if (c.knownGood() == null) {
            moves.add(Move.to(failure, why + "; nothing to roll back to: no earlier release was ever live in "
                    + release.environment()));
            return Next.of(moves, new Effect.ReleaseLease());
        }
        moves.add(Move.to(failure, why));
        moves.add(new Move(ROLLING_BACK, rollingBack(c.knownGood(), why), c.knownGood()));
        return Next.of(moves, new Effect.RunDeploy(ReleaseMode.ROLLBACK, c.knownGood()));
    }

    /** The reason recorded with {@code ROLLING_BACK}: the target, then the failure that caused it. */
    private static String rollingBack(long target, String failure) {
        return "rolling back to release " + target + " after: " + failure;
    }

    /**
     * The failure a release in {@code ROLLING_BACK} is being rolled back for: its recorded reason without the
     * {@link #rollingBack} prefix, so a message about the rollback says "after: unhealthy …" once, not twice.
     */
    static String failureBehind(Release rollingBack) {
        String reason = rollingBack.reason() == null ? "" : rollingBack.reason();
        String prefix = rollingBack.rollbackTargetId() == null ? null : rollingBack(rollingBack.rollbackTargetId(), "");
        return prefix != null && reason.startsWith(prefix) ? reason.substring(prefix.length()) : reason;
    }

    private static Next rollbackFailed(Release release, String why) {
        return Next.of(List.of(Move.to(ROLLBACK_FAILED, why)), new Effect.ReleaseLease(),
                new Effect.Notify(Notification.Kind.ROLLBACK_FAILED, why));
    }

    /** Picks a release up from its persisted state alone. */
    private static Next resumed(Release release, Circumstances c) {
        return switch (release.state()) {
            case REQUESTED -> requested(c);
            case AWAITING_APPROVAL -> Next.effects(new Effect.WaitForApprovals());
            case APPROVED -> Next.effects(new Effect.AcquireLease());
            // Whether the body finished before the restart is unknown: deploy bodies must be idempotent.
            case DEPLOYING -> Next.effects(new Effect.ReacquireLease(),
                    new Effect.RunDeploy(release.mode(), release.id()));
            case VERIFYING -> Next.effects(new Effect.ReacquireLease(), new Effect.StartVerification(ReleaseMode.DEPLOY));
            // Rollback samples exist only once its body finished; without them, run the body again.
            case ROLLING_BACK -> c.rollbackVerificationStarted()
                    ? Next.effects(new Effect.ReacquireLease(), new Effect.StartVerification(ReleaseMode.ROLLBACK))
                    : Next.effects(new Effect.ReacquireLease(),
                            new Effect.RunDeploy(ReleaseMode.ROLLBACK, release.rollbackTargetId()));
            // Recorded the failure but not yet the rollback: decide it again.
            case DEPLOY_FAILED, UNHEALTHY -> c.autoRollback() && c.knownGood() != null
                    ? new Next(List.of(new Move(ROLLING_BACK, rollingBack(c.knownGood(), release.reason()), c.knownGood())),
                            List.of(new Effect.ReacquireLease(), new Effect.RunDeploy(ReleaseMode.ROLLBACK, c.knownGood())))
                    : Next.effects(new Effect.ReleaseLease());
            case LIVE, SUPERSEDED, REJECTED, APPROVAL_TIMED_OUT, ROLLED_BACK, ROLLBACK_FAILED, ABORTED, INTERRUPTED ->
                    Next.effects(new Effect.ReleaseLease());
        };
    }
}
