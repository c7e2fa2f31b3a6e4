package io.releaseledger.engine;

import static io.releaseledger.release.ReleaseState.*;
import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.releaseledger.approval.ApprovalStatus;
import io.releaseledger.approval.Decision;
import io.releaseledger.approval.NotAnApproverException;
import io.releaseledger.environment.ApprovalOverride;
import io.releaseledger.environment.ApprovalPolicy;
import io.releaseledger.environment.EnvironmentConfig;
import io.releaseledger.environment.EnvironmentPolicy;
import io.releaseledger.environment.FreezeWindow;
import io.releaseledger.environment.PolicyWeakenedException;
import io.releaseledger.health.HealthSample;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.EnvironmentStatus;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.LedgerEvent;
import io.releaseledger.ledger.ReleaseTimeline;
import io.releaseledger.notify.Notification;
import io.releaseledger.promotion.EmergencyOverride;
import io.releaseledger.promotion.PromotionRefusedException;
import io.releaseledger.release.Release;
import io.releaseledger.release.ReleaseMode;
import io.releaseledger.release.ReleaseState;
import io.releaseledger.testing.TestStore;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** The engine driving real releases against the ledger; run on H2 and on PostgreSQL. */
public abstract class EngineContract {
    static final Actor BOB = new Actor("bob", "https://ci.example.com/user/bob");
    static final Actor CAROL = new Actor("carol", "https://ci.example.com/user/carol");

    protected TestStore store;
    protected Ledger ledger;
    protected EngineFixture f;

    protected abstract TestStore newStore();

    @Before
    public void open() throws Exception {
        store = newStore();
        f = new EngineFixture(store.config());
        ledger = f.ledger;
    }

    @After
    public void close() throws Exception {
        if (f != null) {
            f.close();
        }
        if (store != null) {
            store.close();
        }
    }

    static EnvironmentPolicy.Builder staging() {
        return EnvironmentPolicy.builder("staging", 1);
    }

    static EnvironmentPolicy.Builder production() {
        return EnvironmentPolicy.builder("production", 2).requires("staging");
    }

    ReleaseEngine engine(EnvironmentPolicy.Builder... environments) {
        EnvironmentConfig config = new EnvironmentConfig(java.util.Arrays.stream(environments)
                .map(EnvironmentPolicy.Builder::build).toList());
        ReleaseEngine engine = f.engine(config).build();
        engine.defineEnvironments(EngineFixture.ALICE);
        return engine;
    }

    long events() {
        return ledger.exportEvents(0, e -> { });
    }

    // --- the happy path ------------------------------------------------------------------------

    @Test
    public void healthyDeployGoesLiveWithEverySampleRecorded() throws Exception {
        Release r = engine(staging()).deploy(f.deploy("staging", "1.0.0"), f.body());
        assertEquals(LIVE, r.state());
        assertEquals(1, f.deployments.size());
        Deployment d = f.deployments.get(0);
        assertEquals("deploy", d.variables().get("RELEASE_MODE"));
        assertEquals(r.digest().value(), d.variables().get("RELEASE_ARTIFACT_DIGEST"));
        assertEquals("s3://builds/payments-api-1.0.0.jar", d.variables().get("RELEASE_ARTIFACT_LOCATION"));
        List<HealthSample> samples = ledger.samples(r.id(), ReleaseMode.DEPLOY);
        assertEquals(2, samples.size());
        assertTrue(samples.stream().allMatch(s -> s.outcome() == HealthSample.Outcome.HEALTHY));
        assertEquals(List.of(APPROVED, DEPLOYING, VERIFYING, LIVE),
                f.moves.stream().map(Release::state).skip(1).toList());
        assertTrue(ledger.currentLease("staging").isEmpty());
        assertTrue(ledger.verifyChain().intact());
    }

    @Test
    public void promotedDigestEntersTheNextEnvironment() throws Exception {
        ReleaseEngine engine = engine(staging(), production());
        engine.deploy(f.deploy("staging", "1.0.0"), f.body());
        assertEquals(LIVE, engine.deploy(f.deploy("production", "1.0.0"), f.body()).state());
    }

    // --- promotion rules ---------------------------------------------------------------------

    @Test
    public void refusesDigestThatSkippedStaging() {
        ReleaseEngine engine = engine(staging(), production());
        long before = events();
        var e = assertThrows(PromotionRefusedException.class,
                () -> engine.deploy(f.deploy("production", "1.0.0"), f.body()));
        assertEquals(PromotionRefusedException.Rule.REQUIRES_NOT_MET, e.rule());
        assertThat(e.getMessage(), containsString("staging"));
        assertEquals(before, events());
        assertTrue(f.deployments.isEmpty());
    }

    static FreezeWindow allOfNovember() {
        return new FreezeWindow.Absolute("november", LocalDateTime.parse("2026-11-01T00:00"),
                LocalDateTime.parse("2026-12-01T00:00"), ZoneId.of("Europe/Berlin"));
    }

    @Test
    public void refusesDeployDuringAFreeze() {
        ReleaseEngine engine = engine(staging().freeze(allOfNovember()));
        var e = assertThrows(PromotionRefusedException.class,
                () -> engine.deploy(f.deploy("staging", "1.0.0"), f.body()));
        assertEquals(PromotionRefusedException.Rule.FROZEN, e.rule());
        assertTrue(f.deployments.isEmpty());
    }

    @Test
    public void emergencyOverrideOfAFreezeIsRecordedWithItsReason() throws Exception {
        ReleaseEngine engine = engine(staging().freeze(allOfNovember()));
        DeployRequest r = f.deploy("staging", "1.0.0");
        DeployRequest urgent = new DeployRequest(r.environment(), r.artifactName(), r.version(), r.actor(), r.job(),
                r.verification(), null, new EmergencyOverride("alice", "INC-4711: payments down"));
        Release live = engine.deploy(urgent, f.body());
        assertEquals(LIVE, live.state());
        LedgerEvent requested = ledger.timeline(live.id()).events().get(0);
        assertThat(requested.payload(), containsString("INC-4711: payments down"));
    }

