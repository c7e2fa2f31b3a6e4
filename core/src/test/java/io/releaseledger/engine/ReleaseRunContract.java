package io.releaseledger.engine;

import static io.releaseledger.release.ReleaseState.*;
import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.instanceOf;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.releaseledger.approval.Decision;
import io.releaseledger.environment.ApprovalPolicy;
import io.releaseledger.environment.EnvironmentConfig;
import io.releaseledger.environment.EnvironmentPolicy;
import io.releaseledger.health.DirectProbeRunner;
import io.releaseledger.health.HealthProbeRunner;
import io.releaseledger.health.HealthSample;
import io.releaseledger.health.HttpCheck;
import io.releaseledger.health.VerificationPlan;
import io.releaseledger.health.VerificationPolicy;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.LeaseAttempt;
import io.releaseledger.ledger.LeaseLostException;
import io.releaseledger.ledger.LeaseOwner;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.LedgerConfig;
import io.releaseledger.ledger.ReleaseRequest;
import io.releaseledger.notify.Notification;
import io.releaseledger.release.Release;
import io.releaseledger.release.ReleaseMode;
import io.releaseledger.release.ReleaseState;
import io.releaseledger.secrets.SecretMask;
import io.releaseledger.testing.TestStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * {@link ReleaseRun} driven by an asynchronous host shaped like Jenkins' ({@code ReleaseStepExecution.JenkinsRun}):
 * timers on a scheduler whose tasks run on a separate pool, the body on a thread of its own that reports its end
 * from there, stops and decisions from yet other threads. Each release rule {@link EngineContract} pins for the
 * in-thread host is pinned once more here, in real time with short intervals; run on H2 and on PostgreSQL.
 */
public abstract class ReleaseRunContract {
    static final Actor BOB = EngineContract.BOB;
    static final Actor ALICE = EngineFixture.ALICE;
    static final LeaseOwner OWNER = LeaseOwner.named("async-host");
    static final Duration POLL = Duration.ofMillis(50);
    static final Duration LEASE_TTL = Duration.ofSeconds(3);
    static final Duration INTERVAL = Duration.ofMillis(200);
    /** Generous: an outcome is awaited, never timed. */
    static final long WAIT_SECONDS = 30;

    protected TestStore store;
    protected Ledger ledger;
    protected EngineFixture f;
    /** The ledger, the host's timers and the probes all keep real time. */
    final Clock clock = Clock.systemUTC();
    private final List<AsyncHost> hosts = new CopyOnWriteArrayList<>();

    protected abstract TestStore newStore();

    @Before
    public void open() throws Exception {
        store = newStore();
        f = new EngineFixture(store.config(), clock);
        ledger = f.ledger;
    }

    @After
    public void close() throws Exception {
        hosts.forEach(AsyncHost::close);
        if (f != null) f.close();
        if (store != null) store.close();
    }

    // --- the test's environments, requests and hosts -----------------------------------------------------------

    EnvironmentConfig environments(EnvironmentPolicy.Builder... builders) {
        EnvironmentConfig config = new EnvironmentConfig(Arrays.stream(builders).map(EnvironmentPolicy.Builder::build)
                .toList());
        config.environments().forEach(p -> ledger.defineEnvironment(p.name(), p.order(), ALICE));
        return config;
    }

    EnvironmentConfig stagingOnly() {
        return environments(EngineContract.staging());
    }

    EnvironmentConfig stagingAndProductionApprovedByBob() {
        return environments(EngineContract.staging(), EngineContract.production().approval(ApprovalPolicy.of(1, "bob")));
    }

    /** Two healthy rounds to go live, two unhealthy ones to fail, a round every {@link #INTERVAL}. */
    VerificationPlan plan() {
        return new VerificationPlan(List.of(HttpCheck.of(f.healthUrl())), VerificationPolicy.DEFAULTS
                .withInterval(INTERVAL).withThresholds(2, 2).withMaxDuration(Duration.ofSeconds(20)));
    }

    DeployRequest deploy(String environment, String version) {
        return new DeployRequest(environment, "payments-api", version, ALICE, "payments/deploy", plan(), null, null);
    }

    AsyncHost host(EnvironmentConfig config, DeployAction body) {
        return host(config, body, ReleaseRun.Checkpoint.NEW);
    }

