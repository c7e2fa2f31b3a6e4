package io.releaseledger.engine;

import static io.releaseledger.release.ReleaseState.*;
import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.releaseledger.artifact.Digest;
import io.releaseledger.environment.InconclusiveOutcome;
import io.releaseledger.health.Verdict;
import io.releaseledger.health.Verification;
import io.releaseledger.notify.Notification;
import io.releaseledger.release.Release;
import io.releaseledger.release.ReleaseMode;
import io.releaseledger.release.ReleaseState;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.junit.Test;

/** The pure state machine: every event in every state it applies to, and the refusals. */
public class ReleaseMachineTest {
    private static final Instant T = Instant.parse("2026-11-29T10:00:00Z");
    private static final long KNOWN_GOOD = 7L;

    static Release release(ReleaseState state) {
        return release(state, ReleaseMode.DEPLOY, null);
    }

    static Release release(ReleaseState state, ReleaseMode mode, Long rollbackTarget) {
        return new Release(42, "production", "payments-api", "2.0.0", Digest.sha256(new byte[] {2}), mode, state,
                "why", rollbackTarget, "alice", "test", T, T, null);
    }

    static Circumstances policy(boolean approvals, boolean autoRollback, Long knownGood) {
        return new Circumstances(approvals, autoRollback, InconclusiveOutcome.UNHEALTHY, knownGood, false);
    }

    static final Circumstances DEFAULT = policy(false, true, KNOWN_GOOD);

    static ReleaseEvent verdict(Verdict v) {
        return new ReleaseEvent.HealthSampled(new Verification.Concluded(v, "3 rounds", T));
    }

    static List<ReleaseState> moves(Next next) {
        return next.moves().stream().map(Move::to).toList();
    }

    @Test
    public void requestWithoutApprovalsGoesStraightToTheLease() {
        Next next = ReleaseMachine.next(release(REQUESTED), new ReleaseEvent.Requested(), DEFAULT);
        assertEquals(List.of(APPROVED), moves(next));
        assertEquals(List.of(new Effect.AcquireLease()), next.effects());
    }

    @Test
    public void requestNeedingApprovalsWaitsAndAsksForThem() {
        Next next = ReleaseMachine.next(release(REQUESTED), new ReleaseEvent.Requested(), policy(true, true, null));
        assertEquals(List.of(AWAITING_APPROVAL), moves(next));
        assertEquals(Notification.Kind.APPROVAL_REQUESTED, ((Effect.Notify) next.effects().get(0)).kind());
        assertEquals(new Effect.WaitForApprovals(), next.effects().get(1));
    }

    @Test
    public void approvalLeadsToTheLease() {
        Next next = ReleaseMachine.next(release(AWAITING_APPROVAL), new ReleaseEvent.Approved("bob, carol"), DEFAULT);
        assertEquals(List.of(APPROVED), moves(next));
        assertThat(next.moves().get(0).reason(), containsString("bob, carol"));
        assertEquals(List.of(new Effect.AcquireLease()), next.effects());
    }

    @Test
    public void rejectionEndsTheRequestWithTheComment() {
        Next next = ReleaseMachine.next(release(AWAITING_APPROVAL), new ReleaseEvent.Rejected("bob", "not on a Friday"),
                DEFAULT);
        assertEquals(List.of(REJECTED), moves(next));
        assertEquals("rejected by bob: not on a Friday", next.moves().get(0).reason());
        assertTrue(next.effects().isEmpty());
    }

    @Test
    public void approvalTimeoutEndsTheRequest() {
        Next next = ReleaseMachine.next(release(AWAITING_APPROVAL), new ReleaseEvent.ApprovalTimedOut("24h passed"),
                DEFAULT);
        assertEquals(List.of(APPROVAL_TIMED_OUT), moves(next));
    }

    @Test
    public void leaseStartsTheDeployBodyWithTheReleasesOwnArtifact() {
        Next next = ReleaseMachine.next(release(APPROVED), new ReleaseEvent.LeaseAcquired(), DEFAULT);
        assertEquals(List.of(DEPLOYING), moves(next));
        assertEquals(List.of(new Effect.RunDeploy(ReleaseMode.DEPLOY, 42)), next.effects());
    }