    @Test
    public void rollbackToKnownGoodIsAllowedDuringAFreeze() throws Exception {
        engine(staging()).deploy(f.deploy("staging", "1.0.0"), f.body());
        engine(staging()).deploy(f.deploy("staging", "2.0.0"), f.body());
        Release back = engine(staging().freeze(allOfNovember())).rollback(
                new RollbackRequest("staging", null, EngineFixture.ALICE, null, f.plan()), f.body());
        assertEquals(LIVE, back.state());
        assertEquals("1.0.0", back.version());
        assertEquals(ReleaseMode.ROLLBACK, back.mode());
    }

    @Test
    public void refusesAJobOutsideTheAllowedDeployers() {
        ReleaseEngine engine = engine(staging().allowedDeployers("platform/**"));
        var e = assertThrows(PromotionRefusedException.class,
                () -> engine.deploy(f.deploy("staging", "1.0.0"), f.body()));
        assertEquals(PromotionRefusedException.Rule.DEPLOYER_NOT_ALLOWED, e.rule());
    }

    // --- approvals -----------------------------------------------------------------------------

    /** Runs {@code onWait} in the engine's thread as soon as the release starts waiting for approvals. */
    void whenAwaitingApproval(Consumer<Release> onWait) {
        awaiting = onWait;
    }

    private Consumer<Release> awaiting = r -> { };

    ReleaseEngine approvingEngine(EnvironmentPolicy.Builder prod) {
        EnvironmentConfig config = new EnvironmentConfig(List.of(staging().build(), prod.build()));
        ReleaseEngine[] self = new ReleaseEngine[1];
        self[0] = f.engine(config).listener(new EngineListener() {
            @Override
            public void moved(Release release) {
                f.moves.add(release);
                if (release.state() == AWAITING_APPROVAL) {
                    awaiting.accept(release);
                }
            }

            @Override
            public void progress(Release release, String line) {
                f.progress.add(line);
            }
        }).build();
        self[0].defineEnvironments(EngineFixture.ALICE);
        return self[0];
    }

    ReleaseEngine toProductionWithApprovals(int required, String... approvers) throws Exception {
        ReleaseEngine engine = approvingEngine(production().approval(ApprovalPolicy.of(required, approvers)));
        engine.deploy(f.deploy("staging", "1.0.0"), f.body());
        return engine;
    }

    @Test
    public void twoDistinctApproversLetTheReleaseThrough() throws Exception {
        ReleaseEngine engine = toProductionWithApprovals(2, "bob", "carol", "dave");
        whenAwaitingApproval(r -> {
            engine.decide(r.id(), "bob", Set.of(), Decision.APPROVE, "ok", BOB);
            ApprovalStatus status = engine.decide(r.id(), "carol", Set.of(), Decision.APPROVE, null, CAROL);
            assertTrue(status instanceof ApprovalStatus.Approved);
        });
        Release r = engine.deploy(f.deploy("production", "1.0.0"), f.body());
        assertEquals(LIVE, r.state());
        assertEquals(2, ledger.approvals(r.id()).size());
        assertTrue(f.notifications.stream().anyMatch(n -> n.kind() == Notification.Kind.APPROVAL_REQUESTED));
    }

    @Test
    public void initiatorCannotApproveOwnRelease() throws Exception {
        ReleaseEngine engine = toProductionWithApprovals(1, "alice", "bob");
        whenAwaitingApproval(r -> {
            assertThrows(NotAnApproverException.class,
                    () -> engine.decide(r.id(), "alice", Set.of(), Decision.APPROVE, null, EngineFixture.ALICE));
            engine.decide(r.id(), "bob", Set.of(), Decision.APPROVE, null, BOB);
        });
        Release r = engine.deploy(f.deploy("production", "1.0.0"), f.body());
        assertEquals(LIVE, r.state());
        assertEquals(List.of("bob"), ledger.approvals(r.id()).stream().map(a -> a.approver()).toList());
    }

    @Test
    public void approverAdmittedByGroupIsRecordedWithThatGroup() throws Exception {
        ReleaseEngine engine = toProductionWithApprovals(1, "group:release-managers");
        whenAwaitingApproval(r -> engine.decide(r.id(), "erin", Set.of("release-managers", "staff"),
                Decision.APPROVE, null, new Actor("erin", "cli")));
        Release r = engine.deploy(f.deploy("production", "1.0.0"), f.body());
        assertEquals(LIVE, r.state());
        assertEquals(Set.of("release-managers"), ledger.approvals(r.id()).get(0).groups());
    }

    @Test
    public void anyRejectionEndsTheRequest() throws Exception {
        ReleaseEngine engine = toProductionWithApprovals(2, "bob", "carol");
        whenAwaitingApproval(r -> {
            engine.decide(r.id(), "bob", Set.of(), Decision.APPROVE, null, BOB);
            engine.decide(r.id(), "carol", Set.of(), Decision.REJECT, "not before the audit", CAROL);
        });
        Release r = engine.deploy(f.deploy("production", "1.0.0"), f.body());
        assertEquals(REJECTED, r.state());
        assertThat(r.reason(), containsString("rejected by carol: not before the audit"));
        assertEquals(1, f.deployments.size()); // only staging's
    }

    @Test
    public void unansweredRequestTimesOut() throws Exception {
        ReleaseEngine engine = toProductionWithApprovals(1, "bob");
        DeployRequest r = f.deploy("production", "1.0.0");
        DeployRequest shortWait = new DeployRequest(r.environment(), r.artifactName(), r.version(), r.actor(), r.job(),
                r.verification(), ApprovalOverride.none().withTimeout(Duration.ofMinutes(1)), null);
        Release timedOut = engine.deploy(shortWait, f.body());
        assertEquals(APPROVAL_TIMED_OUT, timedOut.state());
        assertThat(f.progress.toString(), containsString("waiting for 1 more approval(s) from bob"));
    }

    // --- approvals awaited by an asynchronous host (Jenkins' approvalGate) ------------------------