    AsyncHost host(EnvironmentConfig config, DeployAction body, ReleaseRun.Checkpoint from) {
        AsyncHost host = new AsyncHost(new ReleaseRules(ledger, config, clock), body, from);
        hosts.add(host);
        return host;
    }

    /** Records {@code request} and carries it to a settled state on a host of its own. */
    Release deployed(EnvironmentConfig config, DeployRequest request) throws Exception {
        AsyncHost host = host(config, f.body());
        host.begin(host.rules.request(request));
        return host.settled();
    }

    long events() {
        return ledger.exportEvents(0, e -> { });
    }

    /** A body that runs until it is cancelled (interrupted), as a long deploy script would. */
    static final class BlockingBody implements DeployAction {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch ended = new CountDownLatch(1);
        final AtomicBoolean interrupted = new AtomicBoolean();
        final List<Deployment> deployments = new CopyOnWriteArrayList<>();

        @Override
        public void deploy(Deployment deployment) throws Exception {
            deployments.add(deployment);
            started.countDown();
            try {
                Thread.sleep(TimeUnit.SECONDS.toMillis(WAIT_SECONDS * 2));
            } catch (InterruptedException e) {
                interrupted.set(true);
                throw e;
            } finally {
                ended.countDown();
            }
        }
    }

    // --- 1. the happy path ---------------------------------------------------------------------------------------

    @Test
    public void aHealthyDeployGoesLiveGivesTheLeaseBackAndTheChainVerifies() throws Exception {
        AsyncHost host = host(stagingOnly(), f.body());
        Release requested = host.rules.request(deploy("staging", "1.0.0"));
        host.begin(requested);
        Release live = host.settled();

        assertEquals(LIVE, live.state());
        assertEquals(requested.id(), live.id());
        assertEquals(1, f.deployments.size());
        assertEquals("deploy", f.deployments.get(0).variables().get("RELEASE_MODE"));
        assertFalse("the body ran on a thread of its own", host.bodyThreads.isEmpty());
        List<HealthSample> samples = ledger.samples(live.id(), ReleaseMode.DEPLOY);
        assertEquals(2, samples.size());
        assertTrue(samples.stream().allMatch(s -> s.outcome() == HealthSample.Outcome.HEALTHY));
        assertEquals(List.of(APPROVED, DEPLOYING, VERIFYING, LIVE), host.states());
        assertTrue(ledger.currentLease("staging").isEmpty());
        assertTrue(ledger.verifyChain().intact());
        assertEquals("it ended once", 1, host.ends.get());
    }

    // --- 2. and 3. failure and rollback ----------------------------------------------------------------------------

    @Test
    public void anUnhealthyDeployIsRolledBackToTheLastKnownGood() throws Exception {
        EnvironmentConfig config = stagingOnly();
        Release v1 = deployed(config, deploy("staging", "1.0.0"));
        f.healthAfter = d -> d.artifact().version().equals("2.0.0") ? 500 : 200;
        AsyncHost host = host(config, f.body());
        host.begin(host.rules.request(deploy("staging", "2.0.0")));
        Release v2 = host.settled();

        assertEquals(ROLLED_BACK, v2.state());
        assertEquals(v1.id(), (long) v2.rollbackTargetId());
        assertEquals(3, f.deployments.size());
        Deployment rollback = f.deployments.get(2);
        assertEquals("the body ran again, in rollback mode", "rollback", rollback.variables().get("RELEASE_MODE"));
        assertEquals("1.0.0", rollback.variables().get("RELEASE_ARTIFACT_VERSION"));
        assertEquals(LIVE, ledger.release(v1.id()).state());
        assertFalse(ledger.samples(v2.id(), ReleaseMode.ROLLBACK).isEmpty());
        assertEquals(List.of(Notification.Kind.ROLLBACK_PERFORMED),
                host.notifications.stream().map(Notification::kind).toList());
        assertTrue(ledger.currentLease("staging").isEmpty());
        assertTrue(ledger.verifyChain().intact());
    }

