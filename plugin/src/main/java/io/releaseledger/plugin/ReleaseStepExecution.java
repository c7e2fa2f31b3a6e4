package io.releaseledger.plugin;

import hudson.AbortException;
import hudson.model.TaskListener;
import io.releaseledger.approval.ApprovalStatus;
import io.releaseledger.engine.Deployment;
import io.releaseledger.engine.Effect;
import io.releaseledger.engine.ReleaseEvent;
import io.releaseledger.engine.ReleaseSteps;
import io.releaseledger.environment.CredentialBinding;
import io.releaseledger.health.HealthSample;
import io.releaseledger.health.Verification;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.LeaseAttempt;
import io.releaseledger.ledger.LeaseLostException;
import io.releaseledger.ledger.LeaseTerms;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.LedgerUnavailableException;
import io.releaseledger.notify.Notification;
import io.releaseledger.release.Release;
import io.releaseledger.release.ReleaseMode;
import io.releaseledger.release.ReleaseState;
import io.releaseledger.release.StaleReleaseStateException;
import io.releaseledger.secrets.SecretMask;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jenkinsci.plugins.workflow.log.TaskListenerDecorator;
import org.jenkinsci.plugins.workflow.steps.BodyExecution;
import org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * The asynchronous execution of {@code deployRelease} and {@code rollbackRelease}: it drives core's pure
 * {@code ReleaseMachine} through {@link ReleaseSteps}, performing each effect without ever blocking a thread on a
 * wait — approvals, a busy lease and verification rounds are timers on the shared scheduler, the deploy body is
 * the step's block (invoked again, with the known-good artifact and {@code RELEASE_MODE=rollback}, for an
 * automatic rollback), and each outcome is fed back as the machine's next event.
 *
 * <p>Threads: the scheduler ({@code jenkins.util.Timer}) only keeps time; when a timer fires, its work (ledger
 * transactions, a probe round) runs on {@link StepHost#blockingWork()}. A probe round holds the execution's monitor
 * only to read the release and to feed its outcome, not while the probes run. Nothing here waits on the Pipeline's
 * CPS thread: {@link #start()}, {@link #onResume()}, {@link #stop} and the body's callback hand their work on and
 * return.
 *
 * <p>Its durable state is the release id, epoch-millisecond times and counters: everything else is in the
 * ledger. Pipeline writes it to the program (JBoss Marshalling River: the class is public for that) when its CPS VM
 * falls idle and when asked ({@code saveState}): once the release is recorded and when a verification starts, so
 * that after a crash too it knows its release and its verification's schedule. Each of those is a plain field written
 * before the request, so the write needs no lock: the CPS VM thread never waits for a ledger transaction here. {@link #onResume()} re-reads the
 * release and feeds {@code Resumed}; {@link #stop} records {@code ABORTED} (never retried) and gives the lease back.
 */
public final class ReleaseStepExecution extends StepExecution {
    private static final long serialVersionUID = 1L;

    /**
     * How a step records its release (a deploy, a manual rollback) or takes over one an approval gate of the
     * build opened; needed only by {@link #start()}. A new release is {@code REQUESTED}; a taken-over one
     * {@code APPROVED}, and is carried on from there.
     */
    interface Request {
        /**
         * @param pageRollback  the rollback that the Releases page scheduled this build for, when it is for the
         *                      step's environment; else {@code null}
         * @param approvalGates the releases this build's {@code approvalGate} steps opened, oldest first
         */
        Release request(ReleaseSteps steps, BuildOrigin origin, RollbackRequestAction pageRollback,
                        List<Long> approvalGates);
    }

    private final String stepName;
    private final transient Request request;
    private volatile long releaseId = -1;
    private volatile String environment;
    private volatile String coordinates;
    /** When the current phase's verification started (epoch ms; 0 before it did). */
    private long verificationStartMs;
    private String verificationPhase;
    /** Set while Pipeline runs the block; cleared as soon as its callback comes (see {@link #bodyEnded}). */
    private volatile boolean bodyRunning;
    private int roundsTaken;
    /**
     * Rounds begun; a round whose number is no longer the newest when its probes come back was superseded, and its
     * outcome is dropped.
     */
    private int roundsStarted;
    private volatile String status = "starting";
    private String lastProgress;
    private volatile boolean done;

    /** The environment's lease while this execution holds it; made anew when the program is read back. */
    private transient volatile LeaseHeartbeat lease = new LeaseHeartbeat(this::leaseLost);
    private transient ScheduledFuture<?> wake;
    private transient Deque<Effect> pending;
    private transient BodyExecution body;
    private transient volatile boolean stopping;
    /** A round's probes are out: what {@link #blocksRestart()} answers. */
    private transient volatile boolean probing;
    private transient BuildOrigin origin;
    /**
     * The secrets bound to the last body, as it got them: kept in the program (encrypted, as the body's own
     * {@link BodyBindings.Variables}), so that after a restart what the step logs and records is still masked with them
     * rather than with values rotated since.
     */
    private List<hudson.util.Secret> bodySecrets;
    /** {@link #bodySecrets} as core's mask: every text this step logs, records, reports or sends goes through it. */
    private transient SecretMask bodyMask;

    /**
     * @param environment the environment the step names, to check its credential bindings before anything is
     *                    recorded ({@code null} when not given; the request then refuses it)
     */
    ReleaseStepExecution(String stepName, String environment, Request request, StepContext context) {
        super(context);
        this.stepName = stepName;
        this.environment = environment;
        this.request = request;
    }

    /**
     * Returns at once: {@code start} runs on the Pipeline's CPS thread, which must not wait for I/O, so even the
     * request (checks and two short ledger transactions) happens on the scheduler. A refusal then fails the step
     * with its one line, before anything is recorded.
     */
    @Override
    public boolean start() {
        schedule(0, this::begin);
        return false;
    }

    private synchronized void begin() {
        if (done || stopping) return;
        try {
            StepHost host = StepHost.get();
            BuildOrigin o = origin();
            checkBindings(host);
            RollbackRequestAction asked = host.rollbackRequest(getContext());
            if (asked != null && !asked.getEnvironment().equals(environment)) asked = null;
            if (asked != null) log(Messages.ReleaseStepExecution_ScheduledFromPage(asked));
            List<Long> gates = asked == null ? host.approvalGateReleases(getContext()) : List.of();
            Release release = request.request(host.steps(), o, asked, gates);
            releaseId = release.id();
            environment = release.environment();
            coordinates = release.coordinates();
            getContext().saveState(); // the id must survive a crash too, not only a safe restart
            boolean continued = release.state() == ReleaseState.APPROVED && gates.contains(releaseId);
            if (continued) {
                log(Messages.ReleaseStepExecution_Continuing(Long.toString(releaseId), coordinates, environment, release.reason()));
            } else {
                log(release.mode() == ReleaseMode.ROLLBACK
                        ? Messages.ReleaseStepExecution_RollbackRequested(Long.toString(releaseId), environment, coordinates, o.buildId())
                        : Messages.ReleaseStepExecution_DeployRequested(Long.toString(releaseId), coordinates, environment, o.buildId()));
            }
            recordOnBuild(host, asked != null && release.mode() == ReleaseMode.ROLLBACK
                    ? "rollback requested by " + asked.getRequestedBy() + " from the Releases page" : null);
            // A continued release is already APPROVED: the machine carries it on from there (the lease, the body).
            feed(release, continued ? new ReleaseEvent.Resumed() : new ReleaseEvent.Requested());
        } catch (IOException | RuntimeException e) {
            fail(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(e);
        }
    }

    /**
     * Lists the release on the build's page. The release is already in the ledger and goes on either way: a build
     * that cannot be saved now loses only this link, so that is logged rather than failing the deployment.
     */
    private void recordOnBuild(StepHost host, String message) throws InterruptedException {
        try {
            host.recordRelease(getContext(), releaseId, message);
        } catch (IOException | RuntimeException e) {
            log(Messages.ReleaseStepExecution_NotListed(Long.toString(releaseId), e.getMessage()));
        }
    }

    /** Bad input gets its error before anything changes: every credential the body will get must resolve. */
    private void checkBindings(StepHost host) throws IOException, InterruptedException {
        if (environment == null || host.environments().find(environment).isEmpty()) return;
        BodyBindings.SecretFiles files = host.secretFiles(getContext()) == null ? null : (name, content) -> "(checked)";
        BodyBindings.resolve(environment, Map.of(), bindings(environment), host.credentials(getContext()), files);
    }

    /** Read back from the program (River calls this as Java serialization does): the transient lease holder is made anew. */
    private Object readResolve() {
        lease = new LeaseHeartbeat(this::leaseLost);
        return this;
    }

    /** Returns at once, like {@link #start()}: the release is read again on the pool for blocking work. */
    @Override
    public void onResume() {
        if (done) return;
        if (releaseId < 0) {
            getContext().onFailure(new AbortException(Messages.ReleaseStepExecution_RestartedBeforeRecord(stepName)));
            return;
        }
        schedule(0, this::resume);
    }

    private synchronized void resume() {
        if (done || stopping) return;
        try {
            Release release = ledger().release(releaseId);
            log(Messages.ReleaseStepExecution_Resuming(Long.toString(releaseId), release.state()));
            feed(release, new ReleaseEvent.Resumed());
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    /**
     * Returns at once: Pipeline may call it on the CPS thread, which must not wait for a probe round or for the
     * ledger. From here on, timers do nothing and a round still probing drops its outcome; the abort itself (cancel
     * the wake-up and the body, record {@code ABORTED}, give the lease back, fail the step) runs on the pool for
     * blocking work.
     */
    @Override
    public void stop(Throwable cause) {
        if (done) return;
        stopping = true;
        status = "stopping";
        StepHost.get().runBlocking(() -> abort(cause));
    }

    private void abort(Throwable cause) {
        BodyExecution running;
        synchronized (this) {
            if (done) return;
            cancelWake();
            running = body;
        }
        if (running != null) running.cancel(cause); // its callback is ignored from now on
        aborted(cause);
    }

    /**
     * The build was stopped (this step, or the body it runs, was interrupted): the release is recorded
     * {@code ABORTED} — never retried, never rolled back — the lease given back, and the step fails with the cause.
     */
    private synchronized void aborted(Throwable cause) {
        done = true;
        cancelWake();
        try {
            if (releaseId >= 0) {
                String reason = cause == null || cause.getMessage() == null ? "the build was stopped"
                        : bodyMask().mask(cause.getMessage());
                StepHost.get().steps().abort(releaseId, origin().buildId(), reason, actor())
                        .ifPresent(applied -> applied.moved().forEach(this::logMove));
                giveLeaseBack();
            }
        } catch (RuntimeException e) {
            log(Messages.ReleaseStepExecution_AbortNotRecorded(e.getMessage()));
        } finally {
            lease.stop();
            status = "stopped";
            getContext().onFailure(cause == null ? null : StepErrors.masked(cause, bodyMask()));
        }
    }

    /** A safe restart waits for a round's probes (bounded by their timeouts) rather than cutting them off. */
    @Override
    public boolean blocksRestart() {
        return probing;
    }

    /** Not synchronized: it answers while a round is being probed. */
    @Override
    public String getStatus() {
        return releaseId < 0 ? status : Messages.ReleaseStepExecution_Status(Long.toString(releaseId), coordinates, environment, status);
    }

    // --- driving the machine -------------------------------------------------------------------

    /** Applies an event, records its moves and performs its effects. */
    private synchronized void feed(Release release, ReleaseEvent event) {
        if (done || stopping) return;
        try {
            ReleaseSteps.Applied applied = StepHost.get().steps().apply(release, event, actor());
            applied.moved().forEach(this::logMove);
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
        EffectRunner runner = new EffectRunner(release);
        while (pending != null && !pending.isEmpty()) {
            if (!pending.poll().accept(runner)) {
                return;
            }
        }
        settle(release);
    }

    /** Performs one effect for {@link #proceed}; answers whether to carry on with the next (false: it waits). */
    private final class EffectRunner implements Effect.Handler<Boolean, RuntimeException> {
        private final Release release;

        EffectRunner(Release release) {
            this.release = release;
        }

        @Override
        public Boolean waitForApprovals(Effect.WaitForApprovals effect) {
            schedule(0, ReleaseStepExecution.this::pollApprovals);
            return false;
        }

        @Override
        public Boolean acquireLease(Effect.AcquireLease effect) {
            schedule(0, () -> tryLease(false));
            return false;
        }

        @Override
        public Boolean reacquireLease(Effect.ReacquireLease effect) {
            schedule(0, () -> tryLease(true));
            return false;
        }

        @Override
        public Boolean runDeploy(Effect.RunDeploy run) {
            if (bodyRunning) {
                // Resumed while the block was still running in the program: its callback reports the outcome.
                status = Messages.ReleaseStepExecution_WaitingForBody(run.mode().environmentValue());
            } else {
                runBody(release, run);
            }
            return false;
        }

        @Override
        public Boolean startVerification(Effect.StartVerification start) {
            ReleaseStepExecution.this.startVerification(release, start.phase());
            return false;
        }

        @Override
        public Boolean continueVerification(Effect.ContinueVerification next) {
            nextRoundAt(next.at());
            return false;
        }

        @Override
        public Boolean releaseLease(Effect.ReleaseLease effect) {
            giveLeaseBack();
            return true;
        }

        @Override
        public Boolean notify(Effect.Notify notify) {
            SecretMask mask = bodyMask();
            log(Messages.ReleaseStepExecution_Notifying(notify.kind().event(), mask.mask(notify.message())));
            StepHost host = StepHost.get();
            // No link here: the host's notifier links the release's page when Jenkins knows its own URL.
            host.notifier(mask).notify(new Notification(notify.kind(), release.environment(), release.id(),
                    release.artifactName(), release.version(), release.digest().value(), notify.message(),
                    Optional.empty(), host.clock().instant()));
            return true;
        }
    }

    private synchronized void pollApprovals() {
        if (done || stopping) return;
        try {
            Release now = ledger().release(releaseId);
            if (now.state() != ReleaseState.AWAITING_APPROVAL) {
                settle(now);
                return;
            }
            ApprovalStatus approval = StepHost.get().steps().approvalStatus(now);
            Optional<ReleaseEvent> settled = ReleaseSteps.approvalEvent(approval);
            if (settled.isPresent()) {
                feed(now, settled.get());
                return;
            }
            status = approval.describe();
            progress(status);
            schedule(StepHost.get().pollInterval().toMillis(), this::pollApprovals);
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    private synchronized void tryLease(boolean resuming) {
        if (done || stopping) return;
        try {
            StepHost host = StepHost.get();
            Release now = ledger().release(releaseId);
            if (!ReleaseSteps.mayTakeLease(now, resuming)) {
                settle(now); // aborted or interrupted meanwhile
                return;
            }
            LeaseAttempt attempt = ledger().acquireLease(now.environment(), host.owner(), releaseId, host.leaseTtl(), actor());
            if (attempt instanceof LeaseAttempt.Acquired acquired) {
                lease.hold(acquired.lease());
                if (resuming) {
                    proceed(now);
                } else {
                    feed(now, new ReleaseEvent.LeaseAcquired());
                }
                return;
            }
            LeaseAttempt.Waiting waiting = (LeaseAttempt.Waiting) attempt;
            status = waiting.waitingMessage();
            progress(waiting.waitingMessage());
            // Asking again at least every renewal interval keeps this build's place in the queue.
            long again = Math.min(host.pollInterval().toMillis(), new LeaseTerms(host.leaseTtl()).renewEvery().toMillis());
            schedule(again, () -> tryLease(resuming));
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    private synchronized void runBody(Release release, Effect.RunDeploy run) {
        StepHost host = StepHost.get();
        StepContext context = getContext();
        Deployment deployment = host.steps().deployment(release, run);
        BodyBindings bindings;
        try {
            bindings = BodyBindings.resolve(release.environment(), deployment.variables(), bindings(release.environment()),
                    host.credentials(context), host.secretFiles(context));
        } catch (IOException | RuntimeException e) {
            // The body cannot run without its credentials: for the ledger that is a failed deploy.
            feed(release, ReleaseSteps.deployOutcome(StepErrors.map(stepName, e)));
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(e);
            return;
        }
        bodyMask = bindings.mask();
        bodySecrets = bindings.secretValues();
        bodyRunning = true;
        verificationPhase = null;
        verificationStartMs = 0;
        status = run.mode() == ReleaseMode.DEPLOY ? Messages.ReleaseStepExecution_RunningDeployBody(deployment.artifact().coordinates())
                : Messages.ReleaseStepExecution_RunningRollbackBody(deployment.artifact().coordinates());
        log((run.mode() == ReleaseMode.DEPLOY ? Messages.ReleaseStepExecution_Deploying(deployment.artifact().coordinates(),
                deployment.artifact().digest().shortForm(), release.environment(), run.mode().environmentValue())
                : Messages.ReleaseStepExecution_RollingBack(deployment.artifact().coordinates(),
                deployment.artifact().digest().shortForm(), release.environment(), run.mode().environmentValue())));
        try {
            body = context.newBodyInvoker()
                    .withContexts(EnvironmentExpander.merge(context.get(EnvironmentExpander.class), bindings.expander()),
                            TaskListenerDecorator.merge(context.get(TaskListenerDecorator.class), bindings.decorator()))
                    .withCallback(new BodyDone(this, List.copyOf(bindings.files)))
                    .start();
        } catch (IOException | RuntimeException e) {
            bodyRunning = false;
            fail(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            bodyRunning = false;
            fail(e);
        }
    }

    /**
     * The body's callback. Pipeline calls it on the CPS thread, which must not wait for the agent (secret files) or the
     * ledger, so the outcome is handed to the pool for blocking work.
     */
    void bodyEnded(Throwable failure, List<String> secretFiles) {
        // Pipeline writes the program after this callback: should Jenkins die before the outcome is in the ledger
        // (still DEPLOYING), the resumed step runs the body again — it must be idempotent — rather than wait for a
        // block that already ended.
        bodyRunning = false;
        StepHost.get().runBlocking(() -> bodyFinished(failure, secretFiles));
    }

    /** The body ended: success or failure is the machine's next event. */
    private synchronized void bodyFinished(Throwable failure, List<String> secretFiles) {
        bodyRunning = false;
        body = null;
        try {
            if (!secretFiles.isEmpty()) StepHost.get().deleteSecretFiles(getContext(), secretFiles);
        } catch (IOException | RuntimeException e) {
            log(Messages.ReleaseStepExecution_SecretFilesNotDeleted(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (done || stopping) return;
        if (failure instanceof InterruptedException) {
            // Pipeline stops the innermost running step (e.g. the body's sh or sleep), not this one: a body
            // interrupted by a stopped build or a timeout is an abort, not a failed deploy to roll back.
            log(Messages.ReleaseStepExecution_BodyInterrupted(failure));
            aborted(failure);
            return;
        }
        SecretMask mask = bodyMask();
        if (failure != null) log(Messages.ReleaseStepExecution_BodyFailed(mask.mask(failure.toString())));
        ReleaseEvent outcome = ReleaseSteps.deployOutcome(failure);
        // The body's error may quote a bound secret; out here nothing masks it, and the ledger must never hold it.
        if (outcome instanceof ReleaseEvent.DeployFailed failed) outcome = new ReleaseEvent.DeployFailed(mask.mask(failed.reason()));
        feed(ledger().release(releaseId), outcome);
    }

    private SecretMask bodyMask() {
        SecretMask mask = bodyMask;
        if (mask == null) {
            List<hudson.util.Secret> kept = bodySecrets;
            mask = kept == null || kept.isEmpty() ? SecretMask.none()
                    : SecretMask.ofValues(kept.stream().map(hudson.util.Secret::getPlainText).toList());
            bodyMask = mask;
        }
        return mask;
    }

    private synchronized void nextRoundAt(Instant at) {
        status = Messages.ReleaseStepExecution_RoundTaken(Integer.toString(roundsTaken), at);
        scheduleAt(at, this::takeRound);
    }

    private synchronized void startVerification(Release release, ReleaseMode phase) {
        if (!phase.name().equals(verificationPhase) || verificationStartMs == 0) {
            verificationPhase = phase.name();
            verificationStartMs = StepHost.get().clock().millis();
            roundsTaken = 0;
            getContext().saveState(); // the schedule's start, kept across a crash (the samples are in the ledger)
        }
        ReleaseSteps.VerificationProgress progress = StepHost.get().steps().verification(release, phase,
                Instant.ofEpochMilli(verificationStartMs));
        roundsTaken = progress.lastRound();
        Optional<Instant> next = progress.nextRoundAt();
        if (next.isEmpty()) {
            feed(release, new ReleaseEvent.HealthSampled(progress.decision()));
            return;
        }
        status = Messages.ReleaseStepExecution_RoundScheduled(phase.environmentValue(), Integer.toString(roundsTaken + 1), next.get());
        scheduleAt(next.get(), this::takeRound);
    }

    /**
     * One verification round, on the pool for blocking work. It reads the release and decides under the monitor, lets
     * go of the monitor while the probes run (each up to its timeout, perhaps on the agent) and records their samples,
     * then takes it again to feed the outcome — unless the step was stopped or ended meanwhile, or a newer round began:
     * then the outcome is dropped, and the ledger refuses the samples still to come (the release is no longer verifying).
     */
    private void takeRound() {
        StepHost host = StepHost.get();
        Release now;
        ReleaseMode phase;
        Instant started;
        Actor actor;
        int round;
        int shown;
        SecretMask secrets;
        synchronized (this) {
            if (done || stopping) return;
            try {
                phase = ReleaseMode.valueOf(verificationPhase);
                now = ledger().release(releaseId);
                if (now.state() != ReleaseSteps.verifying(phase)) {
                    settle(now);
                    return;
                }
                started = Instant.ofEpochMilli(verificationStartMs);
                actor = actor();
                round = ++roundsStarted;
                shown = roundsTaken + 1;
                secrets = bodyMask();
                status = Messages.ReleaseStepExecution_Probing(Integer.toString(shown));
            } catch (RuntimeException e) {
                fail(e);
                return;
            }
        }
        Verification.Decision decision;
        probing = true;
        try {
            // The body's bound secrets are masked in what the round records, whatever a probe echoes.
            decision = host.steps().masking(secrets).takeRound(now, phase, started, host.probes(getContext()), actor,
                    this::logSample);
        } catch (IOException | RuntimeException e) {
            roundFailed(round, shown, e);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            roundFailed(round, shown, e);
            return;
        } finally {
            probing = false;
        }
        synchronized (this) {
            if (dropped(round, shown)) return;
            roundsTaken++;
            feed(now, new ReleaseEvent.HealthSampled(decision));
        }
    }

    /**
     * Whether round number {@code round} came back too late to feed its outcome (the step was stopped or ended, or a
     * newer round began); says so in the log when it did. A stopped release also refuses the round's late samples.
     */
    private synchronized boolean dropped(int round, int shown) {
        if (!done && !stopping && round == roundsStarted) return false;
        log(done || stopping ? Messages.ReleaseStepExecution_RoundLateEnded(Integer.toString(shown))
                : Messages.ReleaseStepExecution_RoundLateNewer(Integer.toString(shown)));
        return true;
    }

    private synchronized void roundFailed(int round, int shown, Throwable e) {
        if (!dropped(round, shown)) fail(e);
    }

    /** Nothing more to perform: the step ends with the release's settled state. */
    private synchronized void settle(Release release) {
        if (done) return;
        done = true;
        cancelWake();
        giveLeaseBack();
        lease.stop();
        status = Messages.ReleaseStepExecution_Ended(release.state());
        if (release.state() == ReleaseState.LIVE) {
            log(Messages.ReleaseStepExecution_Live(Long.toString(release.id()), release.environment(), release.reason()));
            getContext().onSuccess(result(release));
        } else {
            getContext().onFailure(new AbortException(bodyMask().mask(Messages.ReleaseStepExecution_Failed(stepName,
                    Long.toString(release.id()), release.coordinates(), release.environment(), release.state(),
                    release.reason()))));
        }
    }

    private synchronized void fail(Throwable e) {
        if (done) return;
        done = true;
        cancelWake();
        try {
            if (releaseId >= 0 && lease.holding() && e instanceof LeaseLostException) {
                StepHost.get().steps().ownerLost(releaseId, e.getMessage() == null ? null : bodyMask().mask(e.getMessage()),
                        actor()).ifPresent(applied -> applied.moved().forEach(this::logMove));
            }
        } catch (RuntimeException suppressed) {
            e.addSuppressed(suppressed);
        }
        // The lease is kept when the ledger failed: it expires, and the release becomes INTERRUPTED.
        if (!(e instanceof LedgerUnavailableException)) giveLeaseBack();
        lease.stop();
        // Without the lease (or the ledger) the body must not go on deploying: another owner may take over once the
        // lease's grace has passed (LeaseTerms.grace()), and the block ends with the step.
        if (body != null && (e instanceof LeaseLostException || e instanceof LedgerUnavailableException)) {
            body.cancel(e);
        }
        status = Messages.ReleaseStepExecution_StatusFailed(bodyMask().mask(String.valueOf(e.getMessage())));
        getContext().onFailure(StepErrors.masked(StepErrors.map(stepName, e), bodyMask()));
    }

    /** The step's value: plain types only, as it lives on in the program's state. */
    static Map<String, Object> result(Release release) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("releaseId", release.id());
        result.put("environment", release.environment());
        result.put("artifact", release.artifactName());
        result.put("version", release.version());
        result.put("digest", release.digest().value());
        result.put("mode", release.mode().environmentValue());
        result.put("state", release.state().name());
        result.put("reason", release.reason());
        return result;
    }

    // --- the lease ------------------------------------------------------------------------------

    private void leaseLost(RuntimeException e) {
        log(Messages.ReleaseStepExecution_LeaseLost(environment, e.getMessage()));
        synchronized (this) {
            fail(e);
        }
    }

    /** Gives the environment's lease back if this release holds it (after a restart, found in the ledger). */
    private void giveLeaseBack() {
        lease.giveBack(environment, releaseId, actor(), this::log);
    }

    // --- timers ---------------------------------------------------------------------------------

    private synchronized void scheduleAt(Instant at, Runnable task) {
        schedule(Math.max(0, Duration.between(StepHost.get().clock().instant(), at).toMillis()), task);
    }

    /** When the timer fires, the scheduler's thread only hands {@code task} to the pool for blocking work. */
    private synchronized void schedule(long delayMs, Runnable task) {
        cancelWake();
        wake = StepHost.get().scheduler().schedule(() -> StepHost.get().runBlocking(task), delayMs, TimeUnit.MILLISECONDS);
    }

    private synchronized void cancelWake() {
        if (wake != null) {
            wake.cancel(false);
            wake = null;
        }
    }

    // --- small things ---------------------------------------------------------------------------

    private Ledger ledger() {
        return StepHost.get().ledger();
    }

    private List<CredentialBinding> bindings(String environmentName) {
        return StepHost.get().environments().environment(environmentName).credentials();
    }

    private synchronized BuildOrigin origin() {
        if (origin == null) {
            try {
                origin = StepHost.get().origin(getContext());
            } catch (IOException e) {
                throw new IllegalStateException("the build behind this step is gone: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while looking up the build", e);
            }
        }
        return origin;
    }

    private Actor actor() {
        return origin().actor();
    }

    private void logMove(Release moved) {
        log(Messages.ReleaseStepExecution_Moved(Long.toString(moved.id()), moved.state(), moved.reason()));
    }

    private void logSample(HealthSample sample) {
        log(Messages.ReleaseStepExecution_Sample(Integer.toString(sample.round()), sample.check(), sample.outcome(), sample.reason()));
    }

    /** A waiting line, written once per change. */
    private void progress(String line) {
        if (!line.equals(lastProgress)) {
            lastProgress = line;
            log(line);
        }
    }

    private void log(String line) {
        try {
            TaskListener listener = getContext().get(TaskListener.class);
            PrintStream logger = listener == null ? null : listener.getLogger();
            // Outside the body's log filter: a line quoting an error or a reason is masked here.
            if (logger != null) logger.println("Release Ledger: " + bodyMask().mask(line));
        } catch (IOException | RuntimeException e) {
            // The log is gone (the build is ending); the ledger holds the record.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Reports the block's outcome to the execution; holds it directly (both live in the program's state, written with
     * JBoss Marshalling River: public).
     */
    public static final class BodyDone extends BodyExecutionCallback {
        private static final long serialVersionUID = 1L;
        private final ReleaseStepExecution execution;
        private final List<String> secretFiles;

        BodyDone(ReleaseStepExecution execution, List<String> secretFiles) {
            this.execution = execution;
            this.secretFiles = secretFiles;
        }

        @Override
        public void onSuccess(StepContext context, Object result) {
            execution.bodyEnded(null, secretFiles);
        }

        @Override
        public void onFailure(StepContext context, Throwable t) {
            execution.bodyEnded(t, secretFiles);
        }
    }
}