    @Test
    public void requestApprovalStopsAtTheGateAndNotifies() throws Exception {
        ReleaseEngine engine = toProductionWithApprovals(1, "bob");
        Release r = engine.requestApproval(f.deploy("production", "1.0.0"));
        assertEquals(AWAITING_APPROVAL, r.state());
        assertEquals(AWAITING_APPROVAL, ledger.release(r.id()).state());
        assertTrue(f.notifications.stream().anyMatch(n -> n.kind() == Notification.Kind.APPROVAL_REQUESTED
                && n.releaseId() == r.id()));
        assertEquals("nothing was deployed for it", 1, f.deployments.size()); // staging's only
        assertEquals("still open: nothing recorded", AWAITING_APPROVAL, engine.settleApproval(r.id(), BOB).state());

        engine.decide(r.id(), "bob", Set.of(), Decision.APPROVE, null, BOB);
        Release approved = engine.settleApproval(r.id(), BOB);
        assertEquals(APPROVED, approved.state());
        assertThat(approved.reason(), containsString("approved by bob"));
        assertEquals("settling twice changes nothing", APPROVED, engine.settleApproval(r.id(), BOB).state());
        assertTrue("no lease is taken by the gate", ledger.currentLease("production").isEmpty());

        Release live = engine.resume(r.id(), f.body(), EngineFixture.ALICE);
        assertEquals("an approved release is carried on by resume", LIVE, live.state());
    }

    // --- a deploy taking over the release approved at a gate --------------------------------------

    /** The production release a gate opened, approved by bob; staging already runs 1.0.0. */
    Release approvedAtGate(ReleaseEngine engine, String version) {
        Release r = engine.requestApproval(f.deploy("production", version));
        engine.decide(r.id(), "bob", Set.of(), Decision.APPROVE, null, BOB);
        return engine.settleApproval(r.id(), BOB);
    }

    ReleaseRules steps(EnvironmentPolicy.Builder... environments) {
        return new ReleaseRules(ledger, new EnvironmentConfig(java.util.Arrays.stream(environments)
                .map(EnvironmentPolicy.Builder::build).toList()), f.clock);
    }

    @Test
    public void deployApprovedTakesOverTheGatesReleaseAndAsksOnce() throws Exception {
        ReleaseEngine engine = toProductionWithApprovals(1, "bob");
        Release gate = approvedAtGate(engine, "1.0.0");
        assertEquals(APPROVED, gate.state());

        Release live = engine.deployApproved(gate.id(), f.deploy("production", "1.0.0"), f.body());
        assertEquals(LIVE, live.state());
        assertEquals("the gate's release itself went live", gate.id(), live.id());
        assertEquals("one production release", 1, ledger.history("production", null, 10).releases().size());
        assertEquals(1, ledger.approvals(live.id()).size());
        assertEquals("approval was requested once", 1, f.notifications.stream()
                .filter(n -> n.kind() == Notification.Kind.APPROVAL_REQUESTED).count());
        assertEquals("the deploy's checks were used", 2, ledger.samples(live.id(), ReleaseMode.DEPLOY).size());
        List<LedgerEvent> events = ledger.timeline(live.id()).events();
        LedgerEvent planSet = events.stream().filter(e -> e.type() == io.releaseledger.ledger.EventType.RELEASE_PLAN_SET)
                .findFirst().orElseThrow();
        assertThat(planSet.payload(), containsString(f.healthUrl()));
        assertTrue(ledger.verifyChain().intact());
    }

    @Test
    public void adoptionIsRefusedForAnotherDigestOrEnvironment() throws Exception {
        ReleaseEngine engine = toProductionWithApprovals(1, "bob");
        engine.deploy(f.deploy("staging", "2.0.0"), f.body());
        Release gate = approvedAtGate(engine, "1.0.0");
        ReleaseRules steps = steps(staging(), production().approval(ApprovalPolicy.of(1, "bob")));
        long before = events();
        var version = assertThrows(io.releaseledger.InvalidInputException.class,
                () -> steps.adopt(gate.id(), f.deploy("production", "2.0.0")));
        assertThat(version.getMessage(), containsString("approvals bind to a digest"));
        var environment = assertThrows(io.releaseledger.InvalidInputException.class,
                () -> steps.adopt(gate.id(), f.deploy("staging", "1.0.0")));
        assertThat(environment.getMessage(), containsString("approved for production"));
        assertEquals("a refusal records nothing", before, events());
        assertEquals(APPROVED, ledger.release(gate.id()).state());
    }

    @Test
    public void adoptionIsRefusedForAReleaseNotApprovedOrTakenOverAlready() throws Exception {
        ReleaseEngine engine = toProductionWithApprovals(1, "bob");
        ReleaseRules steps = steps(staging(), production().approval(ApprovalPolicy.of(1, "bob")));
        Release waiting = engine.requestApproval(f.deploy("production", "1.0.0"));
        var notYet = assertThrows(IllegalStateException.class,
                () -> steps.adopt(waiting.id(), f.deploy("production", "1.0.0")));
        assertThat(notYet.getMessage(), containsString("AWAITING_APPROVAL, not APPROVED"));

        engine.decide(waiting.id(), "bob", Set.of(), Decision.APPROVE, null, BOB);
        engine.settleApproval(waiting.id(), BOB);
        Release live = engine.deployApproved(waiting.id(), f.deploy("production", "1.0.0"), f.body());
        assertEquals(LIVE, live.state());
        var twice = assertThrows(IllegalStateException.class,
                () -> steps.adopt(live.id(), f.deploy("production", "1.0.0")));
        assertThat(twice.getMessage(), containsString("LIVE, not APPROVED"));

        Release staging = ledger.history("staging", null, 1).releases().get(0);
        assertThrows(IllegalStateException.class, () -> steps.adopt(staging.id(), f.deploy("staging", "1.0.0")));
    }

