package io.releaseledger.ledger;

import io.releaseledger.testing.VirtualClock;
import io.releaseledger.testing.TestStore;
import io.releaseledger.approval.Decision;
import static io.releaseledger.release.ReleaseState.APPROVED;
import static io.releaseledger.release.ReleaseState.AWAITING_APPROVAL;
import static io.releaseledger.release.ReleaseState.DEPLOYING;
import static io.releaseledger.release.ReleaseState.DEPLOY_FAILED;
import static io.releaseledger.release.ReleaseState.INTERRUPTED;
import static io.releaseledger.release.ReleaseState.LIVE;
import static io.releaseledger.release.ReleaseState.REQUESTED;
import static io.releaseledger.release.ReleaseState.ROLLBACK_FAILED;
import static io.releaseledger.release.ReleaseState.ROLLED_BACK;
import static io.releaseledger.release.ReleaseState.SUPERSEDED;
import static io.releaseledger.release.ReleaseState.UNHEALTHY;
import static io.releaseledger.release.ReleaseState.VERIFYING;
import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.releaseledger.InvalidInputException;
import io.releaseledger.artifact.ArtifactAlreadyRegisteredException;
import io.releaseledger.artifact.ArtifactKind;
import io.releaseledger.artifact.ArtifactRegistration;
import io.releaseledger.artifact.ArtifactSource;
import io.releaseledger.artifact.Digest;
import io.releaseledger.environment.UnknownEnvironmentException;
import io.releaseledger.health.HealthSample;
import io.releaseledger.release.IllegalTransitionException;
import io.releaseledger.release.Release;
import io.releaseledger.release.ReleaseMode;
import io.releaseledger.release.StaleReleaseStateException;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The ledger's behaviour, run once per database: {@link H2LedgerTest} and {@link PostgresLedgerTest}.
 */
public abstract class LedgerContract {
    static final Actor ALICE = new Actor("alice", "https://ci.example.com/job/payments/12/");
    static final Actor BOB = new Actor("bob", "https://ci.example.com/job/payments/13/");

    protected TestStore store;
    protected VirtualClock clock;
    protected Ledger ledger;

    protected abstract TestStore newStore();

    @Before
    public void openLedger() {
        store = newStore();
        clock = new VirtualClock(Instant.parse("2026-11-29T10:00:00Z"));
        ledger = Ledger.open(store.config(), clock);
        ledger.defineEnvironment("staging", 1, ALICE);
        ledger.defineEnvironment("production", 2, ALICE);
    }

    @After
    public void closeLedger() throws Exception {
        if (ledger != null) {
            ledger.close();
        }
        if (store != null) {
            store.close();
        }
    }

    // --- fixtures ------------------------------------------------------------------------------