    @Test
    public void successfulBodyStartsVerification() {
        Next next = ReleaseMachine.next(release(DEPLOYING), new ReleaseEvent.DeploySucceeded(), DEFAULT);
        assertEquals(List.of(VERIFYING), moves(next));
        assertEquals(List.of(new Effect.StartVerification(ReleaseMode.DEPLOY)), next.effects());
    }

    @Test
    public void failedBodyRollsBackToTheKnownGood() {
        Next next = ReleaseMachine.next(release(DEPLOYING), new ReleaseEvent.DeployFailed("exit 1"), DEFAULT);
        assertEquals(List.of(DEPLOY_FAILED, ROLLING_BACK), moves(next));
        assertEquals(KNOWN_GOOD, (long) next.moves().get(1).rollbackTarget());
        assertEquals(List.of(new Effect.RunDeploy(ReleaseMode.ROLLBACK, KNOWN_GOOD)), next.effects());
    }

    @Test
    public void failedFirstDeploymentFailsLoudlyWithNothingToRollBackTo() {
        Next next = ReleaseMachine.next(release(DEPLOYING), new ReleaseEvent.DeployFailed("exit 1"),
                policy(false, true, null));
        assertEquals(List.of(DEPLOY_FAILED), moves(next));
        assertThat(next.moves().get(0).reason(), containsString("nothing to roll back to"));
        assertEquals(List.of(new Effect.ReleaseLease()), next.effects());
    }

    @Test
    public void failureWithAutoRollbackOffStopsThere() {
        Next next = ReleaseMachine.next(release(VERIFYING), verdict(Verdict.UNHEALTHY), policy(false, false, KNOWN_GOOD));
        assertEquals(List.of(UNHEALTHY), moves(next));
        assertThat(next.moves().get(0).reason(), containsString("automatic rollback is off"));
    }

    @Test
    public void failedManualRollbackIsNotRolledBackInTurnAndNotifies() {
        Release manual = release(DEPLOYING, ReleaseMode.ROLLBACK, null);
        Next next = ReleaseMachine.next(manual, new ReleaseEvent.DeployFailed("exit 1"), DEFAULT);
        assertEquals(List.of(DEPLOY_FAILED), moves(next));
        assertThat(next.moves().get(0).reason(), containsString("production is degraded"));
        assertEquals(List.of(new Effect.ReleaseLease(), new Effect.Notify(Notification.Kind.ROLLBACK_FAILED,
                "the manual rollback to payments-api 2.0.0 failed: deploy body failed: exit 1")), next.effects());

        next = ReleaseMachine.next(release(VERIFYING, ReleaseMode.ROLLBACK, null), verdict(Verdict.UNHEALTHY), DEFAULT);
        assertEquals(List.of(UNHEALTHY), moves(next));
        assertTrue(next.effects().stream().anyMatch(e -> e instanceof Effect.Notify n
                && n.kind() == Notification.Kind.ROLLBACK_FAILED));
    }

    @Test
    public void healthyVerdictGoesLiveAndFreesTheLease() {
        Next next = ReleaseMachine.next(release(VERIFYING), verdict(Verdict.HEALTHY), DEFAULT);
        assertEquals(List.of(LIVE), moves(next));
        assertEquals(List.of(new Effect.ReleaseLease()), next.effects());
    }

    @Test
    public void unhealthyVerdictRollsBack() {
        Next next = ReleaseMachine.next(release(VERIFYING), verdict(Verdict.UNHEALTHY), DEFAULT);
        assertEquals(List.of(UNHEALTHY, ROLLING_BACK), moves(next));
    }

    @Test
    public void inconclusiveIsUnhealthyByDefault() {
        Next next = ReleaseMachine.next(release(VERIFYING), verdict(Verdict.INCONCLUSIVE), DEFAULT);
        assertEquals(List.of(UNHEALTHY, ROLLING_BACK), moves(next));
        assertThat(next.moves().get(0).reason(), containsString("treated as unhealthy"));
    }

    @Test
    public void inconclusiveCanBeAcceptedByPolicy() {
        Circumstances lenient = new Circumstances(false, true, InconclusiveOutcome.HEALTHY, KNOWN_GOOD, false);
        Next next = ReleaseMachine.next(release(VERIFYING), verdict(Verdict.INCONCLUSIVE), lenient);
        assertEquals(List.of(LIVE), moves(next));
    }

    @Test
    public void verificationTimeoutCountsAsInconclusive() {
        Next next = ReleaseMachine.next(release(VERIFYING), new ReleaseEvent.VerificationTimedOut("5m passed"), DEFAULT);
        assertEquals(List.of(UNHEALTHY, ROLLING_BACK), moves(next));
    }