    @Test
    public void aFreezeThatBeganAfterTheApprovalStillRefusesTheDeploy() throws Exception {
        // 13:00 to midnight in Berlin; the gate is approved at 11:00 there, the deploy comes at 14:00.
        FreezeWindow afternoon = new FreezeWindow.Absolute("afternoon", LocalDateTime.parse("2026-11-25T13:00"),
                LocalDateTime.parse("2026-11-26T00:00"), ZoneId.of("Europe/Berlin"));
        EnvironmentPolicy.Builder prod = production().approval(ApprovalPolicy.of(1, "bob")).freeze(afternoon);
        ReleaseEngine engine = approvingEngine(prod);
        engine.deploy(f.deploy("staging", "1.0.0"), f.body());
        Release gate = approvedAtGate(engine, "1.0.0");
        f.clock.advance(Duration.ofHours(3));
        long before = events();
        var frozen = assertThrows(PromotionRefusedException.class,
                () -> engine.deployApproved(gate.id(), f.deploy("production", "1.0.0"), f.body()));
        assertEquals(PromotionRefusedException.Rule.FROZEN, frozen.rule());
        assertEquals(before, events());
        assertEquals(APPROVED, ledger.release(gate.id()).state());

        DeployRequest d = f.deploy("production", "1.0.0");
        DeployRequest urgent = new DeployRequest(d.environment(), d.artifactName(), d.version(), d.actor(), d.job(),
                d.verification(), null, new EmergencyOverride("alice", "INC-4711: payments down"));
        Release live = engine.deployApproved(gate.id(), urgent, f.body());
        assertEquals(LIVE, live.state());
        assertThat(ledger.plan(live.id()).orElseThrow(), containsString("INC-4711: payments down"));
    }

    @Test
    public void aDeployAskingForMoreApprovalsThanTheGateGotIsNotTakenOver() throws Exception {
        ReleaseEngine engine = toProductionWithApprovals(1, "bob", "carol");
        Release gate = approvedAtGate(engine, "1.0.0");
        ReleaseRules steps = steps(staging(), production().approval(ApprovalPolicy.of(1, "bob", "carol")));
        DeployRequest d = f.deploy("production", "1.0.0");
        DeployRequest stricter = new DeployRequest(d.environment(), d.artifactName(), d.version(), d.actor(), d.job(),
                d.verification(), ApprovalOverride.none().withRequired(2), null);
        assertFalse(steps.approvalsCover(gate, stricter));
        assertTrue(steps.approvalsCover(gate, d));
        var e = assertThrows(IllegalStateException.class, () -> steps.adopt(gate.id(), stricter));
        assertThat(e.getMessage(), containsString("do not meet this deploy's approval settings"));
    }

    @Test
    public void aDeployTakesOverTheNewestMatchingGateOfItsBuildAndOtherwiseAsksAgain() throws Exception {
        ReleaseEngine engine = toProductionWithApprovals(1, "bob", "carol");
        engine.deploy(f.deploy("staging", "2.0.0"), f.body());
        ReleaseRules steps = steps(staging(), production().approval(ApprovalPolicy.of(1, "bob", "carol")));
        Release older = approvedAtGate(engine, "1.0.0");
        Release otherVersion = approvedAtGate(engine, "2.0.0");
        Release newer = approvedAtGate(engine, "1.0.0");
        long missing = newer.id() + 1000; // a gate of a ledger replaced since

        Release taken = steps.requestOrTakeOver(f.deploy("production", "1.0.0"),
                List.of(older.id(), newer.id(), otherVersion.id(), missing));
        assertEquals("the newest gate for this environment, artifact and version", newer.id(), taken.id());
        assertEquals(APPROVED, taken.state());

        DeployRequest d = f.deploy("production", "1.0.0");
        DeployRequest stricter = new DeployRequest(d.environment(), d.artifactName(), d.version(), d.actor(), d.job(),
                d.verification(), ApprovalOverride.none().withRequired(2), null);
        Release own = steps.requestOrTakeOver(stricter, List.of(older.id()));
        assertTrue("a gate whose approvals do not cover the deploy is not taken over",
                own.id() != older.id() && own.state() == ReleaseState.REQUESTED);
        Release none = steps.requestOrTakeOver(f.deploy("production", "2.0.0"), List.of());
        assertEquals("no gate: a release of its own", ReleaseState.REQUESTED, none.state());
        assertEquals(APPROVED, ledger.release(older.id()).state());
    }

    @Test
    public void aReleaseTakesTheLeaseOnlyWhileItMayAndEachPhaseVerifiesInItsOwnState() throws Exception {
        Release approved = approvedAtGate(toProductionWithApprovals(1, "bob"), "1.0.0");
        assertTrue(ReleaseRules.mayTakeLease(approved, false));
        assertTrue("after a restart, any release still in flight takes its lease back", ReleaseRules.mayTakeLease(approved, true));
        Release live = ledger.history("staging", null, 1).releases().get(0);
        assertFalse(ReleaseRules.mayTakeLease(live, false));
        assertFalse(ReleaseRules.mayTakeLease(live, true));
        assertEquals(ReleaseState.VERIFYING, ReleaseRules.verifying(ReleaseMode.DEPLOY));
        assertEquals(ReleaseState.ROLLING_BACK, ReleaseRules.verifying(ReleaseMode.ROLLBACK));
    }

    @Test
    public void anOwnerThatLostTheLeaseIsRecordedInterruptedOnlyWhileInFlight() throws Exception {
        ReleaseEngine engine = toProductionWithApprovals(1, "bob");
        ReleaseRules steps = steps(staging(), production().approval(ApprovalPolicy.of(1, "bob")));
        Release gate = approvedAtGate(engine, "1.0.0");
        Release deploying = ledger.transition(gate.id(), io.releaseledger.ledger.Transition.of(APPROVED,
                ReleaseState.DEPLOYING, "test"), BOB);
        var applied = steps.ownerLost(deploying.id(), "lost the lease on production", BOB).orElseThrow();
        assertEquals(ReleaseState.INTERRUPTED, applied.release().state());
        assertEquals(ReleaseState.INTERRUPTED, ledger.release(deploying.id()).state());
        long before = events();
        assertTrue("an ended release is left as it is", steps.ownerLost(deploying.id(), "again", BOB).isEmpty());
        assertEquals(before, events());
    }

    @Test
    public void requestApprovalWithoutRequiredApprovalsIsApprovedAtOnce() throws Exception {
        Release r = engine(staging()).requestApproval(f.deploy("staging", "1.0.0"));
        assertEquals(APPROVED, r.state());
        assertTrue(f.deployments.isEmpty());
    }

    @Test
    public void requestApprovalChecksPromotionFirstAndRecordsNothingOnRefusal() throws Exception {
        ReleaseEngine engine = approvingEngine(production().approval(ApprovalPolicy.of(1, "bob")));
        long before = events();
        assertThrows(PromotionRefusedException.class, () -> engine.requestApproval(f.deploy("production", "1.0.0")));
        assertEquals(before, events());
    }

