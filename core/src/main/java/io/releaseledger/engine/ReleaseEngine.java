package io.releaseledger.engine;

import io.releaseledger.approval.ApprovalDecision;
import io.releaseledger.approval.ApprovalRequest;
import io.releaseledger.approval.ApprovalStatus;
import io.releaseledger.approval.Decision;
import io.releaseledger.artifact.Artifact;
import io.releaseledger.environment.EnvironmentConfig;
import io.releaseledger.environment.EnvironmentPolicy;
import io.releaseledger.health.HealthProbeRunner;
import io.releaseledger.health.HealthSample;
import io.releaseledger.health.Sleeper;
import io.releaseledger.health.Verdict;
import io.releaseledger.health.Verification;
import io.releaseledger.health.VerificationPlan;
import io.releaseledger.health.Verifier;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.LeaseAttempt;
import io.releaseledger.ledger.LeaseLostException;
import io.releaseledger.ledger.LeaseOwner;
import io.releaseledger.ledger.LeaseTerms;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.SampleRecord;
import io.releaseledger.notify.Notifier;
import io.releaseledger.release.Release;
import io.releaseledger.release.ReleaseMode;
import io.releaseledger.release.ReleasePlan;
import io.releaseledger.release.ReleaseState;
import io.releaseledger.release.StaleReleaseStateException;
import io.releaseledger.secrets.SecretMask;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The orchestrator: it applies {@code ReleaseMachine} against the ledger — each move one
 * transaction — and performs the effects, here synchronously in the calling thread (the CLI, tests;
 * Jenkins performs the same effects asynchronously). Everything it needs to carry on is in the
 * ledger, so {@link #resume} finishes any release another engine started, after a crash too.
 */
public final class ReleaseEngine {
    private final Ledger ledger;
    private final EnvironmentConfig environments;
    private final Clock clock;
    private final Sleeper sleeper;
    private final HealthProbeRunner probes;
    private final Notifier notifier;
    private final EngineListener listener;
    private final LeaseOwner owner;
    private final Duration leaseTtl;
    private final Duration pollInterval;
    private final ReleaseSteps steps;
    private final ReleaseApprovals approvals;

    private ReleaseEngine(Builder b) {
        this.ledger = b.ledger;
        this.environments = b.environments;
        this.clock = b.clock;
        this.sleeper = b.sleeper;
        this.probes = b.probes;
        this.notifier = b.notifier;
        this.listener = b.listener;
        this.owner = b.owner;
        this.leaseTtl = b.leaseTtl;
        this.pollInterval = b.pollInterval;
        this.steps = new ReleaseSteps(b.ledger, b.environments, b.clock).masking(b.mask);
        this.approvals = new ReleaseApprovals(steps, b.clock, b.notifier, b.listener);
    }

    public static Builder builder(Ledger ledger, EnvironmentConfig environments, HealthProbeRunner probes) {
        return new Builder(ledger, environments, probes);
    }

    /** Defines every configured environment in the ledger, in order; a no-op for those already there. */
    public void defineEnvironments(Actor actor) {
        for (EnvironmentPolicy p : environments.environments()) {
            ledger.defineEnvironment(p.name(), p.order(), actor);
        }
    }

    /**
     * Deploys a registered version: promotion rules first (a refusal changes nothing), then the
     * request is recorded and driven to a settled state — approvals, lease, body, verification and,
     * when it fails, the automatic rollback.
     *
     * @return the release as it settled (LIVE, ROLLED_BACK, …)
     */
    public Release deploy(DeployRequest request, DeployAction action) throws InterruptedException {
        Release release = steps.request(request);
        listener.moved(release);
        return drive(release, new ReleaseEvent.Requested(), action, request.actor());
    }

    /**
     * Deploys the release {@link #requestApproval} opened and its approvers approved, with {@code request}'s
     * checks and verification, instead of recording a second release that would ask them again:
     * {@link ReleaseSteps#adopt} checks it (same environment and digest, still APPROVED, promotion rules as of
     * now; a refusal changes nothing), then it is driven like {@link #deploy} from the lease on.
     *
     * @return the release as it settled (LIVE, ROLLED_BACK, …)
     */
    public Release deployApproved(long releaseId, DeployRequest request, DeployAction action) throws InterruptedException {
        Release release = steps.adopt(releaseId, request);
        return drive(release, new ReleaseEvent.Resumed(), action, request.actor());
    }

    /** {@link ReleaseApprovals#request}, announced through this engine's notifier and listener. */
    public Release requestApproval(DeployRequest request) {
        return approvals.request(request);
    }

    /** {@link ReleaseApprovals#settle}, announced through this engine's notifier and listener. */
    public Release settleApproval(long releaseId, Actor actor) {
        return approvals.settle(releaseId, actor);
    }

    /**
     * Rolls an environment back by hand: to {@code toVersion} if given (it must once have been live
     * there), else to the release live before the current one. Allowed during a freeze.
     */
    public Release rollback(RollbackRequest request, DeployAction action) throws InterruptedException {
        Release release = steps.requestRollback(request);
        listener.moved(release);
        return drive(release, new ReleaseEvent.Requested(), action, request.actor());
    }

    /** Carries a release on from what the ledger holds, e.g. after the process that ran it died. */
    public Release resume(long releaseId, DeployAction action, Actor actor) throws InterruptedException {
        return drive(ledger.release(releaseId), new ReleaseEvent.Resumed(), action, actor);
    }

    /** {@link ReleaseApprovals#decide}: a person's decision, after checking they may decide. */
    public ApprovalStatus decide(long releaseId, String user, Set<String> groups, Decision decision, String comment,
                                 Actor actor) {
        return approvals.decide(releaseId, user, groups, decision, comment, actor);
    }

    /** {@link ReleaseApprovals#status}. */
    public ApprovalStatus approvalStatus(long releaseId) {
        return approvals.status(releaseId);
    }

    /**
     * Stops an in-flight release: recorded as ABORTED (a user abort is never retried). An engine
     * driving it notices at its next step and stops.
     */
    public Release abort(long releaseId, Actor by, String reason) {
        return steps.apply(ledger.release(releaseId), new ReleaseEvent.Aborted(by.name(), reason), by).release();
    }

    // --- driving ---------------------------------------------------------------------------------

    private Release drive(Release start, ReleaseEvent first, DeployAction action, Actor actor)
            throws InterruptedException {
        Release release = start;
        LeaseKeeper lease = new LeaseKeeper(ledger, clock, leaseTtl);
        try {
            ReleaseEvent event = first;
            while (event != null) {
                Next next = ReleaseMachine.next(release, event, circumstances(release));
                for (Move m : next.moves()) {
                    release = record(release, m, actor);
                }
                event = null;
                for (Effect effect : next.effects()) {
                    lease.check();
                    Outcome outcome = perform(effect, release, action, lease, actor);
                    if (outcome.stop()) {
                        return ledger.release(release.id());
                    }
                    if (outcome.event() != null) {
                        event = outcome.event();
                        break;
                    }
                }
            }
            return release;
        } catch (StaleReleaseStateException e) {
            // Someone else moved it first (an abort, lease expiry): what they recorded stands.
            lease.release(actor);
            return ledger.release(release.id());
        } catch (InterruptedException e) {
            RuntimeException lost = lease.lostCause();
            if (lost != null) {
                throw ownerLost(release, lost, actor);
            }
            if (ledger.release(release.id()).state().isInFlight()) {
                // The interrupt's message says who stopped it, when a host gives one ("… received Ctrl-C (SIGINT)").
                abort(release.id(), actor, "the engine running it was interrupted"
                        + (e.getMessage() == null || e.getMessage().isBlank() ? "" : ": " + e.getMessage()));
            }
            lease.release(actor);
            throw e;
        } catch (LeaseLostException e) {
            throw ownerLost(release, e, actor);
        } finally {
            lease.close();
        }
    }

    /** Without its lease a release must not go on: it is recorded INTERRUPTED, if lease expiry did not already. */
    private RuntimeException ownerLost(Release release, RuntimeException cause, Actor actor) {
        try {
            steps.ownerLost(release.id(), cause.getMessage(), actor);
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
        return cause;
    }

    /** An effect ends with an event to feed back, nothing (carry on with the next effect), or stop. */
    private record Outcome(ReleaseEvent event, boolean stop) {
        static final Outcome CONTINUE = new Outcome(null, false);
        static final Outcome STOP = new Outcome(null, true);

        static Outcome of(ReleaseEvent event) {
            return new Outcome(event, false);
        }
    }

    private Outcome perform(Effect effect, Release release, DeployAction action, LeaseKeeper lease, Actor actor)
            throws InterruptedException {
        return effect.accept(new Effect.Handler<Outcome, InterruptedException>() {
            @Override
            public Outcome waitForApprovals(Effect.WaitForApprovals e) throws InterruptedException {
                return ReleaseEngine.this.waitForApprovals(release);
            }

            @Override
            public Outcome acquireLease(Effect.AcquireLease e) throws InterruptedException {
                return ReleaseEngine.this.acquireLease(release, lease, actor, false);
            }

            @Override
            public Outcome reacquireLease(Effect.ReacquireLease e) throws InterruptedException {
                return ReleaseEngine.this.acquireLease(release, lease, actor, true);
            }

            @Override
            public Outcome runDeploy(Effect.RunDeploy run) throws InterruptedException {
                return Outcome.of(ReleaseEngine.this.runDeploy(release, run, action));
            }

            @Override
            public Outcome startVerification(Effect.StartVerification start) throws InterruptedException {
                return Outcome.of(verify(release, start.phase(), lease, actor));
            }

            @Override
            public Outcome continueVerification(Effect.ContinueVerification next) {
                // This driver verifies in one go (StartVerification returns the verdict); only async hosts continue.
                throw new IllegalStateException("the synchronous engine never continues a verification round by round");
            }

            @Override
            public Outcome releaseLease(Effect.ReleaseLease e) {
                lease.release(actor);
                return Outcome.CONTINUE;
            }

            @Override
            public Outcome notify(Effect.Notify notify) {
                approvals.notify(notify, release);
                return Outcome.CONTINUE;
            }
        });
    }

    private Outcome waitForApprovals(Release release) throws InterruptedException {
        String shown = null;
        while (true) {
            Release now = ledger.release(release.id());
            if (now.state() != ReleaseState.AWAITING_APPROVAL) {
                return Outcome.STOP; // aborted meanwhile
            }
            ApprovalStatus status = steps.approvalStatus(now);
            Optional<ReleaseEvent> settled = ReleaseSteps.approvalEvent(status);
            if (settled.isPresent()) {
                return Outcome.of(settled.get());
            }
            String line = status.describe();
            if (!line.equals(shown)) {
                listener.progress(now, line);
                shown = line;
            }
            sleeper.sleepUntil(clock.instant().plus(pollInterval));
        }
    }

    private Outcome acquireLease(Release release, LeaseKeeper lease, Actor actor, boolean resuming)
            throws InterruptedException {
        String shown = null;
        while (true) {
            Release now = ledger.release(release.id());
            if (resuming ? !now.state().isInFlight() : now.state() != ReleaseState.APPROVED) {
                return Outcome.STOP; // aborted or interrupted meanwhile
            }
            LeaseAttempt attempt = ledger.acquireLease(release.environment(), owner, release.id(), leaseTtl, actor);
            if (attempt instanceof LeaseAttempt.Acquired acquired) {
                lease.hold(acquired.lease());
                return resuming ? Outcome.CONTINUE : Outcome.of(new ReleaseEvent.LeaseAcquired());
            }
            String line = ((LeaseAttempt.Waiting) attempt).waitingMessage();
            if (!line.equals(shown)) {
                listener.progress(now, line);
                shown = line;
            }
            // Asking again at least every renewal interval keeps this request's place in the queue.
            sleeper.sleepUntil(clock.instant().plus(min(pollInterval, new LeaseTerms(leaseTtl).renewEvery())));
        }
    }

    private ReleaseEvent runDeploy(Release release, Effect.RunDeploy run, DeployAction action)
            throws InterruptedException {
        Deployment deployment = steps.deployment(release, run);
        Artifact artifact = deployment.artifact();
        listener.progress(release, (run.mode() == ReleaseMode.DEPLOY ? "deploying " : "rolling back to ")
                + artifact.coordinates() + " (" + artifact.digest().shortForm() + ") in " + release.environment());
        try {
            action.deploy(deployment);
            return steps.outcome(null);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            return steps.outcome(e);
        }
    }

    private ReleaseEvent verify(Release release, ReleaseMode phase, LeaseKeeper lease, Actor actor)
            throws InterruptedException {
        VerificationPlan plan = plan(release).verification();
        if (plan.checks().isEmpty()) {
            return new ReleaseEvent.HealthSampled(new Verification.Concluded(Verdict.HEALTHY,
                    "no health checks are configured: the deploy body's success is the only evidence", clock.instant()));
        }
        List<HealthSample> recorded = ledger.samples(release.id(), phase);
        // A resumed verification keeps its original clock: the first round was due at start + initial delay.
        Instant start = recorded.isEmpty() ? clock.instant()
                : recorded.get(0).takenAt().minus(plan.policy().initialDelay());
        Sleeper leaseCovering = wakeAt -> {
            lease.coverUntil(wakeAt);
            sleeper.sleepUntil(wakeAt);
        };
        Verification.Concluded verdict = new Verifier(steps.masked(probes), clock, leaseCovering).resume(plan.policy(),
                plan.checks(), start, recorded,
                sample -> ledger.recordSample(release.id(), new SampleRecord(phase, sample), actor));
        return new ReleaseEvent.HealthSampled(verdict);
    }

    // --- what the machine needs ---------------------------------------------------------------

    private Release record(Release release, Move m, Actor actor) {
        Release moved = steps.record(release, m, actor);
        listener.moved(moved);
        return moved;
    }

    private Circumstances circumstances(Release release) {
        return steps.circumstances(release);
    }

    private ReleasePlan plan(Release release) {
        return steps.plan(release);
    }

    private ApprovalRequest approvalRequest(Release release) {
        return steps.approvalRequest(release);
    }

    private List<ApprovalDecision> decisions(Release release) {
        return steps.decisions(release);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Builds an engine; the probe runner is required, everything else has a sensible default. */
    public static final class Builder {
        private final Ledger ledger;
        private final EnvironmentConfig environments;
        private final HealthProbeRunner probes;
        private Clock clock;
        private Sleeper sleeper;
        private Notifier notifier = n -> { };
        private EngineListener listener = EngineListener.SILENT;
        private LeaseOwner owner = LeaseOwner.named(defaultOwner());
        private Duration leaseTtl = LeaseTerms.DEFAULT_TTL;
        private Duration pollInterval = Duration.ofSeconds(5);
        private SecretMask mask = SecretMask.none();

        private Builder(Ledger ledger, EnvironmentConfig environments, HealthProbeRunner probes) {
            this.ledger = Objects.requireNonNull(ledger, "ledger");
            this.environments = Objects.requireNonNull(environments, "environments");
            this.probes = Objects.requireNonNull(probes, "probes");
        }

        public Builder clock(Clock clock, Sleeper sleeper) {
            this.clock = Objects.requireNonNull(clock);
            this.sleeper = Objects.requireNonNull(sleeper);
            return this;
        }

        public Builder notifier(Notifier notifier) {
            this.notifier = Objects.requireNonNull(notifier);
            return this;
        }

        public Builder listener(EngineListener listener) {
            this.listener = Objects.requireNonNull(listener);
            return this;
        }

        /** Who holds leases: stable across restarts of the same controller or host, so it can resume. */
        public Builder owner(String owner) {
            this.owner = LeaseOwner.named(Objects.requireNonNull(owner));
            return this;
        }

        /**
         * Who holds leases, with the owning process when the owner is one process (the command-line tool), so
         * that the lease is given back soon after that process exits rather than after its term.
         */
        public Builder owner(LeaseOwner owner) {
            this.owner = Objects.requireNonNull(owner);
            return this;
        }

        public Builder leaseTtl(Duration ttl) {
            this.leaseTtl = Objects.requireNonNull(ttl);
            return this;
        }

        /**
         * The secrets bound to the deploy, masked in every form in what the engine records (samples, failure
         * messages, reasons) and in its notifications' messages.
         */
        public Builder mask(SecretMask mask) {
            this.mask = Objects.requireNonNull(mask);
            return this;
        }

        /** How often approvals and a busy lease are checked again. */
        public Builder pollInterval(Duration interval) {
            this.pollInterval = Objects.requireNonNull(interval);
            return this;
        }

        /**
         * The engine; without {@link #clock} on this JVM's clock. A host that wants its decisions by time to agree
         * with the ledger's clock passes {@link Ledger#clock()} here and to its probe runner (samples are stamped
         * by the runner's clock, and a verification's rounds must not come before its start).
         */
        public ReleaseEngine build() {
            if (clock == null) {
                clock = Clock.systemUTC();
            }
            if (sleeper == null) {
                sleeper = Sleeper.on(clock);
            }
            return new ReleaseEngine(this);
        }

        private static String defaultOwner() {
            String host = System.getenv("HOSTNAME");
            return "release-ledger@" + (host == null || host.isBlank() ? "localhost" : host);
        }
    }
}