    @Test
    public void aFailedBodyIsRolledBack() throws Exception {
        EnvironmentConfig config = stagingOnly();
        Release v1 = deployed(config, deploy("staging", "1.0.0"));
        f.bodyFails = d -> d.mode() == ReleaseMode.DEPLOY && d.artifact().version().equals("2.0.0");
        AsyncHost host = host(config, f.body());
        host.begin(host.rules.request(deploy("staging", "2.0.0")));
        Release v2 = host.settled();

        assertEquals(ROLLED_BACK, v2.state());
        assertEquals(v1.id(), (long) v2.rollbackTargetId());
        assertTrue(host.states().contains(DEPLOY_FAILED));
        assertTrue(ledger.timeline(v2.id()).events().stream()
                .anyMatch(e -> e.payload().contains("deploy body failed: deploy.sh exited with status 1")));
        assertEquals(List.of("deploy.sh exited with status 1"), host.bodyFailures.stream()
                .map(m -> m.replaceFirst("^.*: ", "")).toList());
        assertTrue(ledger.currentLease("staging").isEmpty());
    }

    @Test
    public void aFailedBodyWithoutAutomaticRollbackStaysDeployFailed() throws Exception {
        EnvironmentConfig config = environments(EngineContract.staging().autoRollback(false));
        deployed(config, deploy("staging", "1.0.0"));
        f.bodyFails = d -> d.artifact().version().equals("2.0.0");
        AsyncHost host = host(config, f.body());
        host.begin(host.rules.request(deploy("staging", "2.0.0")));
        Release v2 = host.settled();

        assertEquals(DEPLOY_FAILED, v2.state());
        assertEquals("no rollback body", 2, f.deployments.size());
        assertTrue(ledger.currentLease("staging").isEmpty());
    }

    // --- 4. approvals ------------------------------------------------------------------------------------------

    @Test
    public void aReleaseWaitsForApprovalUntilItIsGivenFromAnotherThreadThenGoesLive() throws Exception {
        EnvironmentConfig config = stagingAndProductionApprovedByBob();
        deployed(config, deploy("staging", "1.0.0"));
        AsyncHost host = host(config, f.body());
        host.begin(host.rules.request(deploy("production", "1.0.0")));
        Release waiting = host.reached(AWAITING_APPROVAL);
        String line = host.waitingLine().get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(line, containsString("waiting for 1 more approval(s) from bob"));
        assertEquals("nothing deployed to production yet", 1, f.deployments.size());

        ReleaseApprovals approvals = new ReleaseApprovals(ledger, config, clock, n -> { });
        CompletableFuture.runAsync(() -> approvals.decide(waiting.id(), "bob", Set.of(), Decision.APPROVE, "ok", BOB))
                .get(WAIT_SECONDS, TimeUnit.SECONDS);
        Release live = host.settled();

        assertEquals(LIVE, live.state());
        assertEquals(waiting.id(), live.id());
        assertEquals(1, ledger.approvals(live.id()).size());
        assertEquals(2, f.deployments.size());
        assertTrue(host.notifications.stream().anyMatch(n -> n.kind() == Notification.Kind.APPROVAL_REQUESTED));
        assertTrue(ledger.currentLease("production").isEmpty());
    }

    @Test
    public void aRejectionGivenFromAnotherThreadEndsTheReleaseRejected() throws Exception {
        EnvironmentConfig config = stagingAndProductionApprovedByBob();
        deployed(config, deploy("staging", "1.0.0"));
        AsyncHost host = host(config, f.body());
        host.begin(host.rules.request(deploy("production", "1.0.0")));
        Release waiting = host.reached(AWAITING_APPROVAL);

        ReleaseApprovals approvals = new ReleaseApprovals(ledger, config, clock, n -> { });
        CompletableFuture.runAsync(() -> approvals.decide(waiting.id(), "bob", Set.of(), Decision.REJECT,
                "not before the audit", BOB)).get(WAIT_SECONDS, TimeUnit.SECONDS);
        Release rejected = host.settled();

        assertEquals(REJECTED, rejected.state());
        assertThat(rejected.reason(), containsString("rejected by bob: not before the audit"));
        assertEquals("only staging's body ran", 1, f.deployments.size());
        assertTrue(ledger.currentLease("production").isEmpty());
    }

    // --- 5. a busy lease -----------------------------------------------------------------------------------------

