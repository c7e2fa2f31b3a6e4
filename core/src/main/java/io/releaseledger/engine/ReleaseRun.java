package io.releaseledger.engine;

import io.releaseledger.approval.ApprovalStatus;
import io.releaseledger.health.Verification;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.LeaseAttempt;
import io.releaseledger.ledger.LeaseLostException;
import io.releaseledger.ledger.LeaseOwner;
import io.releaseledger.ledger.LeaseTerms;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.LedgerUnavailableException;
import io.releaseledger.notify.Notification;
import io.releaseledger.release.Release;
import io.releaseledger.release.ReleaseMode;
import io.releaseledger.release.ReleaseState;
import io.releaseledger.release.StaleReleaseStateException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.Optional;

/**
 * One release carried to a settled state, the same way on every host. The host supplies time (timers), the deploy
 * body, the probes and where notifications go ({@link RunHost}); the run decides everything else: which event follows
 * which outcome, when to look at approvals or a busy lease again, the lease and its heartbeat, the verification's
 * rounds, what a lost lease or an interrupt means. Jenkins' {@code deployRelease} and {@code rollbackRelease} drive
 * it with timers on the controller's scheduler and the step's block as the body; {@link ReleaseEngine} drives it in
 * the calling thread.
 *
 * <p>Nothing here blocks a thread on a wait: each wait is a timer, after which the run carries on where the host ran
 * the timer's task. Every method may be called from any thread; the run's monitor guards its state and is not held
 * while a body or a round's probes run. It ends exactly once: {@link RunHost#settled}, {@link RunHost#stopped} or
 * {@link RunHost#failed}.
 *
 * <p>What it must know again after its host restarts is small ({@link Checkpoint}: the release id and the
 * verification's start and rounds); everything else is in the ledger. The host keeps the checkpoint it is given and
 * makes a new run from it ({@link #resume}).
 */
public final class ReleaseRun {

    /**
     * What a run needs again after its host restarts.
     *
     * @param releaseId           the release, or -1 before it is recorded
     * @param verificationPhase   the verification under way, or {@code null}
     * @param verificationStartMs when it started (epoch ms; 0 before it did)
     * @param roundsTaken         its rounds taken so far
     * @param bodyRunning         whether the host's body was running
     */
    public record Checkpoint(long releaseId, ReleaseMode verificationPhase, long verificationStartMs, int roundsTaken,
                             boolean bodyRunning) {
        /** A run whose release is not recorded yet. */
        public static final Checkpoint NEW = new Checkpoint(-1, null, 0, 0, false);
    }

    /**
     * How a host holds leases and polls.
     *
     * @param owner        who holds the environment's lease: stable across the host's restarts, so it can take it back
     * @param leaseTtl     the lease's term; it is renewed every third of it
     * @param pollInterval how often approvals and a busy lease are looked at again
     */
    public record Terms(LeaseOwner owner, Duration leaseTtl, Duration pollInterval) {
        public Terms {
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(leaseTtl, "leaseTtl");
            Objects.requireNonNull(pollInterval, "pollInterval");
        }
    }

    private final ReleaseRules rules;
    private final RunHost host;
    private final RunListener listener;
    private final Terms terms;
    private final Actor actor;
    private final LeaseKeeper lease;

    private volatile long releaseId;
    private volatile String environment;
    private ReleaseMode verificationPhase;
    private long verificationStartMs;
    private int roundsTaken;
    /** Rounds begun; a round whose number is no longer the newest when its probes come back was superseded. */
    private int roundsStarted;
    private volatile boolean bodyRunning;
    private volatile boolean probing;
    private volatile boolean done;
    private volatile boolean stopping;
    private volatile Throwable stopCause;
    /** Set before anything else when the lease is lost, so that a stop racing with it records INTERRUPTED. */
    private volatile RuntimeException lost;
    private volatile RunHost.Body body;
    private RunHost.Timer wake;
    private Deque<Effect> pending;
    private String lastWaiting;