    @Test
    public void settleApprovalRecordsRejectionAndTimeout() throws Exception {
        ReleaseEngine engine = toProductionWithApprovals(1, "bob");
        Release rejected = engine.requestApproval(f.deploy("production", "1.0.0"));
        engine.decide(rejected.id(), "bob", Set.of(), Decision.REJECT, "not today", BOB);
        Release r = engine.settleApproval(rejected.id(), BOB);
        assertEquals(REJECTED, r.state());
        assertThat(r.reason(), containsString("not today"));

        DeployRequest d = f.deploy("production", "1.0.0");
        Release waiting = engine.requestApproval(new DeployRequest(d.environment(), d.artifactName(), d.version(),
                d.actor(), d.job(), d.verification(), ApprovalOverride.none().withTimeout(Duration.ofMinutes(1)), null));
        f.clock.advance(Duration.ofMinutes(2));
        assertEquals(APPROVAL_TIMED_OUT, engine.settleApproval(waiting.id(), EngineFixture.ALICE).state());
    }

    @Test
    public void settleApprovalLeavesAnAbortedReleaseAlone() throws Exception {
        ReleaseEngine engine = toProductionWithApprovals(1, "bob");
        Release r = engine.requestApproval(f.deploy("production", "1.0.0"));
        engine.abort(r.id(), BOB, "wrong version");
        assertEquals(ABORTED, engine.settleApproval(r.id(), BOB).state());
    }

    @Test
    public void pipelineCannotWeakenTheApprovalPolicy() throws Exception {
        ReleaseEngine engine = toProductionWithApprovals(2, "bob", "carol");
        DeployRequest r = f.deploy("production", "1.0.0");
        DeployRequest weaker = new DeployRequest(r.environment(), r.artifactName(), r.version(), r.actor(), r.job(),
                r.verification(), ApprovalOverride.none().withRequired(1), null);
        long before = events();
        assertThrows(PolicyWeakenedException.class, () -> engine.deploy(weaker, f.body()));
        assertEquals(before, events());
    }

    @Test
    public void abortWhileAwaitingApprovalStopsTheRelease() throws Exception {
        ReleaseEngine engine = toProductionWithApprovals(1, "bob");
        whenAwaitingApproval(r -> engine.abort(r.id(), BOB, "wrong build"));
        Release r = engine.deploy(f.deploy("production", "1.0.0"), f.body());
        assertEquals(ABORTED, r.state());
        assertThat(r.reason(), containsString("aborted by bob: wrong build"));
    }

    // --- failure and rollback ------------------------------------------------------------------

    @Test
    public void unhealthyReleaseIsRolledBackToTheLastKnownGood() throws Exception {
        ReleaseEngine engine = engine(staging());
        Release v1 = engine.deploy(f.deploy("staging", "1.0.0"), f.body());
        f.healthAfter = d -> d.artifact().version().equals("2.0.0") ? 500 : 200;
        Release v2 = engine.deploy(f.deploy("staging", "2.0.0"), f.body());

        assertEquals(ROLLED_BACK, v2.state());
        assertEquals(v1.id(), (long) v2.rollbackTargetId());
        Deployment rollback = f.deployments.get(2);
        assertEquals("rollback", rollback.variables().get("RELEASE_MODE"));
        assertEquals("1.0.0", rollback.variables().get("RELEASE_ARTIFACT_VERSION"));
        assertEquals(LIVE, ledger.release(v1.id()).state());
        assertEquals(v1.id(), ledger.dashboard().get(0).live().id());
        assertFalse(ledger.samples(v2.id(), ReleaseMode.ROLLBACK).isEmpty());
        assertEquals(List.of(Notification.Kind.ROLLBACK_PERFORMED),
                f.notifications.stream().map(Notification::kind).toList());
    }

    @Test
    public void failedDeployBodyIsRolledBack() throws Exception {
        ReleaseEngine engine = engine(staging());
        engine.deploy(f.deploy("staging", "1.0.0"), f.body());
        f.bodyFails = d -> d.mode() == ReleaseMode.DEPLOY && d.artifact().version().equals("2.0.0");
        Release v2 = engine.deploy(f.deploy("staging", "2.0.0"), f.body());
        assertEquals(ROLLED_BACK, v2.state());
        assertTrue(ledger.timeline(v2.id()).events().stream()
                .anyMatch(e -> e.payload().contains("deploy body failed: deploy.sh exited with status 1")));
    }

    @Test
    public void rollbackWhoseOwnVerificationFailsDegradesTheEnvironment() throws Exception {
        ReleaseEngine engine = engine(staging());
        engine.deploy(f.deploy("staging", "1.0.0"), f.body());
        f.healthAfter = d -> d.artifact().version().equals("1.0.0") && d.mode() == ReleaseMode.DEPLOY ? 200 : 500;
        Release v2 = engine.deploy(f.deploy("staging", "2.0.0"), f.body());
        assertEquals(ROLLBACK_FAILED, v2.state());
        assertTrue(ledger.dashboard().get(0).degraded());
        assertEquals(List.of(Notification.Kind.ROLLBACK_FAILED),
                f.notifications.stream().map(Notification::kind).toList());
    }

    @Test
    public void failedFirstDeploymentHasNothingToRollBackTo() throws Exception {
        f.healthAfter = d -> 500;
        Release v1 = engine(staging()).deploy(f.deploy("staging", "1.0.0"), f.body());
        assertEquals(UNHEALTHY, v1.state());
        assertThat(v1.reason(), containsString("nothing to roll back to"));
        assertEquals(1, f.deployments.size());
    }

    @Test
    public void autoRollbackOffLeavesTheFailureStanding() throws Exception {
        ReleaseEngine engine = engine(staging().autoRollback(false));
        engine.deploy(f.deploy("staging", "1.0.0"), f.body());
        f.healthAfter = d -> 500;
        Release v2 = engine.deploy(f.deploy("staging", "2.0.0"), f.body());
        assertEquals(UNHEALTHY, v2.state());
        assertEquals(2, f.deployments.size());
    }

    // --- manual rollback -----------------------------------------------------------------------