    static Digest digest(int n) {
        return Digest.sha256(("content " + n).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static ArtifactRegistration registration(String version, Digest digest) {
        return new ArtifactRegistration("payments-api", version, digest, ArtifactKind.FILE,
                "s3://builds/payments-api-" + version + ".jar", new ArtifactSource("payments/main", "12", "abc123"));
    }

    Release requested(String environment, String version) {
        if (ledger.artifact("payments-api", version).isEmpty()) {
            ledger.registerArtifact(registration(version, digest(version.hashCode())), ALICE);
        }
        return ledger.requestRelease(ReleaseRequest.deploy(environment, "payments-api", version), ALICE);
    }

    Release move(Release r, io.releaseledger.release.ReleaseState to) {
        return ledger.transition(r.id(), Transition.of(r.state(), to, "test"), ALICE);
    }

    Release live(String environment, String version) {
        Release r = requested(environment, version);
        for (var to : List.of(APPROVED, DEPLOYING, VERIFYING, LIVE)) {
            r = move(r, to);
        }
        return r;
    }

    long eventCount() {
        return ledger.exportEvents(0, e -> { });
    }

    // --- artifacts -----------------------------------------------------------------------------

    @Test
    public void registeringTheSameDigestAgainIsANoOp() {
        clock.advance(Duration.ofNanos(123_456)); // a clock finer than the store: what is returned must still equal what is read back
        var first = ledger.registerArtifact(registration("1.0.0", digest(1)), ALICE);
        assertEquals(first, ledger.artifact("payments-api", "1.0.0").orElseThrow());
        long events = eventCount();
        clock.advance(Duration.ofMinutes(5));
        var again = ledger.registerArtifact(registration("1.0.0", digest(1)), BOB);
        assertEquals(first, again);
        assertEquals("alice", again.registeredBy());
        assertEquals(events, eventCount());
    }

    @Test
    public void refusesAnotherDigestForARegisteredVersionNamingTheFirstRegistration() {
        ledger.registerArtifact(registration("1.0.0", digest(1)), ALICE);
        var e = assertThrows(ArtifactAlreadyRegisteredException.class,
                () -> ledger.registerArtifact(registration("1.0.0", digest(2)), BOB));
        assertThat(e.getMessage(), containsString(digest(1).value()));
        assertThat(e.getMessage(), containsString("by alice at 2026-11-29T10:00:00Z"));
        assertEquals(digest(1), ledger.artifact("payments-api", "1.0.0").orElseThrow().digest());
    }

    @Test
    public void concurrentRegistrationsOfOneVersionWithDifferentDigestsLetExactlyOneWin() throws Exception {
        int contenders = 8;
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        try {
            for (int round = 0; round < 10; round++) {
                String version = "2.0." + round;
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Digest>> results = new ArrayList<>();
                for (int i = 0; i < contenders; i++) {
                    Digest mine = digest(round * 100 + i);
                    results.add(pool.submit(() -> {
                        start.await();
                        try {
                            return ledger.registerArtifact(registration(version, mine), ALICE).digest();
                        } catch (ArtifactAlreadyRegisteredException refused) {
                            return null;
                        }
                    }));
                }
                start.countDown();
                Set<Digest> winners = new HashSet<>();
                for (Future<Digest> f : results) {
                    if (f.get() != null) {
                        winners.add(f.get());
                    }
                }
                assertEquals("round " + round + " winners", 1, winners.size());
                assertEquals(winners.iterator().next(), ledger.artifact("payments-api", version).orElseThrow().digest());
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(ledger.verifyChain().intact());
    }

    // --- releases ------------------------------------------------------------------------------

    @Test
    public void aNewLiveReleaseSupersedesThePreviousOne() {
        Release v1 = live("staging", "1.0.0");
        Release v2 = live("staging", "2.0.0");
        assertEquals(SUPERSEDED, ledger.release(v1.id()).state());
        assertEquals(LIVE, v2.state());
        EnvironmentStatus staging = ledger.dashboard().get(0);
        assertEquals("staging", staging.name());
        assertEquals(v2.id(), staging.live().id());
        assertNull(ledger.dashboard().get(1).live());
    }

    @Test
    public void refusesATransitionTheStateMachineForbids() {
        Release r = requested("staging", "1.0.0");
        long events = eventCount();
        var e = assertThrows(IllegalTransitionException.class, () -> move(r, LIVE));
        assertThat(e.getMessage(), containsString("cannot move from REQUESTED to LIVE"));
        assertEquals(REQUESTED, ledger.release(r.id()).state());
        assertEquals(events, eventCount());
    }

    @Test
    public void refusesATransitionFromAStateTheReleaseHasLeft() {
        Release r = requested("staging", "1.0.0");
        move(r, APPROVED);
        assertThrows(StaleReleaseStateException.class, () -> move(r, AWAITING_APPROVAL));
        assertEquals(APPROVED, ledger.release(r.id()).state());
    }

    @Test
    public void concurrentMovesOfOneReleaseLetExactlyOneWin() throws Exception {
        // Each writer reads the release only once it holds the chain head; a read from before the wait
        // would let a second writer move a release the first had already moved.
        List<io.releaseledger.release.ReleaseState> targets = List.of(APPROVED, AWAITING_APPROVAL,
                io.releaseledger.release.ReleaseState.ABORTED, INTERRUPTED);
        ExecutorService pool = Executors.newFixedThreadPool(targets.size());
        try {
            for (int round = 0; round < 10; round++) {
                Release r = requested("production", "3.0." + round);
                long events = eventCount();
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Release>> results = new ArrayList<>();
                for (var to : targets) {
                    results.add(pool.submit(() -> {
                        start.await();
                        try {
                            return ledger.transition(r.id(), Transition.of(REQUESTED, to, "racing"), ALICE);
                        } catch (StaleReleaseStateException lost) {
                            return null;
                        }
                    }));
                }
                start.countDown();
                List<Release> winners = new ArrayList<>();
                for (Future<Release> f : results) {
                    if (f.get() != null) {
                        winners.add(f.get());
                    }
                }
                assertEquals("round " + round + " winners", 1, winners.size());
                assertEquals(winners.get(0).state(), ledger.release(r.id()).state());
                assertEquals("round " + round + " events", events + 1, eventCount());
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(ledger.verifyChain().intact());
    }

    @Test
    public void failedRollbackMarksTheEnvironmentDegradedUntilSomethingGoesLive() {
        Release good = live("production", "1.0.0");
        Release bad = requested("production", "2.0.0");
        for (var to : List.of(APPROVED, DEPLOYING, VERIFYING, UNHEALTHY)) {
            bad = move(bad, to);
        }
        bad = ledger.transition(bad.id(), Transition.rollingBack(UNHEALTHY, good.id(), "unhealthy"), ALICE);
        assertEquals(good.id(), (long) bad.rollbackTargetId());
        move(bad, ROLLBACK_FAILED);
        EnvironmentStatus production = ledger.dashboard().get(1);
        assertTrue(production.degraded());
        assertThat(production.degradedReason(), containsString("rollback of release " + bad.id() + " failed"));
        live("production", "3.0.0");
        assertFalse(ledger.dashboard().get(1).degraded());
    }

    @Test
    public void failedManualRollbackMarksTheEnvironmentDegraded() {
        live("production", "1.0.0");
        live("production", "2.0.0");
        Release back = ledger.requestRelease(new ReleaseRequest("production", "payments-api", "1.0.0",
                ReleaseMode.ROLLBACK, null), ALICE);
        for (var to : List.of(APPROVED, DEPLOYING, DEPLOY_FAILED)) {
            back = move(back, to);
        }
        EnvironmentStatus production = ledger.dashboard().get(1);
        assertTrue(production.degraded());
        assertThat(production.degradedReason(), containsString("manual rollback to payments-api 1.0.0 (release "
                + back.id() + ") failed"));
        live("production", "3.0.0");
        assertFalse("a later release live (so verified) clears it", ledger.dashboard().get(1).degraded());
        assertNull(ledger.dashboard().get(1).degradedReason());
    }

    @Test
    public void verifiedRollbackClearsTheDegradedFlag() {
        live("production", "1.0.0");
        Release good = live("production", "2.0.0");
        Release back = ledger.requestRelease(new ReleaseRequest("production", "payments-api", "1.0.0",
                ReleaseMode.ROLLBACK, null), ALICE);
        for (var to : List.of(APPROVED, DEPLOYING, VERIFYING, UNHEALTHY)) {
            back = move(back, to);
        }
        assertTrue(ledger.dashboard().get(1).degraded());
        Release bad = requested("production", "3.0.0");
        for (var to : List.of(APPROVED, DEPLOYING, VERIFYING, UNHEALTHY)) {
            bad = move(bad, to);
        }
        bad = ledger.transition(bad.id(), Transition.rollingBack(UNHEALTHY, good.id(), "unhealthy"), ALICE);
        move(bad, ROLLED_BACK);
        EnvironmentStatus production = ledger.dashboard().get(1);
        assertEquals(good.id(), production.live().id());
        assertFalse("production runs 2.0.0 again, verified by the rollback", production.degraded());
        assertNull(production.degradedReason());
    }

    @Test
    public void failedDeployIsNoRollbackAndLeavesTheEnvironmentAsItWas() {
        live("production", "1.0.0");
        Release bad = requested("production", "2.0.0");
        for (var to : List.of(APPROVED, DEPLOYING, DEPLOY_FAILED)) {
            bad = move(bad, to);
        }
        assertFalse(ledger.dashboard().get(1).degraded());
    }

    @Test
    public void refusesARollbackTargetThatWasNeverLiveThere() {
        Release stagingOnly = live("staging", "1.0.0");
        Release bad = requested("production", "2.0.0");
        for (var to : List.of(APPROVED, DEPLOYING, VERIFYING, UNHEALTHY)) {
            bad = move(bad, to);
        }
        long id = bad.id();
        var e = assertThrows(IllegalArgumentException.class, () -> ledger.transition(id,
                Transition.rollingBack(UNHEALTHY, stagingOnly.id(), "unhealthy"), ALICE));
        assertThat(e.getMessage(), containsString("is not a known-good release of production"));
    }

    @Test
    public void lastKnownGoodIsTheNewestOnceLiveReleaseBeforeTheFailedOne() {
        Release v1 = live("production", "1.0.0");
        Release v2 = live("production", "2.0.0");
        Release v3 = requested("production", "3.0.0");
        move(move(v3, APPROVED), DEPLOYING);
        assertEquals(v2.id(), ledger.lastKnownGood("production", v3.id()).orElseThrow().id());
        assertEquals(v1.id(), ledger.lastKnownGood("production", v2.id()).orElseThrow().id());
        assertTrue(ledger.lastKnownGood("production", v1.id()).isEmpty());
        assertEquals(v1.id(), ledger.onceLive("production", "payments-api", "1.0.0").orElseThrow().id());
        assertTrue(ledger.onceLive("production", "payments-api", "3.0.0").isEmpty());
    }

    @Test
    public void environmentsReachedListsOnlyWhereTheDigestWentLive() {
        live("staging", "1.0.0");
        Release prod = requested("production", "1.0.0");
        move(prod, APPROVED);
        Digest d = ledger.artifact("payments-api", "1.0.0").orElseThrow().digest();
        assertEquals(Set.of("staging"), ledger.environmentsReached(d));
    }

    @Test
    public void historyPagesNewestFirstWithoutGapsOrRepeats() {
        ledger.registerArtifact(registration("1.0.0", digest(1)), ALICE);
        List<Long> created = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            created.add(ledger.requestRelease(ReleaseRequest.deploy("staging", "payments-api", "1.0.0"), ALICE).id());
            if (i % 10 == 0) {
                ledger.requestRelease(ReleaseRequest.deploy("production", "payments-api", "1.0.0"), ALICE);
            }
        }
        List<Long> seen = new ArrayList<>();
        Long before = null;
        int pages = 0;
        do {
            HistoryPage page = ledger.history("staging", before, 50);
            page.releases().forEach(r -> seen.add(r.id()));
            before = page.nextBefore();
            pages++;
        } while (before != null);
        assertEquals(3, pages);
        java.util.Collections.reverse(created);
        assertEquals(created, seen);
    }

    @Test
    public void historyFilteredByArtifactPagesOnlyThatArtifactWithoutGapsOrRepeats() {
        ledger.registerArtifact(registration("1.0.0", digest(1)), ALICE);
        ledger.registerArtifact(new ArtifactRegistration("billing-worker", "7.0", digest(7), ArtifactKind.OTHER,
                null, null), ALICE);
        List<Long> billing = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            ledger.requestRelease(ReleaseRequest.deploy("staging", "payments-api", "1.0.0"), ALICE);
            if (i % 3 == 0) {
                billing.add(ledger.requestRelease(ReleaseRequest.deploy("staging", "billing-worker", "7.0"), ALICE).id());
            }
        }
        List<Long> seen = new ArrayList<>();
        Long before = null;
        do {
            HistoryPage page = ledger.history("staging", HistoryFilter.artifact("billing-worker"), before, 4);
            page.releases().forEach(r -> seen.add(r.id()));
            assertTrue(page.releases().stream().allMatch(r -> r.artifactName().equals("billing-worker")));
            before = page.nextBefore();
        } while (before != null);
        java.util.Collections.reverse(billing);
        assertEquals(billing, seen);
    }

    @Test
    public void historyFilteredByStateAndArtifactReturnsOnlyReleasesMatchingBoth() {
        Release v1 = live("production", "1.0.0");
        Release v2 = live("production", "2.0.0");
        requested("production", "3.0.0");
        ledger.registerArtifact(new ArtifactRegistration("billing-worker", "7.0", digest(7), ArtifactKind.OTHER,
                null, null), ALICE);
        Release billing = ledger.requestRelease(ReleaseRequest.deploy("production", "billing-worker", "7.0"), ALICE);
        for (var to : List.of(APPROVED, DEPLOYING, VERIFYING, LIVE)) {
            billing = move(billing, to);
        }

        HistoryPage superseded = ledger.history("production", HistoryFilter.state(SUPERSEDED), null, 10);
        assertEquals(List.of(v2.id(), v1.id()), superseded.releases().stream().map(Release::id).toList());
        HistoryPage paymentsLive = ledger.history("production",
                new HistoryFilter("payments-api", SUPERSEDED), null, 1);
        assertEquals(List.of(v2.id()), paymentsLive.releases().stream().map(Release::id).toList());
        assertEquals(Long.valueOf(v2.id()), paymentsLive.nextBefore());
        HistoryPage next = ledger.history("production", new HistoryFilter("payments-api", SUPERSEDED),
                paymentsLive.nextBefore(), 1);
        assertEquals(List.of(v1.id()), next.releases().stream().map(Release::id).toList());
        assertNull(next.nextBefore());
        assertTrue(ledger.history("production", new HistoryFilter("payments-api", LIVE), null, 10)
                .releases().isEmpty());
        assertEquals(List.of(billing.id()), ledger.history("production", HistoryFilter.state(LIVE), null, 10)
                .releases().stream().map(Release::id).toList());
    }

    @Test
    public void historyFilterRefusesAnInvalidArtifactNameNamingTheField() {
        var e = assertThrows(InvalidInputException.class, () -> HistoryFilter.artifact("<img src=x>"));
        assertEquals("artifact name", e.field());
    }

    // --- a deployment taking over an approved release ----------------------------------------------

    @Test
    public void replacePlanRecordsTheNewPlanWithItsOwnChainedEvent() {
        Release r = move(move(requested("production", "1.0.0"), AWAITING_APPROVAL), APPROVED);
        Release adopted = ledger.replacePlan(r.id(), APPROVED, "{\"deploy\":\"plan\"}", BOB);
        assertEquals(APPROVED, adopted.state());
        assertEquals(Optional.of("{\"deploy\":\"plan\"}"), ledger.plan(r.id()));
        LedgerEvent last = ledger.timeline(r.id()).events().get(ledger.timeline(r.id()).events().size() - 1);
        assertEquals(EventType.RELEASE_PLAN_SET, last.type());
        assertEquals("bob", last.actor());
        assertThat(last.payload(), containsString("deploy"));
        assertTrue(ledger.verifyChain().intact());
    }

    @Test
    public void replacePlanIsRefusedUnlessApprovedAndOnlyOnce() {
        Release waiting = move(requested("production", "1.0.0"), AWAITING_APPROVAL);
        long before = eventCount();
        assertThrows(StaleReleaseStateException.class, () -> ledger.replacePlan(waiting.id(), APPROVED, "{}", BOB));
        assertThrows(IllegalArgumentException.class,
                () -> ledger.replacePlan(waiting.id(), AWAITING_APPROVAL, "{}", BOB));
        Release approved = move(waiting, APPROVED);
        ledger.replacePlan(approved.id(), APPROVED, "{}", BOB);
        var twice = assertThrows(IllegalStateException.class,
                () -> ledger.replacePlan(approved.id(), APPROVED, "{\"second\":1}", BOB));
        assertThat(twice.getMessage(), containsString("already taken over"));
        assertEquals(Optional.of("{}"), ledger.plan(approved.id()));
        Release deploying = move(approved, DEPLOYING);
        assertThrows(StaleReleaseStateException.class, () -> ledger.replacePlan(deploying.id(), APPROVED, "{}", BOB));
        assertEquals("refusals record nothing: approved, one plan change, deploying", before + 3, eventCount());
    }

    @Test
    public void timelineHoldsEventsApprovalsAndSamplesInOrder() {
        Release r = requested("production", "1.0.0");
        r = move(r, AWAITING_APPROVAL);
        ledger.decide(r.id(), "bob", Set.of("release-managers"), Decision.APPROVE, "looks good", BOB);
        r = move(move(move(r, APPROVED), DEPLOYING), VERIFYING);
        ledger.recordSample(r.id(), new SampleRecord(ReleaseMode.DEPLOY, new HealthSample("GET http://127.0.0.1/health",
                HealthSample.Outcome.HEALTHY, clock.instant(), Duration.ofMillis(12), "200 OK", "200", null, 1)), ALICE);
        move(r, LIVE);

        ReleaseTimeline t = ledger.timeline(r.id());
        assertEquals(LIVE, t.release().state());
        List<EventType> types = t.events().stream().map(LedgerEvent::type).toList();
        assertEquals(List.of(EventType.RELEASE_REQUESTED, EventType.RELEASE_STATE_CHANGED, EventType.APPROVAL_DECIDED,
                EventType.RELEASE_STATE_CHANGED, EventType.RELEASE_STATE_CHANGED, EventType.RELEASE_STATE_CHANGED,
                EventType.HEALTH_SAMPLED, EventType.RELEASE_STATE_CHANGED), types);
        assertEquals("bob", t.approvals().get(0).approver());
        assertEquals("200", t.samples().get(0).sample().observed());
        assertEquals(Set.of("release-managers"), t.approvals().get(0).groups());
        assertEquals(List.of(t.samples().get(0).sample()), ledger.samples(r.id(), ReleaseMode.DEPLOY));
        assertTrue(ledger.samples(r.id(), ReleaseMode.ROLLBACK).isEmpty());
    }

    @Test
    public void refusesASampleOfAReleaseNoLongerBeingVerified() {
        Release r = requested("staging", "1.0.0");
        for (var to : List.of(APPROVED, DEPLOYING, VERIFYING, io.releaseledger.release.ReleaseState.ABORTED)) {
            r = move(r, to);
        }
        long events = eventCount();
        long id = r.id();
        HealthSample late = new HealthSample("GET /health", HealthSample.Outcome.HEALTHY, clock.instant(),
                Duration.ofMillis(12), "200", null, null, 1);
        assertThrows(StaleReleaseStateException.class,
                () -> ledger.recordSample(id, new SampleRecord(ReleaseMode.DEPLOY, late), ALICE));
        assertEquals(List.of(), ledger.samples(id, ReleaseMode.DEPLOY));
        assertEquals(events, eventCount());
    }

    @Test
    public void anApproverCannotChangeTheirDecision() {
        Release r = move(requested("production", "1.0.0"), AWAITING_APPROVAL);
        ledger.decide(r.id(), "bob", Set.of("release-managers"), Decision.APPROVE, null, BOB);
        ledger.decide(r.id(), "bob", Set.of("release-managers"), Decision.APPROVE, null, BOB);
        var e = assertThrows(IllegalStateException.class,
                () -> ledger.decide(r.id(), "bob", Set.of("release-managers"), Decision.REJECT, "changed my mind", BOB));
        assertThat(e.getMessage(), containsString("bob already decided APPROVE"));
        assertEquals(1, ledger.approvals(r.id()).size());
    }

    @Test
    public void refusesADecisionOnAReleaseNotAwaitingApproval() {
        Release r = requested("production", "1.0.0");
        var e = assertThrows(IllegalStateException.class,
                () -> ledger.decide(r.id(), "bob", Set.of("release-managers"), Decision.APPROVE, null, BOB));
        assertThat(e.getMessage(), containsString("is REQUESTED, not awaiting approval"));
    }

    // --- audit chain ---------------------------------------------------------------------------

    @Test
    public void chainVerifiesAfterEveryKindOfChange() {
        Release r = live("staging", "1.0.0");
        ledger.acquireLease("production", "ci-1", r.id(), Duration.ofMinutes(1), ALICE);
        ChainVerification v = ledger.verifyChain();
        assertTrue(v.toString(), v.intact());
        assertEquals(eventCount(), v.eventsChecked());
    }

    private void sql(String statement) throws Exception {
        try (Connection c = store.connect(); Statement s = c.createStatement()) {
            s.executeUpdate(statement);
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
    }

    @Test
    public void aReleaseWhoseOwnersLeaseExpiredReadsInterruptedOnceItsGracePassedUntilAWriteRecordsIt() throws Exception {
        Release r = requested("staging", "1.0.0");
        for (var to : List.of(APPROVED, DEPLOYING, VERIFYING)) {
            r = move(r, to);
        }
        Release alive = requested("production", "1.0.0");
        for (var to : List.of(APPROVED, DEPLOYING)) {
            alive = move(alive, to);
        }
        Lease lease = ((LeaseAttempt.Acquired) ledger.acquireLease("staging", "alice@ci-7 (release-ledger pid 42)",
                r.id(), Duration.ofMinutes(1), ALICE)).lease();
        ledger.acquireLease("production", "bob@ci-8", alive.id(), Duration.ofDays(3650), ALICE);
        long events = eventCount();

        // Expired, but within the grace after expiry (20 s for a 60 s term): its owner or its body may still run.
        clock.advance(Duration.ofSeconds(79));
        assertEquals("within the grace it reads as recorded", VERIFYING,
                ledger.history("staging", null, 10).releases().get(0).state());
        assertTrue("and no write would record it either", ledger.dashboard().get(0).interrupted().isEmpty());

        clock.advance(Duration.ofSeconds(1));
        Release read = ledger.history("staging", null, 10).releases().get(0);
        assertEquals(INTERRUPTED, read.state());
        assertEquals(new Release.LostOwner(VERIFYING, "alice@ci-7 (release-ledger pid 42)", lease.expiresAt(), null),
                read.lostOwner());
        assertThat(read.reason(), containsString("its owner stopped: the lease held by alice@ci-7 (release-ledger pid 42)"
                + " expired at 2026-11-29T10:01:00Z without renewal (the ledger still records VERIFYING;"));
        assertEquals(INTERRUPTED, ledger.timeline(r.id()).release().state());
        EnvironmentStatus staging = ledger.dashboard().get(0);
        assertEquals(List.of(), staging.inFlight());
        assertEquals(List.of(r.id()), staging.interrupted().stream().map(Release::id).toList());
        assertEquals("a live owner's release reads as recorded", DEPLOYING,
                ledger.history("production", null, 1).releases().get(0).state());
        assertEquals("the engine reads what is recorded", VERIFYING, ledger.release(r.id()).state());
        assertEquals("reading wrote nothing", events, eventCount());

        assertEquals(List.of(r.id()), ledger.expireLeases(BOB));
        Release recorded = ledger.history("staging", null, 1).releases().get(0);
        assertEquals(INTERRUPTED, recorded.state());
        assertNull(recorded.lostOwner());
    }

    @Test
    public void aReleaseWhoseOwnerExitedReadsInterruptedWhenItsLeaseCanBeGivenBack() throws Exception {
        ProcessIdentity identity = exitedProcess();
        Release a = move(move(requested("production", "1.0.0"), APPROVED), DEPLOYING);
        ledger.acquireLease("production", new LeaseOwner("cli", identity), a.id(), Duration.ofHours(1), ALICE);
        assertEquals("nobody saw the exit yet: the body may still be stopping", DEPLOYING,
                ledger.timeline(a.id()).release().state());
        assertTrue("first seen exited", ledger.expireLeases(ALICE).isEmpty());
        Instant seen = clock.instant();
        clock.advance(LeaseTerms.OWNER_EXITED_GRACE.minusMillis(1));
        assertEquals("its body had not had time to stop", DEPLOYING, ledger.timeline(a.id()).release().state());
        clock.advance(Duration.ofMillis(1));
        Release read = ledger.timeline(a.id()).release();
        assertEquals(INTERRUPTED, read.state());
        assertEquals(seen, read.lostOwner().ownerExitSeenAt());
        assertThat(read.reason(), containsString("its owner stopped: the process holding the lease, cli, exited (seen at "
                + seen + ")"));
        assertEquals("the next write records it so", List.of(a.id()), ledger.expireLeases(ALICE));
        assertNull(ledger.timeline(a.id()).release().lostOwner());
    }

    @Test
    public void releaseIdsFollowTheHighestWithoutGaps() throws Exception {
        Release first = requested("staging", "1.0.0");
        // A row written behind the ledger's back with id 7: the next request takes 8, one more than the highest
        sql("INSERT INTO releases (id, environment, artifact_name, artifact_version, digest, mode, state, initiator,"
                + " origin, requested_at, updated_at) VALUES (7, 'staging', 'payments-api', '1.0.0', '"
                + first.digest().value() + "', 'DEPLOY', 'ABORTED', 'mallory', 'sql', 0, 0)");
        assertEquals(8, requested("staging", "1.0.0").id());
        sql("DELETE FROM releases WHERE id = 7");
        assertEquals("the highest id now is 8", 9, requested("staging", "1.0.0").id());
    }

    @Test
    public void concurrentRequestsTakeConsecutiveIds() throws Exception {
        // The next id is read once the chain head is locked (on PostgreSQL in the lock's own round trip): a writer
        // that waited for the lock must see the id the writer before it committed, or two would take the same.
        ledger.registerArtifact(registration("1.0.0", digest(1)), ALICE);
        int writers = 6;
        int each = 5;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<Long>>> results = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                results.add(pool.submit(() -> {
                    start.await();
                    List<Long> ids = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        ids.add(ledger.requestRelease(ReleaseRequest.deploy("staging", "payments-api", "1.0.0"), ALICE)
                                .id());
                    }
                    return ids;
                }));
            }
            start.countDown();
            Set<Long> ids = new HashSet<>();
            for (Future<List<Long>> f : results) {
                ids.addAll(f.get());
            }
            Set<Long> expected = new HashSet<>();
            for (long id = 1; id <= writers * each; id++) {
                expected.add(id);
            }
            assertEquals(expected, ids);
        } finally {
            pool.shutdownNow();
        }
        ChainVerification v = ledger.verify();
        assertTrue(v.toString(), v.intact());
        assertEquals(writers * each, v.releasesChecked());
        assertEquals("", v.unissuedIds());
    }

    @Test
    public void verifyNamesIdsThatWereNeverIssuedAndFindsNothingMissing() throws Exception {
        requested("staging", "1.0.0"); // 1
        // An older ledger took ids from a sequence, which skipped some after a crash: 2 to 4 were never issued.
        sql("INSERT INTO releases (id, environment, artifact_name, artifact_version, digest, mode, state, initiator,"
                + " origin, requested_at, updated_at) VALUES (4, 'staging', 'payments-api', '1.0.0', '"
                + digest("1.0.0".hashCode()).value() + "', 'DEPLOY', 'ABORTED', 'x', 'sql', 0, 0)");
        assertEquals(5, requested("staging", "1.0.0").id());
        sql("DELETE FROM releases WHERE id = 4");
        requested("production", "1.0.0"); // 6
        ChainVerification v = ledger.verify();
        assertTrue(v.toString(), v.intact());
        assertEquals(3, v.releasesChecked());
        assertEquals("2-4", v.unissuedIds());
        assertThat(v.toString(), containsString("3 releases, each with its request in the chain (ids 2-4 were never"
                + " issued: no release and no event has them; nothing is missing)"));
    }

    @Test
    public void verifyNamesADeletedReleaseAtTheEventThatRequestedIt() throws Exception {
        live("staging", "1.0.0");
        Release victim = requested("staging", "2.0.0");
        long requestedAt = ledger.timeline(victim.id()).events().get(0).seq();
        requested("staging", "3.0.0");
        sql("DELETE FROM releases WHERE id = " + victim.id());
        assertTrue("the chain itself still holds", ledger.verifyChain().intact());
        ChainVerification v = ledger.verify();
        assertFalse(v.intact());
        assertEquals(requestedAt, v.firstBrokenSeq());
        assertThat(v.problem(), containsString("release " + victim.id() + " was requested (this event) but its row"
                + " is gone from the releases table: it was deleted"));
    }

    @Test
    public void verifyNamesAReleaseWrittenBehindTheLedgersBack() throws Exception {
        Release r = requested("staging", "1.0.0");
        sql("INSERT INTO releases (id, environment, artifact_name, artifact_version, digest, mode, state, initiator,"
                + " origin, requested_at, updated_at) VALUES (2, 'staging', 'payments-api', '1.0.0', '"
                + r.digest().value() + "', 'DEPLOY', 'LIVE', 'mallory', 'sql', 0, 0)");
        ChainVerification v = ledger.verify();
        assertFalse(v.intact());
        assertThat(v.problem(), containsString("release 2 has no RELEASE_REQUESTED event in the chain"));
    }

    @Test
    public void tamperedEventIsReportedWithItsSequenceNumber() throws Exception {
        live("staging", "1.0.0");
        live("staging", "2.0.0");
        long victim = eventCount() / 2;
        try (Connection c = store.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE ledger_events SET actor = 'mallory' WHERE seq = " + victim);
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
        ChainVerification v = ledger.verifyChain();
        assertFalse(v.intact());
        assertEquals(victim, v.firstBrokenSeq());
        assertEquals(victim - 1, v.eventsChecked());
        assertThat(v.problem(), containsString("altered"));
    }

    @Test
    public void deletedEventIsReportedWithItsSequenceNumber() throws Exception {
        live("staging", "1.0.0");
        long victim = 3;
        try (Connection c = store.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM ledger_events WHERE seq = " + victim);
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
        ChainVerification v = ledger.verifyChain();
        assertEquals(victim, v.firstBrokenSeq());
        assertThat(v.problem(), containsString("missing"));
    }

    @Test
    public void truncatedChainEndIsReported() throws Exception {
        live("staging", "1.0.0");
        long last = eventCount();
        try (Connection c = store.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM ledger_events WHERE seq = " + last);
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
        ChainVerification v = ledger.verifyChain();
        assertFalse(v.intact());
        assertEquals(last, v.firstBrokenSeq());
    }

    @Test
    public void exportStreamsEventsAfterASequenceNumber() {
        live("staging", "1.0.0");
        List<Long> seqs = new ArrayList<>();
        long last = ledger.exportEvents(4, e -> seqs.add(e.seq()));
        assertEquals(5L, (long) seqs.get(0));
        assertEquals(last, (long) seqs.get(seqs.size() - 1));
        assertEquals(last - 4, seqs.size());
    }

    @Test
    public void auditPagesAreBoundedAndContiguous() {
        live("staging", "1.0.0");
        long total = eventCount();
        List<LedgerEvent> first = ledger.events(0, 3);
        List<LedgerEvent> second = ledger.events(first.get(2).seq(), 1000);
        assertEquals(List.of(1L, 2L, 3L), first.stream().map(LedgerEvent::seq).toList());
        assertEquals(total - 3, second.size());
        assertEquals(4L, second.get(0).seq());
        assertThrows(InvalidInputException.class, () -> ledger.events(0, 0));
    }

    // --- leases --------------------------------------------------------------------------------

    @Test
    public void aHeldLeaseNamesItsHolder() {
        Release a = requested("production", "1.0.0");
        Release b = requested("production", "2.0.0");
        assertTrue(ledger.acquireLease("production", "ci-1", a.id(), Duration.ofMinutes(1), ALICE)
                instanceof LeaseAttempt.Acquired);
        LeaseAttempt second = ledger.acquireLease("production", "ci-2", b.id(), Duration.ofMinutes(1), BOB);
        var held = (LeaseAttempt.Waiting) second;
        assertThat(held.waitingMessage(), containsString("waiting for production: held by ci-1 (release " + a.id()
                + ") since 2026-11-29T10:00:00Z"));
    }

    @Test
    public void releasedLeaseCanBeTakenByTheNext() {
        Release a = requested("production", "1.0.0");
        Release b = requested("production", "2.0.0");
        Lease lease = ((LeaseAttempt.Acquired) ledger.acquireLease("production", "ci-1", a.id(),
                Duration.ofMinutes(1), ALICE)).lease();
        assertTrue(ledger.releaseLease(lease, ALICE));
        assertFalse(ledger.releaseLease(lease, ALICE));
        assertTrue(ledger.acquireLease("production", "ci-2", b.id(), Duration.ofMinutes(1), BOB)
                instanceof LeaseAttempt.Acquired);
    }

    @Test
    public void theSameOwnerTakesItsLeaseBackForTheSameReleaseAfterARestart() {
        Release a = move(move(requested("production", "1.0.0"), APPROVED), DEPLOYING);
        Release b = requested("production", "2.0.0");
        Lease before = ((LeaseAttempt.Acquired) ledger.acquireLease("production", "ci-1", a.id(),
                Duration.ofMinutes(1), ALICE)).lease();
        Lease after = ((LeaseAttempt.Acquired) ledger.acquireLease("production", "ci-1", a.id(),
                Duration.ofMinutes(1), ALICE)).lease();
        assertFalse(before.grant().equals(after.grant()));
        assertEquals("the same owner keeps its fencing token", before.token(), after.token());
        assertThrows(LeaseLostException.class, () -> ledger.renewLease(before, Duration.ofMinutes(1)));
        assertTrue(ledger.acquireLease("production", "ci-1", b.id(), Duration.ofMinutes(1), ALICE)
                instanceof LeaseAttempt.Waiting);
        assertEquals(DEPLOYING, ledger.release(a.id()).state());
    }

    @Test
    public void renewalKeepsTheLeaseAlive() {
        Release a = move(move(requested("production", "1.0.0"), APPROVED), DEPLOYING);
        Lease lease = ((LeaseAttempt.Acquired) ledger.acquireLease("production", "ci-1", a.id(),
                Duration.ofMinutes(1), ALICE)).lease();
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(50));
            lease = ledger.renewLease(lease, Duration.ofMinutes(1));
        }
        assertTrue(ledger.expireLeases(ALICE).isEmpty());
        assertEquals(DEPLOYING, ledger.release(a.id()).state());
    }

    @Test
    public void expiredLeaseInterruptsItsReleaseAndCannotBeRenewed() {
        Release a = move(move(requested("production", "1.0.0"), APPROVED), DEPLOYING);
        Lease lease = ((LeaseAttempt.Acquired) ledger.acquireLease("production", "ci-1", a.id(),
                Duration.ofMinutes(1), ALICE)).lease();
        clock.advance(Duration.ofMinutes(2));
        assertEquals(List.of(a.id()), ledger.expireLeases(Actor.system("test-host")));
        Release after = ledger.release(a.id());
        assertEquals(INTERRUPTED, after.state());
        assertThat(after.reason(), containsString("held by ci-1 expired"));
        assertThrows(LeaseLostException.class, () -> ledger.renewLease(lease, Duration.ofMinutes(1)));
        assertTrue(ledger.currentLease("production").isEmpty());
    }

    @Test
    public void expiringManyLeasesInOneWriteChainsEveryEvent() {
        // Two events per environment, more than one statement's worth: the chain must not break between them.
        List<Long> deploying = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String environment = "region-" + i;
            ledger.defineEnvironment(environment, 10 + i, ALICE);
            Release r = move(move(requested(environment, "1.0.0"), APPROVED), DEPLOYING);
            ledger.acquireLease(environment, "ci-" + i, r.id(), Duration.ofMinutes(1), ALICE);
            deploying.add(r.id());
        }
        long events = eventCount();
        clock.advance(Duration.ofMinutes(2));
        assertEquals(deploying, ledger.expireLeases(Actor.system("test-host")));
        assertEquals(events + 12, eventCount());
        for (long id : deploying) {
            assertEquals(INTERRUPTED, ledger.release(id).state());
        }
        ChainVerification chain = ledger.verifyChain();
        assertTrue(chain.toString(), chain.intact());
        assertEquals(events + 12, chain.eventsChecked());
    }

    @Test
    public void anExpiredLeaseIsTakenOverOnAcquire() {
        Release a = move(move(requested("production", "1.0.0"), APPROVED), DEPLOYING);
        Release b = requested("production", "2.0.0");
        ledger.acquireLease("production", "ci-1", a.id(), Duration.ofMinutes(1), ALICE);
        clock.advance(Duration.ofMinutes(2));
        var taken = (LeaseAttempt.Acquired) ledger.acquireLease("production", "ci-2", b.id(), Duration.ofMinutes(1), BOB);
        assertEquals("ci-2", taken.lease().holder());
        assertEquals(INTERRUPTED, ledger.release(a.id()).state());
    }

    @Test
    public void threadsRacingForOneLeaseNeverHoldItTogether() throws Exception {
        int threads = 4;
        int rounds = 40;
        List<Release> releases = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            releases.add(requested("production", "1.0." + i));
        }
        java.util.concurrent.atomic.AtomicInteger holders = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger violations = new java.util.concurrent.atomic.AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Callable<Integer>> work = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long releaseId = releases.get(t).id();
            String holder = "worker-" + t;
            work.add(() -> {
                int held = 0;
                while (held < rounds) {
                    LeaseAttempt attempt = ledger.acquireLease("production", holder, releaseId, Duration.ofHours(1), ALICE);
                    if (attempt instanceof LeaseAttempt.Acquired acquired) {
                        if (holders.incrementAndGet() != 1) {
                            violations.incrementAndGet();
                        }
                        Thread.sleep(1);
                        holders.decrementAndGet();
                        ledger.releaseLease(acquired.lease(), ALICE);
                        held++;
                    } else {
                        Thread.sleep(1);
                    }
                }
                return held;
            });
        }
        try {
            for (Future<Integer> f : pool.invokeAll(work)) {
                assertEquals(rounds, (int) f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0, violations.get());
        assertTrue(ledger.verifyChain().intact());
    }

    // --- one clock: the database's ---------------------------------------------------------------

    @Test
    public void theChainsTimesNeverRunBackwardsWhenTheClockStepsBack() {
        Release a = requested("production", "1.0.0");
        Instant first = ledger.timeline(a.id()).events().get(0).occurredAt();
        clock.set(first.minus(Duration.ofHours(1))); // the database's clock stepped back (NTP), or another server
        Release b = move(a, APPROVED);
        List<LedgerEvent> events = ledger.timeline(a.id()).events();
        assertEquals("held at the last event's time", first, events.get(events.size() - 1).occurredAt());
        assertEquals(first, b.updatedAt());
        ChainVerification chain = ledger.verifyChain();
        assertTrue(chain.toString(), chain.intact());
        assertFalse(chain.toString(), chain.timesRunBackwards());
    }

    @Test
    public void auditVerifyReportsTimesThatRunBackwardsWithoutCallingTheChainBroken() throws Exception {
        Release a = requested("production", "1.0.0");
        long last = eventCount();
        // As a ledger written before V2 by JVMs whose clocks disagreed: nothing held the next write back.
        try (Connection c = store.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE chain_head SET last_at = 0");
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
        clock.set(clock.instant().minus(Duration.ofMinutes(3)));
        move(a, APPROVED);
        ChainVerification chain = ledger.verifyChain();
        assertTrue("the hashes hold: " + chain, chain.intact());
        assertEquals(1, chain.timeReversals());
        assertEquals(last + 1, chain.firstReversalSeq());
        assertThat(chain.toString(), containsString("times run backwards 1 time, first at event " + (last + 1)
                + " (2026-11-29T09:57:00Z after 2026-11-29T10:00:00Z at event " + last + ")"));
    }

    @Test
    public void leaseTimesAndEventTimesComeFromTheDatabaseNotThisJvm() {
        // This JVM's clock says 2026-11-29 (the virtual clock the other tests use); the database's says now.
        ledger.close();
        ledger = Ledger.open(store.config());
        Release a = requested("production", "1.0.0");
        Instant before = Instant.now();
        Lease lease = ((LeaseAttempt.Acquired) ledger.acquireLease("production", "ci-1", a.id(),
                Duration.ofMinutes(1), ALICE)).lease();
        Instant after = Instant.now();
        assertFalse(lease.acquiredAt() + " is not before " + before, lease.acquiredAt().isBefore(before.minusSeconds(1)));
        assertFalse(lease.acquiredAt() + " is not after " + after, lease.acquiredAt().isAfter(after.plusSeconds(1)));
        Instant renewedFrom = ledger.now();
        Lease renewed = ledger.renewLease(lease, Duration.ofMinutes(5));
        assertFalse(renewed.expiresAt().isBefore(renewedFrom.plus(Duration.ofMinutes(5))));
        ClockSkew skew = ledger.measureClockSkew();
        assertFalse(skew.toString(), skew.exceeds(ClockSkew.WARN_ABOVE));
    }

    @Test
    public void waiterReadsTheTimeAfterTheLock() throws Exception {
        ledger.close();
        ledger = Ledger.open(store.config()); // the database's clock
        ledger.registerArtifact(registration("1.0.0", digest(1)), ALICE);
        LedgerConfig c = store.config();
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try (Connection blocker = java.sql.DriverManager.getConnection(c.jdbcUrl(), c.user(), c.password().read())) {
            blocker.setAutoCommit(false);
            blocker.createStatement().executeQuery("SELECT seq FROM chain_head WHERE id = 1 FOR UPDATE").close();
            Future<Release> request = writer.submit(() -> ledger.requestRelease(
                    ReleaseRequest.deploy("production", "payments-api", "1.0.0"), ALICE));
            Thread.sleep(700); // the request now waits for the chain head
            assertFalse(request.isDone());
            long released = System.currentTimeMillis();
            blocker.commit();
            Release r = request.get();
            // Read before the wait, the time would be about 700 ms earlier than this.
            assertTrue(r.requestedAt() + " vs " + Instant.ofEpochMilli(released),
                    r.requestedAt().toEpochMilli() >= released - 50);
        } finally {
            writer.shutdownNow();
        }
    }

    @Test
    public void aClockFarFromTheDatabasesIsMeasuredAndDescribed() {
        ClockSkew skew = ledger.measureClockSkew(); // the virtual "database" clock is a week behind this JVM's
        assertTrue(skew.toString(), skew.exceeds(ClockSkew.WARN_ABOVE));
        assertTrue(skew.offset().isNegative());
        assertThat(skew.describe(), containsString("s ahead of the ledger database's (" + ledger.store() + ")"));
    }

    // --- fencing tokens --------------------------------------------------------------------------

    @Test
    public void everyGrantCarriesAGreaterTokenRecordedWithItsRelease() {
        Release a = requested("production", "1.0.0");
        Release b = requested("production", "2.0.0");
        Release c = requested("staging", "1.0.0");
        Lease first = ((LeaseAttempt.Acquired) ledger.acquireLease("production", "ci-1", a.id(), Duration.ofMinutes(1),
                ALICE)).lease();
        Lease again = ((LeaseAttempt.Acquired) ledger.acquireLease("production", "ci-1", a.id(), Duration.ofMinutes(1),
                ALICE)).lease();
        assertEquals("the same owner taking its lease back keeps its token", first.token(), again.token());
        assertTrue(ledger.releaseLease(again, ALICE));
        Lease second = ((LeaseAttempt.Acquired) ledger.acquireLease("production", "ci-2", b.id(), Duration.ofMinutes(1),
                BOB)).lease();
        Lease other = ((LeaseAttempt.Acquired) ledger.acquireLease("staging", "ci-2", c.id(), Duration.ofMinutes(1),
                BOB)).lease();
        assertEquals(1, first.token());
        assertEquals(2, second.token());
        assertEquals("tokens count per environment", 1, other.token());
        assertEquals(Optional.of(1L), ledger.leaseToken(a.id()));
        assertEquals(Optional.of(2L), ledger.leaseToken(b.id()));
        assertEquals(Optional.empty(), ledger.leaseToken(requested("production", "3.0.0").id()));
        assertEquals(2, ledger.currentLease("production").orElseThrow().token());
    }

    @Test
    public void aDeposedOwnerCanRecordNothingMore() {
        Release a = move(move(requested("production", "1.0.0"), APPROVED), DEPLOYING);
        Release b = move(requested("production", "2.0.0"), APPROVED);
        ledger.acquireLease("production", "ci-1", a.id(), Duration.ofMinutes(1), ALICE);
        a = move(a, VERIFYING);
        clock.advance(Duration.ofMinutes(2)); // ci-1 stopped renewing: its term and grace pass
        Lease taken = ((LeaseAttempt.Acquired) ledger.acquireLease("production", "ci-2", b.id(), Duration.ofMinutes(1),
                BOB)).lease();
        long events = eventCount();
        Release deposed = a;
        var e = assertThrows(LeaseFencedException.class, () -> ledger.transition(deposed.id(),
                Transition.of(VERIFYING, LIVE, "verified healthy"), ALICE));
        assertThat(e.getMessage(), containsString("release " + a.id() + " (payments-api 1.0.0) in production holds"
                + " lease token 1, but token 2 was granted since, to ci-2 for release " + b.id()));
        assertEquals(a.id(), e.releaseId());
        assertEquals(1, e.token());
        assertEquals(2, e.currentToken());
        assertEquals("ci-2", e.currentHolder());
        assertTrue("it is a lost lease to its owner", e instanceof LeaseLostException);
        assertThrows(LeaseFencedException.class, () -> ledger.recordSample(deposed.id(), new SampleRecord(
                ReleaseMode.DEPLOY, new HealthSample("GET /health", HealthSample.Outcome.HEALTHY, clock.instant(),
                Duration.ofMillis(5), "200", "200", null, 1)), ALICE));
        assertEquals("nothing was written", events, eventCount());
        assertEquals(INTERRUPTED, ledger.release(a.id()).state());
        // The new owner writes on; stopping a release is anyone's to record, so an abort of the old one is not fenced.
        assertEquals(DEPLOYING, move(b, DEPLOYING).state());
        assertEquals(taken.token(), (long) ledger.leaseToken(b.id()).orElseThrow());
    }

    // --- the grace after expiry, and owners that exited ----------------------------------------

    @Test
    public void anExpiredLeaseIsNotTakenOverWhileItsOwnersBodyMayStillBeStopping() {
        Release a = move(move(requested("production", "1.0.0"), APPROVED), DEPLOYING);
        Release b = requested("production", "2.0.0");
        Lease lease = ((LeaseAttempt.Acquired) ledger.acquireLease("production", "ci-1", a.id(), Duration.ofMinutes(1),
                ALICE)).lease();
        assertEquals(Duration.ofSeconds(20), lease.terms().renewEvery());
        assertEquals("the grace is one renewal interval", Duration.ofSeconds(20), lease.terms().grace());
        clock.advance(Duration.ofSeconds(61));
        var wait = (LeaseAttempt.Waiting) ledger.acquireLease("production", "ci-2", b.id(), Duration.ofMinutes(1), BOB);
        assertEquals(lease.expiresAt().plusSeconds(20), wait.availableAt());
        assertThat(wait.waitingMessage(), containsString("expired at 2026-11-29T10:01:00Z; it can be taken over at"
                + " 2026-11-29T10:01:20Z, once its body has had time to stop"));
        assertTrue(ledger.expireLeases(ALICE).isEmpty());
        assertEquals(DEPLOYING, ledger.release(a.id()).state());
        clock.advance(Duration.ofSeconds(18));
        assertTrue(ledger.acquireLease("production", "ci-2", b.id(), Duration.ofMinutes(1), BOB)
                instanceof LeaseAttempt.Waiting);
        clock.advance(Duration.ofSeconds(1));
        assertTrue(ledger.acquireLease("production", "ci-2", b.id(), Duration.ofMinutes(1), BOB)
                instanceof LeaseAttempt.Acquired);
        assertEquals(INTERRUPTED, ledger.release(a.id()).state());
        assertThat(ledger.release(a.id()).reason(), containsString("its grace of 20 s passed"));
    }

    @Test
    public void aShortTermStillGivesTheBodyTimeToStop() {
        assertEquals(LeaseTerms.OWNER_EXITED_GRACE, new LeaseTerms(Duration.ofSeconds(3)).grace());
        assertEquals(Duration.ofSeconds(1), new LeaseTerms(Duration.ofSeconds(3)).renewEvery());
        assertTrue(LeaseTerms.OWNER_EXITED_GRACE.compareTo(LeaseTerms.BODY_STOP) > 0);
    }

    @Test
    public void aLeaseWhoseOwnerProcessExitedIsGivenBackSoonAfterNotAtTheEndOfItsTerm() throws Exception {
        ProcessIdentity identity = exitedProcess();
        assertTrue(identity.hasExited());
        Release a = move(move(requested("production", "1.0.0"), APPROVED), DEPLOYING);
        Release b = requested("production", "2.0.0");
        ledger.acquireLease("production", new LeaseOwner("alice@here (release-ledger pid " + identity.pid() + ")",
                identity), a.id(), Duration.ofHours(1), ALICE);
        var wait = (LeaseAttempt.Waiting) ledger.acquireLease("production", "ci-2", b.id(), Duration.ofMinutes(1), BOB);
        assertThat(wait.waitingMessage(), containsString("whose process (pid " + identity.pid()));
        assertThat(wait.waitingMessage(), containsString("has exited; it is given back at 2026-11-29T10:00:06Z"));
        clock.advance(LeaseTerms.OWNER_EXITED_GRACE);
        assertTrue("given back an hour before its term ends",
                ledger.acquireLease("production", "ci-2", b.id(), Duration.ofMinutes(1), BOB) instanceof LeaseAttempt.Acquired);
        Release interrupted = ledger.release(a.id());
        assertEquals(INTERRUPTED, interrupted.state());
        assertThat(interrupted.reason(), containsString("has exited (pid " + identity.pid() + " on "));
        assertThat(interrupted.reason(), containsString("given back 6 s after that was seen, without waiting for its term"));
    }

    /** A process of this machine that ran and exited (skips the test where identities cannot be told). */
    private static ProcessIdentity exitedProcess() throws Exception {
        Process p = new ProcessBuilder("sleep", "60").start();
        ProcessIdentity identity = ProcessIdentity.of(p.toHandle()).orElse(null);
        p.destroyForcibly();
        assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
        org.junit.Assume.assumeTrue("process identities need Linux's /proc", identity != null);
        return identity;
    }

    @Test
    public void aLeaseWhoseOwnerIsAliveOrAnotherMachinesIsKeptToItsTerm() {
        ProcessIdentity me = ProcessIdentity.current().orElse(null);
        org.junit.Assume.assumeTrue("process identities need Linux's /proc", me != null);
        assertFalse(me.hasExited());
        assertTrue("the same pid started at another time is another process",
                new ProcessIdentity(me.machine(), me.pid(), me.startedAtMillis() - 10_000).hasExited());
        assertFalse("a process of another machine cannot be looked up here",
                new ProcessIdentity("elsewhere boot 1 pid:[1]", 999_999_999L, 0).hasExited());
        Release a = move(move(requested("production", "1.0.0"), APPROVED), DEPLOYING);
        Release b = requested("production", "2.0.0");
        ledger.acquireLease("production", new LeaseOwner("me", me), a.id(), Duration.ofMinutes(10), ALICE);
        clock.advance(Duration.ofMinutes(5));
        assertTrue(ledger.acquireLease("production", "ci-2", b.id(), Duration.ofMinutes(1), BOB)
                instanceof LeaseAttempt.Waiting);
        assertTrue(ledger.expireLeases(ALICE).isEmpty());
    }

    @Test
    public void expireLeasesGivesBackTheLeaseOfAnExitedOwner() throws Exception {
        ProcessIdentity identity = exitedProcess();
        Release a = move(move(requested("production", "1.0.0"), APPROVED), DEPLOYING);
        ledger.acquireLease("production", new LeaseOwner("cli", identity), a.id(), Duration.ofHours(1), ALICE);
        assertTrue("first seen exited: its body gets time to stop", ledger.expireLeases(ALICE).isEmpty());
        clock.advance(LeaseTerms.OWNER_EXITED_GRACE);
        assertEquals(List.of(a.id()), ledger.expireLeases(ALICE));
        assertTrue(ledger.currentLease("production").isEmpty());
    }

    @Test
    public void renewalNeverShortensALeaseAndARestartCanHoldItLonger() {
        Release a = move(move(requested("production", "1.0.0"), APPROVED), DEPLOYING);
        Lease lease = ((LeaseAttempt.Acquired) ledger.acquireLease("production", "jenkins:/var/jenkins", a.id(),
                Duration.ofMinutes(1), ALICE)).lease();
        assertEquals(1, ledger.holdLeasesThrough("jenkins:/var/jenkins", Duration.ofMinutes(15)));
        ledger.renewLease(lease, Duration.ofMinutes(1)); // a last heartbeat before the restart must not undo it
        assertEquals(clock.instant().plus(Duration.ofMinutes(15)), ledger.currentLease("production").orElseThrow().expiresAt());
        clock.advance(Duration.ofMinutes(10));
        Release b = requested("production", "2.0.0");
        assertTrue(ledger.acquireLease("production", "ci-2", b.id(), Duration.ofMinutes(1), BOB)
                instanceof LeaseAttempt.Waiting);
        // The restarted controller takes its lease back: same owner, same release, same token.
        Lease back = ((LeaseAttempt.Acquired) ledger.acquireLease("production", "jenkins:/var/jenkins", a.id(),
                Duration.ofMinutes(1), ALICE)).lease();
        assertEquals(lease.token(), back.token());
    }

    // --- a fair queue ----------------------------------------------------------------------------

    @Test
    public void waitingDeploysAreServedInTheOrderTheyAsked() {
        Release holder = requested("production", "0.1.0");
        Lease held = ((LeaseAttempt.Acquired) ledger.acquireLease("production", "ci-0", holder.id(),
                Duration.ofMinutes(1), ALICE)).lease();
        List<Release> waiters = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            Release r = requested("production", "1.0." + i);
            waiters.add(r);
            var wait = (LeaseAttempt.Waiting) ledger.acquireLease("production", "ci-" + i, r.id(), Duration.ofMinutes(1),
                    ALICE);
            assertEquals(i - 1, wait.ahead());
        }
        assertTrue(ledger.releaseLease(held, ALICE));
        // Whoever asks first after the release, it is the first asker's turn.
        List<Long> served = new ArrayList<>();
        for (int round = 0; round < 4; round++) {
            for (int i = waiters.size() - 1; i >= 0; i--) {
                Release r = waiters.get(i);
                if (served.contains(r.id())) {
                    continue;
                }
                LeaseAttempt attempt = ledger.acquireLease("production", "ci-" + (i + 1), r.id(), Duration.ofMinutes(1),
                        ALICE);
                if (attempt instanceof LeaseAttempt.Acquired acquired) {
                    served.add(r.id());
                    ledger.releaseLease(acquired.lease(), ALICE);
                } else {
                    assertThat(((LeaseAttempt.Waiting) attempt).waitingMessage(), containsString("it is the turn of release"));
                }
            }
        }
        assertEquals(waiters.stream().map(Release::id).toList(), served);
    }

    @Test
    public void aWaiterThatStopsAskingLosesItsPlaceAndAnAbortedOneLeavesTheQueue() {
        Release holder = requested("production", "0.1.0");
        Lease held = ((LeaseAttempt.Acquired) ledger.acquireLease("production", "ci-0", holder.id(),
                Duration.ofMinutes(1), ALICE)).lease();
        Release quitter = requested("production", "1.0.1");
        Release aborted = move(requested("production", "1.0.2"), APPROVED);
        Release patient = requested("production", "1.0.3");
        ledger.acquireLease("production", "ci-1", quitter.id(), Duration.ofMinutes(1), ALICE);
        ledger.acquireLease("production", "ci-2", aborted.id(), Duration.ofMinutes(1), ALICE);
        ledger.acquireLease("production", "ci-3", patient.id(), Duration.ofMinutes(1), ALICE);
        move(aborted, io.releaseledger.release.ReleaseState.ABORTED);
        clock.advance(Duration.ofSeconds(15));
        assertEquals("the aborted request left the queue", 1, ((LeaseAttempt.Waiting) ledger.acquireLease("production",
                "ci-3", patient.id(), Duration.ofMinutes(1), ALICE)).ahead());
        clock.advance(Duration.ofSeconds(15)); // 30 s since ci-1 last asked: more than its renewal interval (20 s)
        ledger.releaseLease(held, ALICE);
        assertTrue(ledger.acquireLease("production", "ci-3", patient.id(), Duration.ofMinutes(1), ALICE)
                instanceof LeaseAttempt.Acquired);
    }

    // --- across processes ----------------------------------------------------------------------

    /** Child JVM arguments that open the same store: url, user, password variable. */
    private String[] childStoreArgs(LedgerConfig c) {
        return new String[] {c.jdbcUrl(), c.user() == null ? "-" : c.user(),
                c.password() instanceof PasswordSource.FromEnvironment env ? env.variable() : "-"};
    }

    private Process startChild(java.nio.file.Path log, String... args) throws java.io.IOException {
        return LedgerChildProcess.command(args).redirectError(log.toFile()).start();
    }

    @Test
    public void twoJvmsRacingForOneLeaseNeverHoldItTogether() throws Exception {
        Release first = requested("production", "1.0.0");
        Release second = requested("production", "2.0.0");
        ledger.close();
        // This JVM keeps the shared store open throughout, as a controller would (on H2 it hosts the
        // automatic server the children connect through).
        LedgerConfig shared = store.sharedConfig();
        ledger = Ledger.open(shared, clock);
        try (Connection c = store.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE lease_probe (id INT PRIMARY KEY, holders INT NOT NULL)");
            s.execute("INSERT INTO lease_probe VALUES (1, 0)");
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
        String[] storeArgs = childStoreArgs(shared);
        java.nio.file.Path logs = java.nio.file.Files.createTempDirectory("lease-children");
        List<Process> children = new ArrayList<>();
        long[] ids = {first.id(), second.id()};
        String startAt = String.valueOf(System.currentTimeMillis() + 8_000);
        for (int i = 0; i < 2; i++) {
            children.add(startChild(logs.resolve("child-" + i + ".log"), "lease", storeArgs[0], storeArgs[1],
                    storeArgs[2], "jvm-" + i, String.valueOf(ids[i]), "30", startAt));
        }
        for (int i = 0; i < 2; i++) {
            Process p = children.get(i);
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue("child " + i + " finished", p.waitFor(3, java.util.concurrent.TimeUnit.MINUTES));
            String err = java.nio.file.Files.readString(logs.resolve("child-" + i + ".log"));
            assertEquals("child " + i + " exit; stderr: " + err, 0, p.exitValue());
            assertThat(out, containsString("DONE violations=0"));
            assertFalse(out, out.contains("VIOLATION"));
            assertFalse("child " + i + " never had to wait, so there was no race: " + out, out.contains("waits=0"));
        }
        long[] acquisitions = {0};
        ledger.exportEvents(0, e -> acquisitions[0] += e.type() == EventType.LEASE_ACQUIRED ? 1 : 0);
        assertEquals(60, acquisitions[0]);
        assertTrue(ledger.verifyChain().intact());
    }

    @Test
    public void jvmsWhoseClocksDisagreeByMinutesNeverHoldTheLeaseTogether() throws Exception {
        java.nio.file.Path faketime = java.nio.file.Path.of("/usr/bin/faketime");
        org.junit.Assume.assumeTrue("needs Debian's faketime (apt-get install faketime)", java.nio.file.Files.isExecutable(faketime));
        List<Release> releases = List.of(requested("production", "1.0.0"), requested("production", "2.0.0"),
                requested("production", "3.0.0"));
        ledger.close();
        LedgerConfig shared = store.sharedConfig();
        ledger = Ledger.open(shared, clock); // on H2 this JVM serves the file: its clock is the database's
        try (Connection c = store.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE lease_probe (id INT PRIMARY KEY, holders INT NOT NULL)");
            s.execute("INSERT INTO lease_probe VALUES (1, 0)");
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
        String[] storeArgs = childStoreArgs(shared);
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("skewed-children");
        java.io.File start = dir.resolve("start").toFile();
        // As in the incident: one machine two minutes ahead, one a minute and a half behind, one on time.
        List<List<String>> clocks = List.of(List.of(), List.of(faketime.toString(), "-f", "+120s"),
                List.of(faketime.toString(), "-f", "-90s"));
        List<Process> children = new ArrayList<>();
        List<java.io.BufferedReader> outputs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Process p = LedgerChildProcess.command(clocks.get(i), List.of(), "hold", storeArgs[0], storeArgs[1],
                    storeArgs[2], "jvm-" + i, String.valueOf(releases.get(i).id()), "6", start.getPath())
                    .redirectError(dir.resolve("child-" + i + ".log").toFile()).start();
            children.add(p);
            outputs.add(new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                    java.nio.charset.StandardCharsets.UTF_8)));
        }
        List<Long> skews = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String ready = outputs.get(i).readLine();
            assertTrue("child " + i + ": " + ready + " " + java.nio.file.Files.readString(dir.resolve("child-" + i + ".log")),
                    ready != null && ready.startsWith("READY skew="));
            skews.add(Long.parseLong(ready.substring("READY skew=".length(), ready.length() - "ms".length())));
        }
        assertTrue(start.createNewFile());
        for (int i = 0; i < 3; i++) {
            Process p = children.get(i);
            StringBuilder out = new StringBuilder();
            for (String line; (line = outputs.get(i).readLine()) != null; ) {
                out.append(line).append('\n');
            }
            assertTrue("child " + i + " finished", p.waitFor(3, java.util.concurrent.TimeUnit.MINUTES));
            assertEquals("child " + i + ": " + out + java.nio.file.Files.readString(dir.resolve("child-" + i + ".log")),
                    0, p.exitValue());
            assertThat(out.toString(), containsString("DONE violations=0 lost=0"));
        }
        // The children's clocks really were off against the ledger's (by about 2 minutes and 1.5 minutes).
        assertTrue("skews " + skews, skews.get(1) < -100_000 && skews.get(2) > 70_000);
        long[] acquisitions = {0};
        ledger.exportEvents(0, e -> acquisitions[0] += e.type() == EventType.LEASE_ACQUIRED ? 1 : 0);
        assertEquals(18, acquisitions[0]);
        ChainVerification chain = ledger.verifyChain();
        assertTrue(chain.toString(), chain.intact());
        assertFalse("event times never run backwards: " + chain, chain.timesRunBackwards());
    }

