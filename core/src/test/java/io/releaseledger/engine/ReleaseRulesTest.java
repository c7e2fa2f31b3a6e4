package io.releaseledger.engine;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.instanceOf;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.releaseledger.approval.Decision;
import io.releaseledger.environment.ApprovalPolicy;
import io.releaseledger.environment.Approver;
import io.releaseledger.environment.EnvironmentConfig;
import io.releaseledger.environment.EnvironmentPolicy;
import io.releaseledger.health.HealthSample;
import io.releaseledger.health.Verdict;
import io.releaseledger.health.Verification;
import io.releaseledger.ledger.LeaseAttempt;
import io.releaseledger.release.Release;
import io.releaseledger.release.ReleaseMode;
import io.releaseledger.release.ReleaseState;
import io.releaseledger.testing.TestStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * Drives releases one step at a time through {@link ReleaseRules}, as an asynchronous host does: no call
 * waits, the test performs each effect and feeds the event back.
 */
public class ReleaseRulesTest {
    private TestStore store;
    private EngineFixture f;
    private ReleaseRules steps;

    @Before
    public void open() throws Exception {
        store = TestStore.h2();
        f = new EngineFixture(store.config());
        steps = steps(EnvironmentPolicy.builder("staging", 1).build());
    }

    private ReleaseRules steps(EnvironmentPolicy... policies) {
        EnvironmentConfig config = new EnvironmentConfig(List.of(policies));
        for (EnvironmentPolicy p : policies) f.ledger.defineEnvironment(p.name(), p.order(), EngineFixture.ALICE);
        return new ReleaseRules(f.ledger, config, f.clock);
    }

    @After
    public void close() throws Exception {
        f.close();
        store.close();
    }

    /** Performs the effects of one applied event like a host would, until none asks for more; returns the release. */
    private Release drive(Release release, ReleaseEvent first, List<Deployment> bodies) throws Exception {
        ReleaseRules.Applied applied = steps.apply(release, first, EngineFixture.ALICE);
        Instant verificationStart = null;
        while (true) {
            ReleaseEvent next = null;
            for (Effect e : applied.effects()) {
                if (e instanceof Effect.AcquireLease) {
                    LeaseAttempt a = f.ledger.acquireLease("staging", "host", applied.release().id(), Duration.ofMinutes(1),
                            EngineFixture.ALICE);
                    assertThat(a, instanceOf(LeaseAttempt.Acquired.class));
                    next = new ReleaseEvent.LeaseAcquired();
                } else if (e instanceof Effect.RunDeploy run) {
                    Deployment d = steps.deployment(applied.release(), run);
                    bodies.add(d);
                    Throwable failure = null;
                    try {
                        f.body().deploy(d);
                    } catch (Exception ex) {
                        failure = ex;
                    }
                    next = ReleaseRules.deployOutcome(failure);
                } else if (e instanceof Effect.StartVerification || e instanceof Effect.ContinueVerification) {
                    ReleaseMode phase = applied.release().state() == ReleaseState.ROLLING_BACK ? ReleaseMode.ROLLBACK
                            : ReleaseMode.DEPLOY;
                    if (e instanceof Effect.StartVerification) verificationStart = f.clock.instant();
                    ReleaseRules.VerificationProgress p = steps.verification(applied.release(), phase, verificationStart);
                    if (p.nextRoundAt().isEmpty()) {
                        next = new ReleaseEvent.HealthSampled(p.decision());
                    } else {
                        Instant due = p.nextRoundAt().get();
                        if (due.isAfter(f.clock.instant())) f.clock.advance(Duration.between(f.clock.instant(), due));
                        next = new ReleaseEvent.HealthSampled(steps.takeRound(applied.release(), phase, verificationStart,
                                f.probes(), EngineFixture.ALICE, null));
                    }
                } else if (e instanceof Effect.ReleaseLease) {
                    f.ledger.currentLease("staging").ifPresent(l -> f.ledger.releaseLease(l, EngineFixture.ALICE));
                }
                if (next != null) break;
            }
            if (next == null) return applied.release();
            applied = steps.apply(applied.release(), next, EngineFixture.ALICE);
        }
    }

    @Test
    public void aReleaseIsDrivenToLiveOneStepAtATime() throws Exception {
        Release requested = steps.request(f.deploy("staging", "1.0.0"));
        assertEquals(ReleaseState.REQUESTED, requested.state());
        List<Deployment> bodies = new ArrayList<>();
        Release done = drive(requested, new ReleaseEvent.Requested(), bodies);
        assertEquals(ReleaseState.LIVE, done.state());
        assertEquals(1, bodies.size());
        assertEquals(ReleaseMode.DEPLOY, bodies.get(0).mode());
        // success threshold 2: two rounds, each one sample
        assertEquals(2, f.ledger.samples(done.id(), ReleaseMode.DEPLOY).size());
        assertTrue(f.ledger.currentLease("staging").isEmpty());
    }