    @Test
    public void continuingVerificationRecordsNothing() {
        Instant at = T.plusSeconds(10);
        Next next = ReleaseMachine.next(release(VERIFYING),
                new ReleaseEvent.HealthSampled(new Verification.Continue(at)), DEFAULT);
        assertEquals(List.of(), moves(next));
        assertEquals(List.of(new Effect.ContinueVerification(at)), next.effects());
    }

    @Test
    public void rollbackBodySuccessVerifiesTheRollback() {
        Next next = ReleaseMachine.next(release(ROLLING_BACK, ReleaseMode.DEPLOY, KNOWN_GOOD),
                new ReleaseEvent.DeploySucceeded(), DEFAULT);
        assertEquals(List.of(), moves(next));
        assertEquals(List.of(new Effect.StartVerification(ReleaseMode.ROLLBACK)), next.effects());
    }

    @Test
    public void healthyRollbackIsRolledBackAndNotified() {
        Next next = ReleaseMachine.next(release(ROLLING_BACK, ReleaseMode.DEPLOY, KNOWN_GOOD),
                verdict(Verdict.HEALTHY), DEFAULT);
        assertEquals(List.of(ROLLED_BACK), moves(next));
        assertEquals(Notification.Kind.ROLLBACK_PERFORMED, ((Effect.Notify) next.effects().get(1)).kind());
    }

    @Test
    public void rollbackPerformedNotificationNamesTheFailureOnceWithoutTheRollingBackPrefix() {
        Next failed = ReleaseMachine.next(release(VERIFYING), verdict(Verdict.UNHEALTHY), DEFAULT);
        Move rollingBack = failed.moves().get(1);
        assertEquals(ROLLING_BACK, rollingBack.to());
        // The release as the ledger holds it after those moves: ROLLING_BACK, with that move's reason.
        Release recorded = new Release(42, "production", "payments-api", "2.0.0", Digest.sha256(new byte[] {2}),
                ReleaseMode.DEPLOY, ROLLING_BACK, rollingBack.reason(), KNOWN_GOOD, "alice", "test", T, T, null);
        Next next = ReleaseMachine.next(recorded, verdict(Verdict.HEALTHY), DEFAULT);
        Effect.Notify notify = (Effect.Notify) next.effects().get(1);
        assertEquals("rolled back to release 7 after: unhealthy: 3 rounds", notify.message());
    }

    @Test
    public void rollbackWhoseVerificationFailsIsRollbackFailed() {
        Next next = ReleaseMachine.next(release(ROLLING_BACK, ReleaseMode.DEPLOY, KNOWN_GOOD),
                verdict(Verdict.UNHEALTHY), DEFAULT);
        assertEquals(List.of(ROLLBACK_FAILED), moves(next));
        assertEquals(Notification.Kind.ROLLBACK_FAILED, ((Effect.Notify) next.effects().get(1)).kind());
    }

    @Test
    public void rollbackWhoseBodyFailsIsRollbackFailed() {
        Next next = ReleaseMachine.next(release(ROLLING_BACK, ReleaseMode.DEPLOY, KNOWN_GOOD),
                new ReleaseEvent.DeployFailed("exit 2"), DEFAULT);
        assertEquals(List.of(ROLLBACK_FAILED), moves(next));
    }

    @Test
    public void abortIsAllowedInEveryInFlightStateAndFreesTheLease() {
        for (ReleaseState s : ReleaseState.values()) {
            if (s.isInFlight()) {
                Next next = ReleaseMachine.next(release(s), new ReleaseEvent.Aborted("alice", "wrong version"), DEFAULT);
                assertEquals(s + "", List.of(ABORTED), moves(next));
                assertEquals(List.of(new Effect.ReleaseLease()), next.effects());
            } else {
                assertThrows(s + "", UnexpectedEventException.class,
                        () -> ReleaseMachine.next(release(s), new ReleaseEvent.Aborted("alice", null), DEFAULT));
            }
        }
    }

    @Test
    public void lostOwnerInterruptsAnInFlightRelease() {
        Next next = ReleaseMachine.next(release(VERIFYING), new ReleaseEvent.OwnerLost("lease expired"), DEFAULT);
        assertEquals(List.of(INTERRUPTED), moves(next));
    }