    @Test
    public void aBusyEnvironmentIsWaitedForVisiblyAndTheDeployGoesOnOnceItIsFreed() throws Exception {
        EnvironmentConfig config = stagingOnly();
        Release other = ledger.requestRelease(ReleaseRequest.deploy("staging", "payments-api", "3.0.0"), ALICE);
        var held = (LeaseAttempt.Acquired) ledger.acquireLease("staging", "ci-other", other.id(), Duration.ofHours(1),
                ALICE);
        AsyncHost host = host(config, f.body());
        host.begin(host.rules.request(deploy("staging", "1.0.0")));

        String line = host.waitingLine().get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(line, containsString("waiting for staging: held by ci-other (release " + other.id() + ")"));
        assertTrue("no body without the lease", f.deployments.isEmpty());
        assertFalse(host.outcome.isDone());

        ledger.releaseLease(held.lease(), ALICE);
        Release live = host.settled();
        assertEquals(LIVE, live.state());
        assertEquals(1, f.deployments.size());
        assertTrue(ledger.currentLease("staging").isEmpty());
    }

    // --- 6. stop during the body -------------------------------------------------------------------------------

    /** A stop that races the host's request: the release recorded after it must not stay in flight. */
    @Test
    public void aReleaseRecordedAfterItsRunWasStoppedIsAbortedNotLeftInFlight() throws Exception {
        BlockingBody body = new BlockingBody();
        AsyncHost host = host(stagingOnly(), body);
        InterruptedException cause = new InterruptedException("build #13 was stopped by alice");
        host.stopFromAnotherThread(cause);
        Outcome outcome = host.outcome();
        assertTrue("stopped, not " + outcome, outcome instanceof Outcome.Stopped);

        Release requested = host.rules.request(deploy("staging", "1.0.0"));
        host.begin(requested);
        Release aborted = host.reached(ABORTED);

        assertEquals(requested.id(), aborted.id());
        assertThat(aborted.reason(), containsString("build #13 was stopped by alice"));
        assertEquals("the body never ran", 1, body.started.getCount());
        assertTrue(ledger.currentLease("staging").isEmpty());
        assertEquals("it ended once", 1, host.ends.get());
    }

    @Test
    public void stopDuringTheBodyCancelsItRecordsAbortedAndGivesTheLeaseBack() throws Exception {
        BlockingBody body = new BlockingBody();
        AsyncHost host = host(stagingOnly(), body);
        Release requested = host.rules.request(deploy("staging", "1.0.0"));
        host.begin(requested);
        assertTrue(body.started.await(WAIT_SECONDS, TimeUnit.SECONDS));
        assertTrue(ledger.currentLease("staging").isPresent());

        InterruptedException cause = new InterruptedException("build #12 was stopped by alice");
        host.stopFromAnotherThread(cause);
        Outcome outcome = host.outcome();

        assertTrue("stopped, not " + outcome, outcome instanceof Outcome.Stopped s && s.cause() == cause);
        assertEquals("the body was cancelled, with the stop's cause", List.of(cause), host.cancels);
        assertTrue(body.ended.await(WAIT_SECONDS, TimeUnit.SECONDS));
        assertTrue(body.interrupted.get());
        host.awaitBodies();
        Release aborted = ledger.release(requested.id());
        assertEquals(ABORTED, aborted.state());
        assertThat(aborted.reason(), containsString("build #12 was stopped by alice"));
        assertTrue(ledger.currentLease("staging").isEmpty());
        assertEquals("the body's end, reported after the stop, changed nothing", ABORTED, host.states().get(
                host.states().size() - 1));
        assertEquals(1, host.ends.get());
        assertTrue(ledger.verifyChain().intact());
    }

    // --- 7. the lease lost during the body -----------------------------------------------------------------------