    @Test
    public void degradedEnvironmentIsClearedByALaterReleaseThatGoesLiveVerified() throws Exception {
        ReleaseEngine engine = engine(staging());
        engine.deploy(f.deploy("staging", "1.0.0"), f.body());
        f.healthAfter = d -> d.artifact().version().equals("1.0.0") && d.mode() == ReleaseMode.DEPLOY ? 200 : 500;
        engine.deploy(f.deploy("staging", "2.0.0"), f.body());
        assertTrue(ledger.dashboard().get(0).degraded());
        f.healthAfter = d -> 200;
        Release v3 = engine.deploy(f.deploy("staging", "3.0.0"), f.body());
        assertEquals(LIVE, v3.state());
        assertFalse(ledger.dashboard().get(0).degraded());
        assertNull(ledger.dashboard().get(0).degradedReason());
    }

    @Test
    public void degradedEnvironmentIsClearedByAVerifiedRollbackToAKnownGoodRelease() throws Exception {
        ReleaseEngine engine = threeVersionsWentLive();
        f.healthAfter = d -> 500;
        engine.rollback(new RollbackRequest("staging", null, EngineFixture.ALICE, null, f.plan()), f.body());
        assertTrue("a failed manual rollback degrades staging", ledger.dashboard().get(0).degraded());
        // The next deploy is unhealthy and rolled back automatically to 3.0.0, which verifies healthy again.
        ledger.registerArtifact(EngineFixture.registration("4.0.0"), EngineFixture.ALICE);
        f.healthAfter = d -> d.artifact().version().equals("4.0.0") ? 500 : 200;
        Release v4 = engine.deploy(f.deploy("staging", "4.0.0"), f.body());
        assertEquals(ROLLED_BACK, v4.state());
        EnvironmentStatus staging = ledger.dashboard().get(0);
        assertEquals("3.0.0", staging.live().version());
        assertFalse("staging runs 3.0.0, verified healthy by the rollback", staging.degraded());
    }

    /** Versions 1, 2 and 3 went live in staging, in that order. */
    ReleaseEngine threeVersionsWentLive() throws Exception {
        ReleaseEngine engine = engine(staging());
        for (String version : List.of("1.0.0", "2.0.0", "3.0.0")) {
            engine.deploy(f.deploy("staging", version), f.body());
        }
        return engine;
    }

    @Test
    public void manualRollbackGoesToTheReleaseBeforeTheLiveOne() throws Exception {
        ReleaseEngine engine = threeVersionsWentLive();
        Release back = engine.rollback(new RollbackRequest("staging", null, EngineFixture.ALICE, null, f.plan()),
                f.body());
        assertEquals("2.0.0", back.version());
        assertEquals(LIVE, back.state());
    }

    @Test
    public void manualRollbackToANamedVersionOnceLiveThere() throws Exception {
        ReleaseEngine engine = threeVersionsWentLive();
        Release back = engine.rollback(new RollbackRequest("staging", "1.0.0", EngineFixture.ALICE, null, f.plan()),
                f.body());
        assertEquals("1.0.0", back.version());
        assertEquals("rollback", f.deployments.get(3).variables().get("RELEASE_MODE"));
    }

    @Test
    public void failedManualRollbackDegradesTheEnvironmentAndNotifies() throws Exception {
        ReleaseEngine engine = threeVersionsWentLive();
        f.healthAfter = d -> 500;
        Release back = engine.rollback(new RollbackRequest("staging", null, EngineFixture.ALICE, null, f.plan()),
                f.body());
        assertEquals(UNHEALTHY, back.state());
        assertEquals("no rollback of the rollback", 4, f.deployments.size());
        assertTrue(ledger.dashboard().get(0).degraded());
        assertEquals(List.of(Notification.Kind.ROLLBACK_FAILED),
                f.notifications.stream().map(Notification::kind).toList());
        assertEquals("3.0.0", ledger.dashboard().get(0).live().version());
    }

    @Test
    public void refusesManualRollbackToAVersionNeverLiveThere() throws Exception {
        ReleaseEngine engine = engine(staging());
        engine.deploy(f.deploy("staging", "1.0.0"), f.body());
        var e = assertThrows(io.releaseledger.InvalidInputException.class, () -> engine.rollback(
                new RollbackRequest("staging", "3.0.0", EngineFixture.ALICE, null, f.plan()), f.body()));
        assertThat(e.getMessage(), containsString("payments-api 3.0.0 was never live in staging"));
    }

    // --- the lease -----------------------------------------------------------------------------

    @Test
    public void deployWaitsVisiblyForAnEnvironmentHeldByAnother() throws Exception {
        engine(staging());
        Release other = ledger.requestRelease(io.releaseledger.ledger.ReleaseRequest.deploy("staging", "payments-api",
                "3.0.0"), EngineFixture.ALICE);
        var held = (io.releaseledger.ledger.LeaseAttempt.Acquired) ledger.acquireLease("staging", "ci-other",
                other.id(), Duration.ofHours(1), EngineFixture.ALICE);
        // A sleeper that frees the environment after the engine has waited three times.
        java.util.concurrent.atomic.AtomicInteger waits = new java.util.concurrent.atomic.AtomicInteger();
        ReleaseEngine engine = f.engine(new EnvironmentConfig(List.of(staging().build())))
                .clock(f.clock, wakeAt -> {
                    if (waits.incrementAndGet() == 3) {
                        ledger.releaseLease(held.lease(), EngineFixture.ALICE);
                    }
                    f.clock.sleeper().sleepUntil(wakeAt);
                }).build();
        Release r = engine.deploy(f.deploy("staging", "1.0.0"), f.body());
        assertEquals(LIVE, r.state());
        assertThat(f.progress.toString(), containsString("waiting for staging: held by ci-other (release "
                + other.id() + ")"));
        assertTrue(waits.get() >= 3);
    }

    // --- resume: the orchestrator dies at every state; another one finishes the release ----------

    /** Stands for the JVM dying: an Error, which the engine never catches. */
    static final class SimulatedCrash extends Error {
        private static final long serialVersionUID = 1L;

        SimulatedCrash(String where) {
            super("simulated crash at " + where);
        }
    }