    @Test
    public void anUnhealthyReleaseIsRolledBackWithTheKnownGoodArtifact() throws Exception {
        drive(steps.request(f.deploy("staging", "1.0.0")), new ReleaseEvent.Requested(), new ArrayList<>());
        f.healthAfter = d -> d.artifact().version().equals("2.0.0") ? 503 : 200;
        List<Deployment> bodies = new ArrayList<>();
        Release done = drive(steps.request(f.deploy("staging", "2.0.0")), new ReleaseEvent.Requested(), bodies);
        assertEquals(ReleaseState.ROLLED_BACK, done.state());
        assertEquals(List.of(ReleaseMode.DEPLOY, ReleaseMode.ROLLBACK), bodies.stream().map(Deployment::mode).toList());
        assertEquals("1.0.0", bodies.get(1).artifact().version());
        assertEquals(2, f.ledger.samples(done.id(), ReleaseMode.ROLLBACK).size());
    }

    @Test
    public void verificationProgressIsRebuiltFromRecordedSamples() throws Exception {
        Release r = steps.request(f.deploy("staging", "1.0.0"));
        ReleaseRules.Applied a = steps.apply(r, new ReleaseEvent.Requested(), EngineFixture.ALICE);
        f.ledger.acquireLease("staging", "host", r.id(), Duration.ofMinutes(1), EngineFixture.ALICE);
        a = steps.apply(a.release(), new ReleaseEvent.LeaseAcquired(), EngineFixture.ALICE);
        a = steps.apply(a.release(), new ReleaseEvent.DeploySucceeded(), EngineFixture.ALICE);
        assertEquals(ReleaseState.VERIFYING, a.release().state());
        Instant start = f.clock.instant();
        Verification.Decision first = steps.takeRound(a.release(), ReleaseMode.DEPLOY, start, f.probes(),
                EngineFixture.ALICE, null);
        Verification.Continue cont = (Verification.Continue) first;
        assertEquals(start.plusSeconds(10), cont.nextProbeAt());

        // A host that lost everything but the release id (and a different fallback start) sees the same schedule.
        ReleaseRules.VerificationProgress p = steps.verification(f.ledger.release(r.id()), ReleaseMode.DEPLOY,
                start.plusSeconds(999));
        assertEquals(start, p.start());
        assertEquals(1, p.lastRound());
        assertEquals(1, p.state().healthyStreak());
        assertEquals(cont.nextProbeAt(), p.nextRoundAt().orElseThrow());

        f.clock.advance(Duration.ofSeconds(10));
        List<HealthSample> seen = new ArrayList<>();
        Verification.Decision second = steps.takeRound(a.release(), ReleaseMode.DEPLOY, null, f.probes(),
                EngineFixture.ALICE, seen::add);
        assertEquals(Verdict.HEALTHY, ((Verification.Concluded) second).verdict());
        assertEquals(2, seen.get(0).round());
        Release verified = a.release();
        assertThrows(IllegalStateException.class, () -> steps.takeRound(verified, ReleaseMode.DEPLOY, null,
                f.probes(), EngineFixture.ALICE, null));
    }

    @Test
    public void aRoundAfterTheMaximumDurationConcludesWithoutProbing() throws Exception {
        Release r = steps.request(f.deploy("staging", "1.0.0"));
        Instant start = f.clock.instant();
        f.clock.advance(Duration.ofMinutes(3)); // plan: maxDuration 2m
        Verification.Decision d = steps.takeRound(r, ReleaseMode.DEPLOY, start, check -> {
            throw new AssertionError("must not probe");
        }, EngineFixture.ALICE, null);
        assertEquals(Verdict.INCONCLUSIVE, ((Verification.Concluded) d).verdict());
        assertTrue(f.ledger.samples(r.id(), ReleaseMode.DEPLOY).isEmpty());
    }

    @Test
    public void approvalsAreEvaluatedAndTurnIntoTheirEvent() {
        steps = steps(EnvironmentPolicy.builder("staging", 1)
                .approval(new ApprovalPolicy(1, Set.of(new Approver.User("bob")), false, Duration.ofHours(1)))
                .build());
        Release r = steps.request(f.deploy("staging", "1.0.0"));
        ReleaseRules.Applied a = steps.apply(r, new ReleaseEvent.Requested(), EngineFixture.ALICE);
        assertEquals(ReleaseState.AWAITING_APPROVAL, a.release().state());
        assertThat(a.effects().get(a.effects().size() - 1), instanceOf(Effect.WaitForApprovals.class));
        assertTrue(ReleaseRules.approvalEvent(steps.approvalStatus(a.release())).isEmpty());
        assertThat(steps.approvalStatus(a.release()).describe(), containsString("bob"));
        f.ledger.decide(r.id(), "bob", Set.of(), Decision.APPROVE, "ok", EngineFixture.ALICE);
        ReleaseEvent e = ReleaseRules.approvalEvent(steps.approvalStatus(a.release())).orElseThrow();
        assertEquals(new ReleaseEvent.Approved("bob"), e);
        assertEquals(ReleaseState.APPROVED, steps.apply(a.release(), e, EngineFixture.ALICE).release().state());
    }

    @Test
    public void aFailedBodyBecomesDeployFailedWithItsMessage() {
        assertEquals(new ReleaseEvent.DeployFailed("exit 1"), ReleaseRules.deployOutcome(new IllegalStateException("exit 1")));
        assertEquals(new ReleaseEvent.DeployFailed("IllegalStateException"),
                ReleaseRules.deployOutcome(new IllegalStateException()));
        assertEquals(new ReleaseEvent.DeploySucceeded(), ReleaseRules.deployOutcome(null));
    }
}