    @Test
    public void aLeaseLostDuringTheBodyCancelsItAndRecordsInterrupted() throws Exception {
        BlockingBody body = new BlockingBody();
        AsyncHost host = host(stagingOnly(), body);
        Release requested = host.rules.request(deploy("staging", "1.0.0"));
        host.begin(requested);
        assertTrue(body.started.await(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(OWNER.name(), ledger.currentLease("staging").orElseThrow().holder());

        // The lease's term passes without a renewal (a JVM paused for an hour): the next renewal is refused.
        LedgerConfig config = store.config();
        try (Connection c = DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password().read());
             PreparedStatement expire = c.prepareStatement(
                     "UPDATE environment_leases SET expires_at = ? WHERE environment = 'staging'")) {
            expire.setLong(1, clock.millis() - Duration.ofHours(1).toMillis());
            assertEquals(1, expire.executeUpdate());
        }
        Outcome outcome = host.outcome();

        assertTrue("failed, not " + outcome, outcome instanceof Outcome.Failed);
        assertThat(((Outcome.Failed) outcome).error(), instanceOf(LeaseLostException.class));
        // Told at once by the heartbeat and again as the run fails: cancelling twice is harmless.
        assertFalse("the body was cancelled", host.cancels.isEmpty());
        host.cancels.forEach(cause -> assertThat(cause, instanceOf(LeaseLostException.class)));
        assertTrue(body.ended.await(WAIT_SECONDS, TimeUnit.SECONDS));
        assertTrue(body.interrupted.get());
        host.awaitBodies();
        assertEquals(INTERRUPTED, ledger.release(requested.id()).state());
        assertEquals(1, host.ends.get());
    }

    /**
     * The deadline watch on this host shape too: a renewal that hangs (another transaction holds the lease row, as on
     * a dead connection) is given up on by the lease's term, and the body is cancelled before its expiry and grace.
     */
    @Test
    public void aRenewalThatHangsStopsTheBodyByTheLeasesTerm() throws Exception {
        BlockingBody body = new BlockingBody();
        AsyncHost host = host(stagingOnly(), body);
        Release requested = host.rules.request(deploy("staging", "1.0.0"));
        LedgerConfig config = store.config();
        try (Connection blocker = DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password().read())) {
            blocker.setAutoCommit(false);
            host.begin(requested);
            assertTrue(body.started.await(WAIT_SECONDS, TimeUnit.SECONDS));
            try (java.sql.Statement lock = blocker.createStatement()) {
                lock.executeQuery("SELECT holder FROM environment_leases WHERE environment = 'staging' FOR UPDATE")
                        .close();
            }
            Outcome outcome = host.outcome();
            assertTrue("failed, not " + outcome, outcome instanceof Outcome.Failed);
            assertThat(((Outcome.Failed) outcome).error(), instanceOf(LeaseLostException.class));
            assertTrue(body.ended.await(WAIT_SECONDS, TimeUnit.SECONDS));
            assertTrue("the body was told to stop", body.interrupted.get());
            blocker.rollback();
        }
        host.awaitBodies();
        assertEquals(INTERRUPTED, ledger.release(requested.id()).state());
        assertEquals(1, host.ends.get());
    }

    // --- 8. resume from a checkpoint -----------------------------------------------------------------------------

    @Test
    public void aRunResumedFromItsCheckpointCarriesTheVerificationOnAndKeepsItsSchedule() throws Exception {
        EnvironmentConfig config = stagingOnly();
        AsyncHost first = host(config, f.body());
        first.onRoundTaken = taken -> {
            if (taken == 1) first.crash(); // the host dies after the first round is recorded
        };
        Release requested = first.rules.request(deploy("staging", "1.0.0"));
        first.begin(requested);
        assertTrue(first.crashed.await(WAIT_SECONDS, TimeUnit.SECONDS));
        first.quiesce();
        assertFalse("a dead host hears nothing more", first.outcome.isDone());
        assertEquals(VERIFYING, ledger.release(requested.id()).state());
        List<HealthSample> before = ledger.samples(requested.id(), ReleaseMode.DEPLOY);
        assertEquals(List.of(1), before.stream().map(HealthSample::round).toList());
        ReleaseRun.Checkpoint kept = first.saved;
        assertEquals(requested.id(), kept.releaseId());
        assertEquals(ReleaseMode.DEPLOY, kept.verificationPhase());
        assertTrue(kept.verificationStartMs() > 0);

        AsyncHost restarted = host(config, f.body(), kept);
        restarted.resume();
        Release live = restarted.settled();

        assertEquals(LIVE, live.state());
        assertEquals(List.of(requested.id()), restarted.resumed.stream().map(Release::id).toList());
        assertEquals("the body did not run again", 1, f.deployments.size());
        List<HealthSample> after = ledger.samples(requested.id(), ReleaseMode.DEPLOY);
        assertEquals("rounds go on numbering", List.of(1, 2), after.stream().map(HealthSample::round).toList());
        assertEquals(before.get(0), after.get(0));
        Scheduled next = restarted.scheduled.get(0);
        assertEquals(new Scheduled(ReleaseMode.DEPLOY, 2, before.get(0).takenAt().plus(INTERVAL)), next);
        assertEquals("the verification kept its start", kept.verificationStartMs(),
                restarted.latest.verificationStartMs());
        assertTrue(ledger.currentLease("staging").isEmpty());
        assertTrue(ledger.verifyChain().intact());
    }