    /** An engine that dies right after recording the move into {@code crashAt}. */
    ReleaseEngine crashingAt(ReleaseState crashAt, EnvironmentConfig config) {
        return f.engine(config).listener(new EngineListener() {
            @Override
            public void moved(Release release) {
                if (release.state() == crashAt) {
                    throw new SimulatedCrash(crashAt.name());
                }
            }
        }).build();
    }

    /** An engine that dies while probing: after {@code probesBeforeCrash} probes. */
    ReleaseEngine crashingWhileProbing(int probesBeforeCrash, EnvironmentConfig config) {
        java.util.concurrent.atomic.AtomicInteger probes = new java.util.concurrent.atomic.AtomicInteger();
        io.releaseledger.health.HealthProbeRunner real = f.probes();
        return io.releaseledger.engine.ReleaseEngine.builder(ledger, config, check -> {
            if (probes.incrementAndGet() > probesBeforeCrash) {
                throw new SimulatedCrash("probe " + probes.get());
            }
            return real.probe(check);
        }).clock(f.clock, f.clock.sleeper()).owner("engine-test").build();
    }

    Release crashThenResume(ReleaseEngine crashing, DeployRequest request, EnvironmentConfig config,
                            Consumer<Long> beforeResume) throws Exception {
        assertThrows(SimulatedCrash.class, () -> crashing.deploy(request, f.body()));
        // The views judge the crashed owner's lease by the ledger's clock, the virtual one that wrote it: not yet past
        // its term and grace, the release reads as recorded.
        Release stuck = ledger.history(request.environment(), null, 1).releases().get(0);
        assertTrue("crashed in flight or failing: " + stuck.state(),
                stuck.state().isInFlight() || stuck.state() == UNHEALTHY || stuck.state() == DEPLOY_FAILED);
        beforeResume.accept(stuck.id());
        ReleaseEngine restarted = f.engine(config).build();
        Release done = restarted.resume(stuck.id(), f.body(), EngineFixture.ALICE);
        assertTrue(ledger.verifyChain().intact());
        assertTrue("lease freed after " + done.state(), ledger.currentLease(request.environment()).isEmpty());
        return done;
    }

    EnvironmentConfig stagingOnly() {
        return new EnvironmentConfig(List.of(staging().build()));
    }

    @Test
    public void releaseCompletesWhenTheEngineDiesAtAnyStateOnTheWayToLive() throws Exception {
        EnvironmentConfig config = stagingOnly();
        engine(staging());
        for (ReleaseState at : List.of(REQUESTED, APPROVED, DEPLOYING, VERIFYING)) {
            f.deployments.clear();
            Release done = crashThenResume(crashingAt(at, config), f.deploy("staging", "1.0.0"), config, id -> { });
            assertEquals("crashed at " + at, LIVE, done.state());
            assertEquals("crashed at " + at + ": the body runs once", 1, f.deployments.size());
        }
    }

    @Test
    public void verificationResumesFromItsRecordedSamplesAfterACrash() throws Exception {
        EnvironmentConfig config = stagingOnly();
        engine(staging());
        Release done = crashThenResume(crashingWhileProbing(1, config), f.deploy("staging", "1.0.0"), config, id ->
                assertEquals(1, ledger.samples(id, ReleaseMode.DEPLOY).size()));
        assertEquals(LIVE, done.state());
        // the success threshold is 2: one sample before the crash, one after
        assertEquals(2, ledger.samples(done.id(), ReleaseMode.DEPLOY).size());
        assertEquals(1, f.deployments.size());
    }

    @Test
    public void releaseAwaitingApprovalSurvivesTheEngineDying() throws Exception {
        EnvironmentConfig config = new EnvironmentConfig(List.of(staging().build(),
                production().approval(ApprovalPolicy.of(1, "bob")).build()));
        ReleaseEngine first = f.engine(config).build();
        first.defineEnvironments(EngineFixture.ALICE);
        first.deploy(f.deploy("staging", "1.0.0"), f.body());
        Release done = crashThenResume(crashingAt(AWAITING_APPROVAL, config), f.deploy("production", "1.0.0"), config,
                id -> first.decide(id, "bob", Set.of(), Decision.APPROVE, "after the restart", BOB));
        assertEquals(LIVE, done.state());
    }

    @Test
    public void rollbackCompletesWhenTheEngineDiesAtAnyStateOnTheWayBack() throws Exception {
        EnvironmentConfig config = stagingOnly();
        ReleaseEngine engine = engine(staging());
        Release v1 = engine.deploy(f.deploy("staging", "1.0.0"), f.body());
        f.healthAfter = d -> d.artifact().version().equals("1.0.0") ? 200 : 500;
        for (ReleaseState at : List.of(UNHEALTHY, ROLLING_BACK)) {
            Release done = crashThenResume(crashingAt(at, config), f.deploy("staging", "2.0.0"), config, id -> { });
            assertEquals("crashed at " + at, ROLLED_BACK, done.state());
            assertEquals(v1.id(), (long) done.rollbackTargetId());
            assertEquals(LIVE, ledger.release(v1.id()).state());
        }
        f.bodyFails = d -> d.mode() == ReleaseMode.DEPLOY && d.artifact().version().equals("2.0.0");
        Release done = crashThenResume(crashingAt(DEPLOY_FAILED, config), f.deploy("staging", "2.0.0"), config,
                id -> { });
        assertEquals(ROLLED_BACK, done.state());
    }

    @Test
    public void rollbackVerificationResumesWithoutRedeployingTheKnownGood() throws Exception {
        EnvironmentConfig config = stagingOnly();
        ReleaseEngine engine = engine(staging());
        engine.deploy(f.deploy("staging", "1.0.0"), f.body());
        f.healthAfter = d -> d.artifact().version().equals("1.0.0") ? 200 : 500;
        f.deployments.clear();
        // 2 failing deploy-phase probes, then 1 rollback-phase probe, then the crash.
        Release done = crashThenResume(crashingWhileProbing(3, config), f.deploy("staging", "2.0.0"), config, id ->
                assertEquals(1, ledger.samples(id, ReleaseMode.ROLLBACK).size()));
        assertEquals(ROLLED_BACK, done.state());
        assertEquals("the deploy and one rollback body, not a second", 2, f.deployments.size());
    }

    // --- secrets in what the engine records -----------------------------------------------------