    @Test
    public void killedWriterLeavesAnIntactChainWithEveryAcknowledgedTransition() throws Exception {
        ledger.close();
        ledger = null;
        String[] storeArgs = childStoreArgs(store.config());
        java.nio.file.Path log = java.nio.file.Files.createTempFile("append-child", ".log");
        Process child = startChild(log, "append", storeArgs[0], storeArgs[1], storeArgs[2]);
        List<String> acked = new ArrayList<>();
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream(),
                java.nio.charset.StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("ACK ")) {
                    acked.add(line);
                    if (acked.size() == 400) {
                        // SIGKILL through the handle: the pipe stays open, so acknowledgements already written are read too.
                        child.toHandle().destroyForcibly();
                    }
                }
            }
        }
        assertTrue(child.waitFor(1, java.util.concurrent.TimeUnit.MINUTES));
        assertTrue("child died before 400 acknowledgements: " + java.nio.file.Files.readString(log),
                acked.size() >= 400);
        assertEquals("killed by SIGKILL", 137, child.exitValue());

        ledger = Ledger.open(store.config(), clock);
        ChainVerification v = ledger.verifyChain();
        assertTrue(v.toString(), v.intact());
        for (String ack : acked) {
            String[] parts = ack.split(" ");
            long id = Long.parseLong(parts[1]);
            var state = io.releaseledger.release.ReleaseState.valueOf(parts[2]);
            ReleaseTimeline t = ledger.timeline(id);
            boolean recorded = t.events().stream().anyMatch(e -> e.payload().contains("\"to\":\"" + state + "\"")
                    || (state == REQUESTED && e.type() == EventType.RELEASE_REQUESTED));
            assertTrue("acknowledged " + ack + " is in the ledger", recorded);
        }
        // No half-written transition: every release's state is the one its last event moved it to.
        Long before = null;
        do {
            HistoryPage page = ledger.history("staging", before, 200);
            for (Release r : page.releases()) {
                List<LedgerEvent> events = ledger.timeline(r.id()).events();
                LedgerEvent last = events.get(events.size() - 1);
                String expected = last.type() == EventType.RELEASE_REQUESTED ? "REQUESTED"
                        : last.type() == EventType.HEALTH_SAMPLED ? "VERIFYING"
                        : last.payload().replaceAll(".*\"to\":\"([A-Z_]+)\".*", "$1");
                assertEquals("release " + r.id(), expected, r.state().name());
            }
            before = page.nextBefore();
        } while (before != null);
    }

    // --- bad input -----------------------------------------------------------------------------

    @Test
    public void refusesUnknownEnvironmentNamingTheDefinedOnes() {
        ledger.registerArtifact(registration("1.0.0", digest(1)), ALICE);
        long events = eventCount();
        var e = assertThrows(UnknownEnvironmentException.class,
                () -> ledger.requestRelease(ReleaseRequest.deploy("prod", "payments-api", "1.0.0"), ALICE));
        assertThat(e.getMessage(), containsString("environment 'prod' is not valid"));
        assertThat(e.getMessage(), containsString("staging, production"));
        assertEquals(events, eventCount());
    }

    @Test
    public void refusesReleaseOfAnUnregisteredVersion() {
        var e = assertThrows(InvalidInputException.class,
                () -> ledger.requestRelease(ReleaseRequest.deploy("staging", "payments-api", "9.9.9"), ALICE));
        assertEquals("artifact", e.field());
        assertThat(e.getMessage(), containsString("register it first"));
    }

    @Test
    public void refusesControlCharactersInFreeTextAndChangesNothing() {
        long events = eventCount();
        var e = assertThrows(InvalidInputException.class, () -> ledger.registerArtifact(new ArtifactRegistration(
                "payments-api", "1.0.0", digest(1), ArtifactKind.FILE, "s3://x\u001b[31m", new ArtifactSource(null, null, null)), ALICE));
        assertEquals("location", e.field());
        assertThat(e.getMessage(), containsString("U+001B"));
        assertEquals(events, eventCount());
        assertTrue(ledger.artifact("payments-api", "1.0.0").isEmpty());
    }
}