    // --- 9. a deploy taking over an approval gate's release --------------------------------------------------------

    @Test
    public void aTakenOverGateReleaseGoesOnFromApprovedWithoutAskingAgain() throws Exception {
        EnvironmentConfig config = stagingAndProductionApprovedByBob();
        deployed(config, deploy("staging", "1.0.0"));
        List<Notification> gateNotifications = new CopyOnWriteArrayList<>();
        ReleaseApprovals approvals = new ReleaseApprovals(ledger, config, clock, gateNotifications::add);
        Release gate = approvals.request(deploy("production", "1.0.0"));
        approvals.decide(gate.id(), "bob", Set.of(), Decision.APPROVE, null, BOB);
        assertEquals(APPROVED, approvals.settle(gate.id(), BOB).state());

        AsyncHost host = host(config, f.body());
        Release taken = host.rules.requestOrTakeOver(deploy("production", "1.0.0"), List.of(gate.id()));
        assertEquals(gate.id(), taken.id());
        assertEquals(APPROVED, taken.state());
        host.begin(taken);
        Release live = host.settled();

        assertEquals(LIVE, live.state());
        assertEquals(gate.id(), live.id());
        assertEquals("from APPROVED on", List.of(DEPLOYING, VERIFYING, LIVE), host.states());
        assertTrue("no wait for approvals: " + host.waitingLines, host.waitingLines.isEmpty());
        assertTrue(host.notifications.stream().noneMatch(n -> n.kind() == Notification.Kind.APPROVAL_REQUESTED));
        assertEquals("asked once, at the gate", 1, gateNotifications.stream()
                .filter(n -> n.kind() == Notification.Kind.APPROVAL_REQUESTED).count());
        assertEquals(1, ledger.approvals(live.id()).size());
        assertEquals("one production release", 1, ledger.history("production", null, 10).releases().size());
        assertTrue(ledger.currentLease("production").isEmpty());
    }

    // --- 10. a round that comes back after the stop ----------------------------------------------------------------

