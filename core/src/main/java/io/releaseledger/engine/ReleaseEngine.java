package io.releaseledger.engine;

import io.releaseledger.approval.ApprovalStatus;
import io.releaseledger.approval.Decision;
import io.releaseledger.environment.EnvironmentConfig;
import io.releaseledger.environment.EnvironmentPolicy;
import io.releaseledger.health.HealthProbeRunner;
import io.releaseledger.health.Sleeper;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.LeaseOwner;
import io.releaseledger.ledger.LeaseTerms;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.notify.Notifier;
import io.releaseledger.release.Release;
import io.releaseledger.secrets.SecretMask;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The engine for a host that waits in the calling thread (the command line, tests, benchmarks): each call records a
 * request and carries the release to a settled state through the same {@link ReleaseRun} that Jenkins drives with
 * timers, here in this thread ({@link InThreadHost}). Everything it needs to carry on is in the ledger, so
 * {@link #resume} finishes any release another engine started, after a crash too.
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
    private final SecretMask mask;
    private final ReleaseRules rules;
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
        this.mask = b.mask;
        this.rules = new ReleaseRules(b.ledger, b.environments, b.clock).masking(b.mask);
        this.approvals = new ReleaseApprovals(rules, b.clock, b.notifier, b.listener);
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
        Release release = rules.request(request);
        listener.moved(release);
        return drive(release.id(), run -> run.begin(release), action, request.actor());
    }

    /**
     * Deploys the release {@link #requestApproval} opened and its approvers approved, with {@code request}'s
     * checks and verification, instead of recording a second release that would ask them again:
     * {@link ReleaseRules#adopt} checks it (same environment and digest, still APPROVED, promotion rules as of
     * now; a refusal changes nothing), then it is driven like {@link #deploy} from the lease on.
     *
     * @return the release as it settled (LIVE, ROLLED_BACK, …)
     */
    public Release deployApproved(long releaseId, DeployRequest request, DeployAction action) throws InterruptedException {
        Release release = rules.adopt(releaseId, request);
        return drive(release.id(), run -> run.begin(release), action, request.actor());
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
        Release release = rules.requestRollback(request);
        listener.moved(release);
        return drive(release.id(), run -> run.begin(release), action, request.actor());
    }

    /** Carries a release on from what the ledger holds, e.g. after the process that ran it died. */
    public Release resume(long releaseId, DeployAction action, Actor actor) throws InterruptedException {
        return drive(ledger.release(releaseId).id(), ReleaseRun::resume, action, actor);
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
        return rules.apply(ledger.release(releaseId), new ReleaseEvent.Aborted(by.name(), reason), by).release();
    }

    // --- driving ---------------------------------------------------------------------------------

    /** Runs the release in this thread ({@link InThreadHost}) from {@code first} until it settles. */
    private Release drive(long releaseId, Consumer<ReleaseRun> first, DeployAction action, Actor actor)
            throws InterruptedException {
        InThreadHost host = new InThreadHost(clock, sleeper, action, probes, notifier, listener, mask, actor);
        ReleaseRun run = new ReleaseRun(rules, host, host, new ReleaseRun.Terms(owner, leaseTtl, pollInterval), actor,
                new ReleaseRun.Checkpoint(releaseId, null, 0, 0, false));
        return host.drive(run, first);
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