    @Test
    public void aBoundSecretPrintedInAnyFormByTheBodyOrAProbeIsMaskedInEverythingRecorded() throws Exception {
        String secret = io.releaseledger.testing.HostileSecret.VALUE;
        java.util.Map<String, String> forms = io.releaseledger.testing.HostileSecret.forms(secret);
        String printed = String.join(" | ", forms.values());
        io.releaseledger.health.HealthProbeRunner echoing = check -> new io.releaseledger.health.HealthSample(check.name(),
                io.releaseledger.health.HealthSample.Outcome.UNHEALTHY, f.clock.instant(), java.time.Duration.ofMillis(3),
                "the service answered " + forms.get("hex"), forms.get("base64url"), printed, 0);
        EnvironmentConfig config = new EnvironmentConfig(List.of(staging().autoRollback(false).build()));
        ReleaseEngine engine = ReleaseEngine.builder(ledger, config, echoing)
                .clock(f.clock, f.clock.sleeper()).owner("engine-test").notifier(f.notifications::add)
                .mask(io.releaseledger.secrets.SecretMask.ofValues(List.of(secret))).build();
        engine.defineEnvironments(EngineFixture.ALICE);
        Release failed = engine.deploy(f.deploy("staging", "1.0.0"), d -> {
            throw new IllegalStateException("curl -d " + forms.get("form-encoded") + " failed: " + printed);
        });
        Release unhealthy = engine.deploy(f.deploy("staging", "2.0.0"), d -> { });
        assertEquals(DEPLOY_FAILED, failed.state());
        assertEquals(UNHEALTHY, unhealthy.state());
        StringBuilder recorded = new StringBuilder();
        ledger.exportEvents(0, e -> recorded.append(e.payload()).append('\n'));
        for (Release r : List.of(failed, unhealthy)) {
            ReleaseTimeline t = ledger.timeline(r.id());
            recorded.append(t.release().reason()).append('\n');
            t.samples().forEach(s -> recorded.append(s.sample()).append('\n'));
        }
        assertTrue("the samples were recorded: " + recorded, recorded.toString().contains("the service answered ****"));
        assertTrue(recorded.toString(), recorded.toString().contains("failed: ****"));
        io.releaseledger.testing.HostileSecret.leaks(secret).forEach((form, value) ->
                assertFalse(form + " in " + recorded, recorded.toString().contains(value)));
    }

    // --- an owner that cannot renew stops its body by the expiry ------------------------------------

    @Test
    public void anEngineWhoseRenewalHangsStopsItsBodyByTheLeasesExpiry() throws Exception {
        java.util.concurrent.CountDownLatch bodyStarted = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean bodyInterrupted = new java.util.concurrent.atomic.AtomicBoolean();
        ReleaseEngine engine = f.engine(new EnvironmentConfig(List.of(staging().build())))
                .leaseTtl(Duration.ofSeconds(3)).build();
        Throwable failure = deployWhileRenewalsHang(engine, d -> {
            bodyStarted.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                bodyInterrupted.set(true);
                throw e;
            }
        }, bodyStarted);
        assertTrue("its body was told to stop", bodyInterrupted.get());
        assertTrue(String.valueOf(failure), failure instanceof io.releaseledger.ledger.LeaseLostException);
        Release r = ledger.history("staging", null, 1).releases().get(0);
        assertEquals(INTERRUPTED, r.state());
    }

    /**
     * A lost lease wakes the engine only where it waits (a timer, the body): never inside a step such as a probe round
     * or a ledger transaction, where an interrupt would close an embedded store's file for the whole process. The round
     * finishes, its outcome is dropped, and the release is INTERRUPTED.
     */
    @Test
    public void aLostLeaseDoesNotInterruptTheEngineInsideAStep() throws Exception {
        java.util.concurrent.CountDownLatch probing = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean probeInterrupted = new java.util.concurrent.atomic.AtomicBoolean();
        io.releaseledger.health.HealthProbeRunner slow = check -> {
            probing.countDown();
            try {
                Thread.sleep(8_000); // longer than the lease's term: the deadline watch gives up meanwhile
            } catch (InterruptedException e) {
                probeInterrupted.set(true);
                Thread.currentThread().interrupt();
            }
            return f.probes().probe(check);
        };
        ReleaseEngine engine = ReleaseEngine.builder(ledger, new EnvironmentConfig(List.of(staging().build())), slow)
                .clock(f.clock, f.clock.sleeper()).owner("engine-test").leaseTtl(Duration.ofSeconds(3)).build();
        Throwable failure = deployWhileRenewalsHang(engine, f.body(), probing);
        assertTrue(String.valueOf(failure), failure instanceof io.releaseledger.ledger.LeaseLostException);
        assertFalse("the probe round was interrupted", probeInterrupted.get());
        assertEquals(INTERRUPTED, ledger.history("staging", null, 1).releases().get(0).state());
    }

    /**
     * Deploys in a thread of its own; once {@code ready} opens, another transaction holds the environment's lease row
     * (as on a connection that hangs), so every renewal waits until the deadline watch gives the lease up. Answers what
     * the deploy threw, once it has stopped.
     */
    private Throwable deployWhileRenewalsHang(ReleaseEngine engine, DeployAction body,
                                              java.util.concurrent.CountDownLatch ready) throws Exception {
        engine.defineEnvironments(EngineFixture.ALICE);
        io.releaseledger.ledger.LedgerConfig config = store.config();
        try (java.sql.Connection blocker = java.sql.DriverManager.getConnection(config.jdbcUrl(), config.user(),
                config.password().read())) {
            blocker.setAutoCommit(false);
            var failure = new java.util.concurrent.atomic.AtomicReference<Throwable>();
            Thread deploy = new Thread(() -> {
                try {
                    engine.deploy(f.deploy("staging", "1.0.0"), body);
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            deploy.start();
            assertTrue(ready.await(30, java.util.concurrent.TimeUnit.SECONDS));
            try (java.sql.Statement s = blocker.createStatement()) {
                s.executeQuery("SELECT holder FROM environment_leases WHERE environment = 'staging' FOR UPDATE").close();
            }
            deploy.join(30_000);
            assertFalse("the engine stopped", deploy.isAlive());
            blocker.rollback();
            return failure.get();
        }
    }
}