    @Test
    public void aRoundThatComesBackAfterTheStopIsDroppedAndRecordsNothing() throws Exception {
        AsyncHost host = host(stagingOnly(), f.body());
        CountDownLatch probing = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        HealthProbeRunner real = new DirectProbeRunner(clock);
        host.probes = check -> {
            probing.countDown();
            awaitUninterruptibly(answer);
            return real.probe(check);
        };
        Release requested = host.rules.request(deploy("staging", "1.0.0"));
        host.begin(requested);
        assertTrue(probing.await(WAIT_SECONDS, TimeUnit.SECONDS));

        InterruptedException cause = new InterruptedException("build #12 was stopped by alice");
        host.stopFromAnotherThread(cause);
        assertTrue(host.outcome() instanceof Outcome.Stopped);
        assertEquals(ABORTED, ledger.release(requested.id()).state());
        long recorded = events();

        answer.countDown();
        assertEquals("round 1, after the run ended", "1 ended",
                host.dropped.get(WAIT_SECONDS, TimeUnit.SECONDS));
        host.quiesce();
        assertEquals("nothing more recorded", recorded, events());
        assertTrue(ledger.samples(requested.id(), ReleaseMode.DEPLOY).isEmpty());
        assertEquals(ABORTED, ledger.release(requested.id()).state());
        assertEquals(1, host.ends.get());
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    if (latch.await(WAIT_SECONDS, TimeUnit.SECONDS)) return;
                    throw new IllegalStateException("never answered");
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    // --- the asynchronous host -----------------------------------------------------------------------------------

    /** How a run ended. */
    sealed interface Outcome {
        record Settled(Release release) implements Outcome {}

        record Stopped(Throwable cause) implements Outcome {}

        record Failed(Throwable error) implements Outcome {}
    }

    /** A round the run scheduled. */
    record Scheduled(ReleaseMode phase, int round, Instant at) {}

    private static ThreadFactory daemons(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * A host shaped like Jenkins': a scheduler that only keeps time and hands each task to a pool for blocking work,
     * the body on a thread of its own that reports its end from there, callbacks from any of those threads.
     */
    final class AsyncHost implements RunHost, RunListener, AutoCloseable {
        final ReleaseRules rules;
        final ReleaseRun run;
        private final DeployAction action;
        private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, daemons("test-timer"));
        private final ExecutorService pool = Executors.newCachedThreadPool(daemons("test-blocking"));
        volatile HealthProbeRunner probes = new DirectProbeRunner(clock);

        final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        final AtomicInteger ends = new AtomicInteger();
        final List<Throwable> cancels = new CopyOnWriteArrayList<>();
        final List<Thread> bodyThreads = new CopyOnWriteArrayList<>();
        final List<Release> moves = new CopyOnWriteArrayList<>();
        final List<Release> resumed = new CopyOnWriteArrayList<>();
        final List<String> waitingLines = new CopyOnWriteArrayList<>();
        final List<String> bodyFailures = new CopyOnWriteArrayList<>();
        final List<Scheduled> scheduled = new CopyOnWriteArrayList<>();
        final List<Notification> notifications = new CopyOnWriteArrayList<>();
        final CompletableFuture<String> dropped = new CompletableFuture<>();
        private final Map<ReleaseState, CompletableFuture<Release>> reached = new ConcurrentHashMap<>();
        private final CompletableFuture<String> firstWaiting = new CompletableFuture<>();
        volatile Consumer<Integer> onRoundTaken = taken -> { };
        /** The checkpoint as last kept durably ({@code writeNow}), and as last told. */
        volatile ReleaseRun.Checkpoint saved;
        volatile ReleaseRun.Checkpoint latest;
        final CountDownLatch crashed = new CountDownLatch(1);
        private volatile boolean dead;

        AsyncHost(ReleaseRules rules, DeployAction action, ReleaseRun.Checkpoint from) {
            this.rules = rules;
            this.action = action;
            this.saved = from;
            this.latest = from;
            this.run = new ReleaseRun(rules, this, this, new ReleaseRun.Terms(OWNER, LEASE_TTL, POLL), ALICE, from);
        }

        /** As Jenkins' {@code start()}: the run begins on the pool, not in the caller's thread. */
        void begin(Release recorded) {
            pool.execute(() -> run.begin(recorded));
        }

        /** As Jenkins' {@code onResume()}. */
        void resume() {
            pool.execute(run::resume);
        }

        /** As Jenkins' {@code stop}: on a thread of its own. */
        void stopFromAnotherThread(Throwable cause) {
            Thread stopper = new Thread(() -> run.stop(cause), "test-stop");
            stopper.setDaemon(true);
            stopper.start();
        }

        Outcome outcome() throws Exception {
            return outcome.get(WAIT_SECONDS, TimeUnit.SECONDS);
        }

        Release settled() throws Exception {
            Outcome o = outcome();
            if (o instanceof Outcome.Settled s) return s.release();
            throw new AssertionError("the run did not settle: " + o, o instanceof Outcome.Stopped s ? s.cause()
                    : ((Outcome.Failed) o).error());
        }

        Release reached(ReleaseState state) throws Exception {
            return reachedFuture(state).get(WAIT_SECONDS, TimeUnit.SECONDS);
        }

        CompletableFuture<String> waitingLine() {
            return firstWaiting;
        }

        List<ReleaseState> states() {
            return moves.stream().map(Release::state).toList();
        }

        private CompletableFuture<Release> reachedFuture(ReleaseState state) {
            return reached.computeIfAbsent(state, s -> new CompletableFuture<>());
        }

        /** The host dies: no timer fires any more, nothing it is told is kept. The ledger keeps what it had. */
        void crash() {
            dead = true;
            scheduler.shutdownNow();
            crashed.countDown();
        }

        /** Waits for the work under way (a round, a ledger transaction) to end; no new work is taken. */
        void quiesce() throws InterruptedException {
            scheduler.shutdownNow();
            pool.shutdown();
            assertTrue(pool.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS));
            awaitBodies();
        }

        void awaitBodies() throws InterruptedException {
            for (Thread t : bodyThreads) {
                t.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
                assertFalse(t.isAlive());
            }
        }

        @Override
        public void close() {
            dead = true;
            scheduler.shutdownNow();
            pool.shutdownNow();
            bodyThreads.forEach(Thread::interrupt);
        }

        // --- RunHost

        @Override
        public RunHost.Timer at(Instant at, Runnable task) {
            if (dead) return () -> { };
            long delay = Math.max(0, Duration.between(clock.instant(), at).toMillis());
            ScheduledFuture<?> f = scheduler.schedule(() -> handOn(task), delay, TimeUnit.MILLISECONDS);
            return () -> f.cancel(false);
        }

        @Override
        public RunHost.Timer every(Duration period, Runnable task) {
            if (dead) return () -> { };
            long ms = Math.max(1, period.toMillis());
            ScheduledFuture<?> f = scheduler.scheduleAtFixedRate(() -> handOn(task), ms, ms, TimeUnit.MILLISECONDS);
            return () -> f.cancel(false);
        }

        /** The scheduler only keeps time: the task runs on the pool. */
        private void handOn(Runnable task) {
            if (dead) return;
            try {
                pool.execute(task);
            } catch (RejectedExecutionException e) {
                if (!dead && !pool.isShutdown()) throw e;
            }
        }

        @Override
        public RunHost.Body startBody(Release release, Deployment deployment) {
            BodyThread body = new BodyThread(deployment);
            bodyThreads.add(body);
            body.start();
            return body;
        }

        /** The deploy body on its own thread; it reports its end from there. Cancelling interrupts it while it runs. */
        private final class BodyThread extends Thread implements RunHost.Body {
            private final Deployment deployment;
            private boolean running = true;

            BodyThread(Deployment deployment) {
                super("test-body");
                setDaemon(true);
                this.deployment = deployment;
            }

            @Override
            public void run() {
                Throwable failure = null;
                try {
                    action.deploy(deployment);
                } catch (Exception e) {
                    failure = e;
                } finally {
                    synchronized (this) {
                        running = false;
                    }
                    Thread.interrupted(); // an interrupt meant for the body must not reach the ledger's transaction
                }
                if (!dead) run.bodyEnded(failure);
            }

            @Override
            public void cancel(Throwable cause) {
                cancels.add(cause);
                synchronized (this) {
                    if (running) interrupt();
                }
            }
        }

        @Override
        public HealthProbeRunner probes() {
            return probes;
        }

        @Override
        public SecretMask mask() {
            return SecretMask.none();
        }

        @Override
        public void notify(Notification notification) {
            notifications.add(notification);
        }

        @Override
        public String abortedBy() {
            return "payments/deploy#12";
        }

        @Override
        public String abortReason(Throwable cause) {
            return cause == null || cause.getMessage() == null ? "the build was stopped" : cause.getMessage();
        }

        @Override
        public void checkpoint(ReleaseRun.Checkpoint checkpoint, boolean writeNow) {
            if (dead) return;
            latest = checkpoint;
            if (writeNow) saved = checkpoint;
        }

        @Override
        public void settled(Release release) {
            end(new Outcome.Settled(release));
        }

        @Override
        public void stopped(Throwable cause) {
            end(new Outcome.Stopped(cause));
        }

        @Override
        public void failed(Throwable error) {
            end(new Outcome.Failed(error));
        }

        private void end(Outcome o) {
            if (dead) return;
            ends.incrementAndGet();
            outcome.complete(o);
        }

        // --- RunListener

        @Override
        public void moved(Release release) {
            if (dead) return;
            moves.add(release);
            reachedFuture(release.state()).complete(release);
        }

        @Override
        public void resuming(Release release) {
            resumed.add(release);
        }

        @Override
        public void waiting(Release release, String line) {
            waitingLines.add(line);
            firstWaiting.complete(line);
        }

        @Override
        public void verificationScheduled(ReleaseMode phase, int round, Instant at) {
            scheduled.add(new Scheduled(phase, round, at));
        }

        @Override
        public void roundTaken(int taken, Instant nextAt) {
            onRoundTaken.accept(taken);
        }

        @Override
        public void roundDropped(int round, boolean runEnded) {
            dropped.complete(round + (runEnded ? " ended" : " superseded"));
        }

        @Override
        public void bodyFailed(String failure) {
            bodyFailures.add(failure);
        }
    }
}