    /**
     * @param rules the release rules, against the ledger; the host's bound secrets are masked in what it records
     * @param from  {@link Checkpoint#NEW}, or what an earlier run of this release gave the host
     */
    public ReleaseRun(ReleaseRules rules, RunHost host, RunListener listener, Terms terms, Actor actor, Checkpoint from) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.host = Objects.requireNonNull(host, "host");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.terms = Objects.requireNonNull(terms, "terms");
        this.actor = Objects.requireNonNull(actor, "actor");
        this.releaseId = from.releaseId();
        this.verificationPhase = from.verificationPhase();
        this.verificationStartMs = from.verificationStartMs();
        this.roundsTaken = from.roundsTaken();
        this.bodyRunning = from.bodyRunning();
        this.lease = new LeaseKeeper(rules.ledger(), rules.clock(), terms.leaseTtl(), host::every, this::leaseLost);
    }

    // --- what the host calls ---------------------------------------------------------------------

    /**
     * Carries on a release the host just recorded: a new request ({@code REQUESTED}) from its start, a release taken
     * over from an approval gate ({@code APPROVED}) from its approval on. When the host stopped the run while it was
     * recording the release, the release is recorded {@code ABORTED} instead: nobody would carry it on.
     */
    public synchronized void begin(Release recorded) {
        if (stopping) {
            // Stopped while the host was recording it: nobody will carry it on, so it must not stay in flight.
            abortStopped(recorded);
            return;
        }
        if (done) return;
        releaseId = recorded.id();
        checkpoint(true); // the id must survive a crash of the host too
        feed(recorded, recorded.state() == ReleaseState.REQUESTED ? new ReleaseEvent.Requested()
                : new ReleaseEvent.Resumed());
    }

    /** Carries on the checkpoint's release from what the ledger holds, after the host restarted. */
    public synchronized void resume() {
        if (done || stopping) return;
        try {
            Release release = ledger().release(releaseId);
            listener.resuming(release);
            feed(release, new ReleaseEvent.Resumed());
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    /**
     * The host stops the run (a stopped build, Ctrl-C): timers do nothing from now on, the body is cancelled, and the
     * release is recorded {@code ABORTED} (never retried, never rolled back) — or {@code INTERRUPTED} when the lease
     * was lost first — and the lease given back. May block: call it where a ledger transaction may run.
     */
    public void stop(Throwable cause) {
        stopCause = cause;
        stopping = true;
        RunHost.Body running;
        synchronized (this) {
            if (done) return;
            cancelWake();
            running = body;
        }
        if (running != null) running.cancel(cause); // its end is ignored from now on
        aborted(cause);
    }

    /**
     * The body ended: {@code failure} is {@code null} on success. Its outcome is the machine's next event; an
     * {@link InterruptedException} means the body was stopped, and the release is recorded {@code ABORTED}. May block.
     */
    public synchronized void bodyEnded(Throwable failure) {
        bodyRunning = false;
        body = null;
        checkpoint(false);
        if (done || stopping) return;
        if (failure instanceof InterruptedException) {
            // A body interrupted by a stopped build, a timeout or Ctrl-C is an abort, not a failed deploy to roll back.
            listener.bodyInterrupted(failure);
            aborted(failure);
            return;
        }
        ReleaseRules masked = masked();
        if (failure != null) listener.bodyFailed(masked.mask().mask(failure.toString()));
        try {
            feed(ledger().release(releaseId), masked.outcome(failure));
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    /**
     * Renews the lease, if held, to cover a wait until {@code wakeAt} and one term more: for a host whose clock may
     * jump ahead of the heartbeat (a virtual clock, a host that waits in one thread).
     */
    void coverLeaseUntil(Instant wakeAt) {
        if (wakeAt.isAfter(rules.clock().instant())) lease.coverUntil(wakeAt);
    }

    /** Whether a round's probes are out (a host may wait for them rather than cut them off). */
    public boolean probing() {
        return probing;
    }

    /** The release, or -1 before it was recorded. */
    long releaseId() {
        return releaseId;
    }

    // --- driving the machine -----------------------------------------------------------------------

    /** Applies an event, records its moves and performs its effects. */
    private synchronized void feed(Release release, ReleaseEvent event) {
        if (done || stopping) return;
        try {
            environment = release.environment();
            ReleaseRules.Applied applied = rules.apply(release, event, actor, listener::moved);
            pending = new ArrayDeque<>(applied.effects());
            proceed(applied.release());
        } catch (StaleReleaseStateException e) {
            // Someone else moved it first (an abort on the release page, lease expiry): what they recorded stands.
            settle(ledger().release(releaseId));
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    /** Performs pending effects until one has to wait (a timer, the body) or none is left. */
    private synchronized void proceed(Release release) {
        Performer performer = new Performer(release);
        while (pending != null && !pending.isEmpty()) {
            if (done || stopping) return;
            if (!pending.poll().accept(performer)) return;
        }
        settle(release);
    }

    /** Performs one effect; answers whether to carry on with the next (false: it waits for a timer or the body). */
    private final class Performer implements Effect.Handler<Boolean, RuntimeException> {
        private final Release release;

        Performer(Release release) {
            this.release = release;
        }

        @Override
        public Boolean waitForApprovals(Effect.WaitForApprovals effect) {
            schedule(rules.clock().instant(), ReleaseRun.this::pollApprovals);
            return false;
        }

        @Override
        public Boolean acquireLease(Effect.AcquireLease effect) {
            schedule(rules.clock().instant(), () -> tryLease(false));
            return false;
        }

        @Override
        public Boolean reacquireLease(Effect.ReacquireLease effect) {
            schedule(rules.clock().instant(), () -> tryLease(true));
            return false;
        }

        @Override
        public Boolean runDeploy(Effect.RunDeploy run) {
            if (bodyRunning) {
                listener.waitingForBody(run.mode()); // started before the host restarted: its end is reported
            } else {
                startBody(release, run);
            }
            return false;
        }

        @Override
        public Boolean startVerification(Effect.StartVerification start) {
            ReleaseRun.this.startVerification(release, start.phase());
            return false;
        }

        @Override
        public Boolean continueVerification(Effect.ContinueVerification next) {
            listener.roundTaken(roundsTaken, next.at());
            schedule(next.at(), ReleaseRun.this::takeRound);
            return false;
        }

        @Override
        public Boolean releaseLease(Effect.ReleaseLease effect) {
            giveLeaseBack();
            return true;
        }

        @Override
        public Boolean notify(Effect.Notify notify) {
            Notification notification = masked().notification(notify, release);
            listener.notifying(notification);
            host.notify(notification);
            return true;
        }
    }

    private synchronized void pollApprovals() {
        if (done || stopping) return;
        try {
            Release now = ledger().release(releaseId);
            if (now.state() != ReleaseState.AWAITING_APPROVAL) {
                settle(now); // aborted meanwhile
                return;
            }
            ApprovalStatus approval = rules.approvalStatus(now);
            Optional<ReleaseEvent> settled = ReleaseRules.approvalEvent(approval);
            if (settled.isPresent()) {
                feed(now, settled.get());
                return;
            }
            waiting(now, approval.describe());
            schedule(rules.clock().instant().plus(terms.pollInterval()), this::pollApprovals);
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    private synchronized void tryLease(boolean resuming) {
        if (done || stopping) return;
        try {
            Release now = ledger().release(releaseId);
            if (!ReleaseRules.mayTakeLease(now, resuming)) {
                settle(now); // aborted or interrupted meanwhile
                return;
            }
            LeaseAttempt attempt = ledger().acquireLease(now.environment(), terms.owner(), releaseId,
                    terms.leaseTtl(), actor);
            if (attempt instanceof LeaseAttempt.Acquired acquired) {
                lease.hold(acquired.lease());
                if (resuming) {
                    proceed(now);
                } else {
                    feed(now, new ReleaseEvent.LeaseAcquired());
                }
                return;
            }
            waiting(now, ((LeaseAttempt.Waiting) attempt).waitingMessage());
            // Asking again at least every renewal interval keeps this request's place in the queue.
            Duration again = min(terms.pollInterval(), new LeaseTerms(terms.leaseTtl()).renewEvery());
            schedule(rules.clock().instant().plus(again), () -> tryLease(resuming));
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    private synchronized void startBody(Release release, Effect.RunDeploy run) {
        Deployment deployment;
        try {
            deployment = rules.deployment(release, run);
        } catch (RuntimeException e) {
            fail(e);
            return;
        }
        // Kept before the body starts: a body that ends at once reports its end after this.
        bodyRunning = true;
        verificationPhase = null;
        verificationStartMs = 0;
        checkpoint(false);
        try {
            body = host.startBody(release, deployment);
        } catch (InterruptedException e) {
            bodyRunning = false;
            checkpoint(false);
            aborted(e);
        } catch (Exception e) {
            // The body cannot start (its credentials do not resolve): for the ledger that is a failed deploy.
            bodyRunning = false;
            checkpoint(false);
            feed(release, masked().outcome(e));
        }
    }

    private synchronized void startVerification(Release release, ReleaseMode phase) {
        if (phase != verificationPhase || verificationStartMs == 0) {
            verificationPhase = phase;
            verificationStartMs = rules.clock().millis();
            roundsTaken = 0;
            checkpoint(true); // the schedule's start, kept across a crash (the samples are in the ledger)
        }
        ReleaseRules.VerificationProgress progress = rules.verification(release, phase,
                Instant.ofEpochMilli(verificationStartMs));
        roundsTaken = progress.lastRound();
        Optional<Instant> next = progress.nextRoundAt();
        if (next.isEmpty()) {
            feed(release, new ReleaseEvent.HealthSampled(progress.decision()));
            return;
        }
        listener.verificationScheduled(phase, roundsTaken + 1, next.get());
        schedule(next.get(), this::takeRound);
    }

    /**
     * One verification round. It reads the release and decides under the monitor, lets go of it while the probes run
     * (each up to its timeout) and record their samples, then takes it again to feed the outcome — unless the run was
     * stopped or ended meanwhile, or a newer round began: then the outcome is dropped, and the ledger refuses the
     * samples still to come (the release is no longer verifying).
     */
    private void takeRound() {
        Release now;
        ReleaseMode phase;
        Instant started;
        int round;
        int shown;
        ReleaseRules masked;
        synchronized (this) {
            if (done || stopping) return;
            try {
                phase = verificationPhase;
                now = ledger().release(releaseId);
                if (phase == null || now.state() != ReleaseRules.verifying(phase)) {
                    settle(now);
                    return;
                }
                started = Instant.ofEpochMilli(verificationStartMs);
                round = ++roundsStarted;
                shown = roundsTaken + 1;
                masked = masked();
                listener.probing(shown);
            } catch (RuntimeException e) {
                fail(e);
                return;
            }
        }
        Verification.Decision decision;
        probing = true;
        try {
            // The bound secrets are masked in what the round records, whatever a probe echoes.
            decision = masked.takeRound(now, phase, started, host.probes(), actor, listener::sampled);
        } catch (InterruptedException e) {
            if (!dropped(round, shown)) aborted(e);
            return;
        } catch (Exception e) {
            if (!dropped(round, shown)) fail(e);
            return;
        } finally {
            probing = false;
        }
        synchronized (this) {
            if (dropped(round, shown)) return;
            roundsTaken++;
            checkpoint(false);
            feed(now, new ReleaseEvent.HealthSampled(decision));
        }
    }

    /** Whether round number {@code round} came back too late to feed its outcome; tells the listener when it did. */
    private synchronized boolean dropped(int round, int shown) {
        if (!done && !stopping && round == roundsStarted) return false;
        listener.roundDropped(shown, done || stopping);
        return true;
    }

    // --- how a run ends ----------------------------------------------------------------------------

    /** Nothing more to perform: the run ends with the release's settled state. */
    private synchronized void settle(Release release) {
        if (done) return;
        done = true;
        cancelWake();
        giveLeaseBack();
        lease.stop();
        host.settled(release);
    }

    /** A release the host recorded after the run was stopped: ABORTED as the stop's cause says; the run has ended. */
    private void abortStopped(Release recorded) {
        try {
            rules.abort(recorded.id(), host.abortedBy(), masked().mask().mask(host.abortReason(stopCause)), actor)
                    .ifPresent(applied -> applied.moved().forEach(listener::moved));
        } catch (RuntimeException e) {
            listener.abortNotRecorded(e);
        }
    }

    /** Stopped by the host, or the body or a round was interrupted: ABORTED, unless the lease was lost first. */
    private synchronized void aborted(Throwable cause) {
        if (done) return;
        RuntimeException lostFirst = lost;
        if (lostFirst != null) {
            fail(lostFirst);
            return;
        }
        done = true;
        cancelWake();
        try {
            if (releaseId >= 0) {
                rules.abort(releaseId, host.abortedBy(), masked().mask().mask(host.abortReason(cause)), actor)
                        .ifPresent(applied -> applied.moved().forEach(listener::moved));
                giveLeaseBack();
            }
        } catch (RuntimeException e) {
            listener.abortNotRecorded(e);
        } finally {
            lease.stop();
            host.stopped(cause);
        }
    }

    private synchronized void fail(Throwable e) {
        if (done) return;
        done = true;
        cancelWake();
        try {
            if (releaseId >= 0 && lease.everHeld() && e instanceof LeaseLostException) {
                // Without its lease the release must not go on: INTERRUPTED, unless lease expiry already said so.
                String reason = e.getMessage() == null ? null : masked().mask().mask(e.getMessage());
                rules.ownerLost(releaseId, reason, actor).ifPresent(applied -> applied.moved().forEach(listener::moved));
            }
        } catch (RuntimeException suppressed) {
            e.addSuppressed(suppressed);
        }
        // A lost lease has nothing to give back; without the ledger it is kept, expires, and the release reads
        // INTERRUPTED.
        if (!(e instanceof LedgerUnavailableException) && !(e instanceof LeaseLostException)) giveLeaseBack();
        lease.stop();
        // Without the lease (or the ledger) the body must not go on deploying: another owner may take over once the
        // lease's grace has passed (LeaseTerms.grace()).
        RunHost.Body running = body;
        if (running != null && (e instanceof LeaseLostException || e instanceof LedgerUnavailableException)) {
            running.cancel(e);
        }
        host.failed(e);
    }

    /** From the lease's heartbeat: the body is told to stop before anything waits for the run's monitor. */
    private void leaseLost(RuntimeException cause) {
        lost = cause;
        listener.leaseLost(cause);
        RunHost.Body running = body;
        if (running != null) running.cancel(cause);
        fail(cause);
    }

    /** Gives the environment's lease back if this release holds it (after a restart, found in the ledger). */
    private void giveLeaseBack() {
        try {
            lease.giveBack(environment, releaseId, terms.owner(), actor);
        } catch (RuntimeException e) {
            listener.leaseNotReturned(e);
        }
    }

    // --- small things ------------------------------------------------------------------------------

    private void waiting(Release release, String line) {
        if (!line.equals(lastWaiting)) {
            lastWaiting = line;
            listener.waiting(release, line);
        }
    }

    /** The next wake-up of this run (one at a time). */
    private synchronized void schedule(Instant at, Runnable task) {
        cancelWake();
        wake = host.at(at, () -> {
            if (!done && !stopping) task.run();
        });
    }

    private synchronized void cancelWake() {
        if (wake != null) {
            wake.cancel();
            wake = null;
        }
    }

    private void checkpoint(boolean writeNow) {
        host.checkpoint(new Checkpoint(releaseId, verificationPhase, verificationStartMs, roundsTaken, bodyRunning),
                writeNow);
    }

    /** The rules, masking the host's bound secrets as they are now. */
    private ReleaseRules masked() {
        return rules.masking(host.mask());
    }

    private Ledger ledger() {
        return rules.ledger();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