    @Test
    public void refusesAnEventThatCannotHappenInTheState() {
        var e = assertThrows(UnexpectedEventException.class,
                () -> ReleaseMachine.next(release(LIVE), new ReleaseEvent.DeploySucceeded(), DEFAULT));
        assertEquals("release 42 is LIVE; DEPLOY_SUCCEEDED does not apply in that state", e.getMessage());
    }

    @Test
    public void everyMoveTheMachineMakesIsOneTheLedgerAllows() {
        List<ReleaseEvent> events = List.of(new ReleaseEvent.Requested(), new ReleaseEvent.Approved("b"),
                new ReleaseEvent.Rejected("b", "c"), new ReleaseEvent.ApprovalTimedOut("t"),
                new ReleaseEvent.LeaseAcquired(), new ReleaseEvent.DeploySucceeded(),
                new ReleaseEvent.DeployFailed("x"), verdict(Verdict.HEALTHY), verdict(Verdict.UNHEALTHY),
                verdict(Verdict.INCONCLUSIVE), new ReleaseEvent.VerificationTimedOut("t"),
                new ReleaseEvent.Aborted("a", "r"), new ReleaseEvent.OwnerLost("l"), new ReleaseEvent.Resumed());
        int checked = 0;
        for (ReleaseState s : ReleaseState.values()) {
            for (ReleaseEvent e : events) {
                for (Circumstances c : List.of(DEFAULT, policy(true, false, null))) {
                    Next next;
                    try {
                        next = ReleaseMachine.next(release(s, ReleaseMode.DEPLOY, KNOWN_GOOD), e, c);
                    } catch (UnexpectedEventException refused) {
                        continue;
                    }
                    ReleaseState from = s;
                    for (Move m : next.moves()) {
                        assertTrue(from + " -> " + m.to() + " on " + e.name(), from.canMoveTo(m.to()));
                        from = m.to();
                    }
                    checked++;
                }
            }
        }
        assertTrue(checked > 40);
    }

    @Test
    public void resumeDerivesTheRemainingWorkFromTheStateAlone() {
        assertEquals(List.of(new Effect.WaitForApprovals()),
                ReleaseMachine.next(release(AWAITING_APPROVAL), new ReleaseEvent.Resumed(), DEFAULT).effects());
        assertEquals(List.of(new Effect.AcquireLease()),
                ReleaseMachine.next(release(APPROVED), new ReleaseEvent.Resumed(), DEFAULT).effects());
        assertEquals(List.of(new Effect.ReacquireLease(), new Effect.RunDeploy(ReleaseMode.DEPLOY, 42)),
                ReleaseMachine.next(release(DEPLOYING), new ReleaseEvent.Resumed(), DEFAULT).effects());
        assertEquals(List.of(new Effect.ReacquireLease(), new Effect.StartVerification(ReleaseMode.DEPLOY)),
                ReleaseMachine.next(release(VERIFYING), new ReleaseEvent.Resumed(), DEFAULT).effects());
        Release rollingBack = release(ROLLING_BACK, ReleaseMode.DEPLOY, KNOWN_GOOD);
        assertEquals(List.of(new Effect.ReacquireLease(), new Effect.RunDeploy(ReleaseMode.ROLLBACK, KNOWN_GOOD)),
                ReleaseMachine.next(rollingBack, new ReleaseEvent.Resumed(), DEFAULT).effects());
        Circumstances sampled = new Circumstances(false, true, InconclusiveOutcome.UNHEALTHY, KNOWN_GOOD, true);
        assertEquals(List.of(new Effect.ReacquireLease(), new Effect.StartVerification(ReleaseMode.ROLLBACK)),
                ReleaseMachine.next(rollingBack, new ReleaseEvent.Resumed(), sampled).effects());
        assertEquals(List.of(ROLLING_BACK), moves(ReleaseMachine.next(release(UNHEALTHY), new ReleaseEvent.Resumed(),
                DEFAULT)));
        for (ReleaseState settled : EnumSet.of(LIVE, SUPERSEDED, ROLLED_BACK, ROLLBACK_FAILED, ABORTED, INTERRUPTED)) {
            Next next = ReleaseMachine.next(release(settled), new ReleaseEvent.Resumed(), DEFAULT);
            assertEquals(List.of(), next.moves());
            assertEquals(List.of(new Effect.ReleaseLease()), next.effects());
        }
    }
}
