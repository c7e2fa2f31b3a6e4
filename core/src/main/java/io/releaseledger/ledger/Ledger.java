package io.releaseledger.ledger;

import io.releaseledger.approval.Decision;
import io.releaseledger.artifact.Artifact;
import io.releaseledger.artifact.ArtifactRegistration;
import io.releaseledger.artifact.Digest;
import io.releaseledger.Inputs;
import io.releaseledger.release.Release;
import io.releaseledger.release.ReleaseState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The ledger: the durable, tamper-evident record of artifacts, releases and everything that
 * happened to them. Every change is one transaction that also appends its event to the audit chain;
 * if the store cannot be reached or written, methods throw {@link LedgerUnavailableException} and
 * nothing changes, so a release fails closed rather than deploying unrecorded.
 *
 * <p>Thread-safe; open one per JVM and share it. Several JVMs may share one PostgreSQL ledger.
 */
public final class Ledger implements AutoCloseable {
    private final Database db;
    private final Clock testClock;
    private final String readOnlyBecause;
    private volatile ClockSkew skew;

    private Ledger(Database db, Clock testClock) {
        this(db, testClock, null);
    }

    private Ledger(Database db, Clock testClock, String readOnlyBecause) {
        this.db = db;
        this.testClock = testClock;
        this.readOnlyBecause = readOnlyBecause;
    }

    /**
     * Opens the store as {@link #open(LedgerConfig)} does; when an embedded store cannot be opened for writing
     * (its disk is full), opens it read-only instead, so that a person can still read it during the incident:
     * every read works, every change fails with {@link LedgerUnavailableException}. A lock file left on the full
     * disk by a process that is gone (empty, or naming a server that no longer answers) is removed first, as H2
     * itself would on its next writable open; a live one is left alone and the first failure is thrown.
     *
     * @see #readOnlyBecause()
     */
    public static Ledger openForReading(LedgerConfig config) {
        try {
            return open(config);
        } catch (LedgerUnavailableException writable) {
            java.util.Optional<LedgerConfig> readOnly = config.readOnly();
            if (readOnly.isEmpty() || !EmbeddedLock.clearIfStale(config.embeddedFile().orElseThrow())) {
                throw writable;
            }
            try {
                Throwable cause = writable.getCause() == null ? writable : writable.getCause();
                return new Ledger(Database.open(readOnly.get(), null), null,
                        cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
            } catch (RuntimeException second) {
                writable.addSuppressed(second);
                throw writable;
            }
        }
    }

    /** Why this ledger is open read-only ({@link #openForReading}), or {@code null} when it can be written. */
    public String readOnlyBecause() {
        return readOnlyBecause;
    }

    /**
     * Opens the store, creating or upgrading its schema. Every time the ledger records — events, lease grants,
     * renewals and expiry — is the database's clock, read inside the transaction that uses it, so JVMs whose
     * clocks disagree still agree on who holds a lease and the chain's times never run backwards.
     */
    public static Ledger open(LedgerConfig config) {
        return new Ledger(Database.open(config, null), null);
    }

    /**
     * Opens the store with a virtual clock in the database clock's place: for tests that move time by hand.
     * Production code uses {@link #open(LedgerConfig)}.
     */
    public static Ledger open(LedgerConfig config, Clock clock) {
        Objects.requireNonNull(clock, "clock");
        return new Ledger(Database.open(config, clock), clock);
    }

    /** The store's name for messages, e.g. {@code jdbc:postgresql://db:5432/ledger}. */
    public String store() {
        return db.store();
    }

    // --- time ----------------------------------------------------------------------------------

    /** The ledger's time now: the database's clock (or a test's virtual clock). */
    Instant now() {
        return db.now();
    }

    /**
     * How far this JVM's clock is from the database's, measured now (one round trip; the uncertainty is half of
     * it). Hosts say so at start when it {@link ClockSkew#exceeds exceeds} {@link ClockSkew#WARN_ABOVE}: the
     * ledger itself does not depend on it, but times this JVM measures (health samples, approval timeouts,
     * freeze windows) do.
     */
    public ClockSkew measureClockSkew() {
        Instant before = Instant.now();
        Instant database = db.now();
        Instant after = Instant.now();
        Duration roundTrip = Duration.between(before, after);
        Instant middle = before.plus(roundTrip.dividedBy(2));
        ClockSkew measured = new ClockSkew(Duration.between(middle, database), roundTrip.dividedBy(2), db.store());
        skew = measured;
        return measured;
    }

    /**
     * A clock that follows the ledger's: this JVM's clock moved by the skew measured (first use measures it).
     * What an engine in this JVM decides by time — approval timeouts, freeze windows, when to probe, the time of
     * a health sample — then agrees with the times the ledger records. A test's virtual clock when there is one.
     */
    public Clock clock() {
        if (testClock != null) {
            return testClock;
        }
        ClockSkew measured = skew;
        if (measured == null) {
            measured = measureClockSkew();
        }
        return Clock.offset(Clock.systemUTC(), measured.offset());
    }

    // --- environments --------------------------------------------------------------------------

    /** Defines an environment at a position of the promotion order; repeating it is a no-op. */
    public void defineEnvironment(String name, int position, Actor actor) {
        db.write("define environment " + name, tx -> Environments.define(tx, name, position, actor));
    }

    /** Defined environments, in promotion order. */
    public List<String> environments() {
        return db.read("list environments", Environments::names);
    }

    // --- artifacts -----------------------------------------------------------------------------

    /**
     * Records an artifact. The same (name, version, digest) again returns the first registration;
     * another digest for a registered (name, version) is refused with
     * {@link io.releaseledger.artifact.ArtifactAlreadyRegisteredException}.
     */
    public Artifact registerArtifact(ArtifactRegistration registration, Actor actor) {
        return db.write("register " + registration.name() + " " + registration.version(),
                tx -> Artifacts.register(tx, registration, actor));
    }

    public Optional<Artifact> artifact(String name, String version) {
        ArtifactRegistration.validName(name);
        ArtifactRegistration.validVersion(version);
        return db.read("read artifact", c -> Artifacts.find(c, name, version));
    }

    // --- releases ------------------------------------------------------------------------------

    /** Opens a release in state REQUESTED for a registered artifact in a defined environment. */
    public Release requestRelease(ReleaseRequest request, Actor actor) {
        return db.writeNewRelease("record the release request", (tx, id) -> Releases.request(tx, id, request, actor));
    }

    /**
     * Moves a release to its next state, with its event, in one transaction. Going LIVE supersedes
     * the environment's previous live release; ROLLBACK_FAILED marks the environment degraded.
     *
     * @throws io.releaseledger.release.StaleReleaseStateException if it is no longer in {@code from}
     * @throws io.releaseledger.release.IllegalTransitionException if the state machine forbids the move
     */
    public Release transition(long releaseId, Transition transition, Actor actor) {
        return db.writeRelease("record release " + releaseId + " moving to " + transition.to(), releaseId,
                (tx, leased) -> {
                    leased.requireCurrentToken(transition.to());
                    return Releases.transition(tx, leased.release(), transition, actor);
                });
    }

    /**
     * Replaces the plan of a release that is {@code APPROVED} and not yet deploying, in one transaction with its
     * own {@link EventType#RELEASE_PLAN_SET} event: how a deployment takes over the release an approval gate
     * opened (its checks and verification replace the gate's empty plan) instead of asking for approval again.
     * A release is taken over at most once, so two deployments cannot both drive it.
     *
     * @param expected the state the caller read; only {@link ReleaseState#APPROVED} is accepted
     * @throws IllegalArgumentException if {@code expected} is not APPROVED
     * @throws io.releaseledger.release.StaleReleaseStateException if the release is no longer in {@code expected}
     * @throws IllegalStateException if a deployment already took it over
     */
    public Release replacePlan(long releaseId, ReleaseState expected, String plan, Actor actor) {
        Objects.requireNonNull(plan, "plan");
        Inputs.text("plan", plan, 16000);
        if (expected != ReleaseState.APPROVED) {
            throw new IllegalArgumentException("only an APPROVED release can take a deployment's plan, not one "
                    + expected);
        }
        return db.write("record the plan of release " + releaseId,
                tx -> Releases.replacePlan(tx, releaseId, expected, plan, actor));
    }

    /** The engine's plan stored with the release request, if any. */
    public Optional<String> plan(long releaseId) {
        return db.read("read the plan of release " + releaseId, c -> Releases.plan(c, releaseId));
    }

    /** The release's health samples of one phase, in the order taken: what a resumed verification replays. */
    public List<io.releaseledger.health.HealthSample> samples(long releaseId, io.releaseledger.release.ReleaseMode phase) {
        return db.read("read the samples of release " + releaseId, c -> Releases.samples(c, releaseId, phase));
    }

    public Release release(long releaseId) {
        return db.read("read release " + releaseId, c -> Releases.find(c, releaseId, false));
    }

    /** Records an approval or rejection of a release awaiting approval; the same decision twice is a no-op. */
    public Approval decide(long releaseId, String approver, Set<String> groups, Decision decision,
                           String comment, Actor actor) {
        return db.write("record the decision on release " + releaseId,
                tx -> Releases.decide(tx, releaseId, approver, groups, decision, comment, actor));
    }

    public List<Approval> approvals(long releaseId) {
        return db.read("read approvals", c -> Releases.approvals(c, releaseId));
    }

    /**
     * Records one health sample of a release's verification.
     *
     * @throws io.releaseledger.release.StaleReleaseStateException if the release is no longer being verified in that
     *                                                             phase (stopped, or moved on by another owner)
     */
    public void recordSample(long releaseId, SampleRecord sample, Actor actor) {
        db.write("record a health sample of release " + releaseId, tx -> {
            Releases.sample(tx, releaseId, sample, actor);
            return null;
        });
    }

    // --- leases --------------------------------------------------------------------------------

    /** {@link #acquireLease(String, LeaseOwner, long, Duration, Actor)} for an owner known by name only. */
    public LeaseAttempt acquireLease(String environment, String holder, long releaseId, Duration ttl, Actor actor) {
        return acquireLease(environment, LeaseOwner.named(holder), releaseId, ttl, actor);
    }

    /**
     * Takes the environment's deployment lease for a release, or says why to wait. A lease whose holder stopped
     * renewing is taken over once its term and grace have passed ({@link Lease#takeoverAt()}), or — when its
     * owner was a process of this machine that has exited — {@link LeaseTerms#OWNER_EXITED_GRACE} after that was
     * first seen; the release it was held for becomes INTERRUPTED. Requests that have to wait are served in the
     * order they first asked, provided they ask again at least every {@link LeaseTerms#renewEvery()}. Each grant
     * carries a fencing token one above the environment's last ({@link Lease#token()}); the same owner asking
     * again for the same release (after a restart) gets its lease and token back.
     */
    public LeaseAttempt acquireLease(String environment, LeaseOwner owner, long releaseId, Duration ttl, Actor actor) {
        Objects.requireNonNull(owner, "owner");
        return db.write("take the lease on " + environment,
                tx -> Leases.acquire(tx, environment, owner, releaseId, ttl, actor));
    }

    /**
     * Extends a held lease to {@code ttl} from the database's time now (never shortening it);
     * {@link LeaseLostException} if it is no longer held or already expired.
     */
    public Lease renewLease(Lease lease, Duration ttl) {
        return db.read("renew the lease on " + lease.environment(),
                c -> Leases.renew(c, db.now(c), lease, ttl));
    }

    /**
     * Keeps every lease {@code holder} holds for at least {@code allowance} from now: for a planned restart of a
     * host whose deploy bodies run on without it (Jenkins' durable steps), so that nobody takes its environments
     * over meanwhile. The restarted host takes them back and renews them as usual.
     *
     * @return how many leases were extended
     */
    public int holdLeasesThrough(String holder, Duration allowance) {
        return db.read("keep the leases of " + holder + " through a restart",
                c -> Leases.holdThrough(c, holder, db.now(c) + allowance.toMillis()));
    }

    /** The fencing token the release was granted with its lease, if it ever held one. */
    public Optional<Long> leaseToken(long releaseId) {
        return db.read("read the lease token of release " + releaseId, c -> Leases.tokenOf(c, releaseId));
    }

    /** Gives a lease back; {@code false} if it had already been lost. */
    public boolean releaseLease(Lease lease, Actor actor) {
        return db.write("release the lease on " + lease.environment(), tx -> Leases.release(tx, lease, actor));
    }

    /**
     * Frees every lease whose holder is gone — its term and grace passed without renewal, or its process on this
     * machine exited and its body had time to stop — and marks its in-flight release INTERRUPTED; returns those
     * releases.
     */
    public List<Long> expireLeases(Actor actor) {
        return db.write("expire leases", tx -> Leases.expireAll(tx, actor));
    }

    public Optional<Lease> currentLease(String environment) {
        return db.read("read the lease on " + environment, c -> Leases.current(c, environment));
    }

    // --- queries -------------------------------------------------------------------------------

    /** What is live and under way in every environment, in promotion order. */
    public List<EnvironmentStatus> dashboard() {
        return db.read("read the dashboard", c -> ReadQueries.dashboard(c, db.time()));
    }

    /**
     * One page of an environment's releases, newest first.
     *
     * @param before the {@link HistoryPage#nextBefore()} of the previous page, or {@code null} for the newest
     */
    public HistoryPage history(String environment, Long before, int limit) {
        return history(environment, HistoryFilter.ALL, before, limit);
    }

    /**
     * One page of an environment's releases that match {@code filter}, newest first; keyset-paginated
     * like {@link #history(String, Long, int)}, so a page costs the same however deep it is.
     *
     * @param before the {@link HistoryPage#nextBefore()} of the previous page of the same filter, or {@code null}
     */
    public HistoryPage history(String environment, HistoryFilter filter, Long before, int limit) {
        java.util.Objects.requireNonNull(filter, "filter");
        return db.read("read the history of " + environment,
                c -> ReadQueries.history(c, db.time(), environment, filter, before, limit));
    }

    /** The release's record with every event, approval and sample, in order. */
    public ReleaseTimeline timeline(long releaseId) {
        return db.read("read the timeline of release " + releaseId, c -> ReadQueries.timeline(c, db.time(), releaseId));
    }

    /** The newest release that was once LIVE in the environment, before {@code beforeReleaseId} if given. */
    public Optional<Release> lastKnownGood(String environment, Long beforeReleaseId) {
        return db.read("find the last known-good of " + environment,
                c -> ReadQueries.lastKnownGood(c, environment, beforeReleaseId));
    }

    /** The newest release of that version that was once LIVE in the environment. */
    public Optional<Release> onceLive(String environment, String artifactName, String version) {
        return db.read("find " + artifactName + " " + version + " in " + environment,
                c -> ReadQueries.onceLive(c, environment, artifactName, version));
    }

    /** The environments in which this digest reached LIVE. */
    public Set<String> environmentsReached(Digest digest) {
        return db.read("find where " + digest.shortForm() + " was live", c -> ReadQueries.environmentsReached(c, digest));
    }

    // --- audit ---------------------------------------------------------------------------------

    /** Recomputes the whole chain; names the first link that does not hold. */
    public ChainVerification verifyChain() {
        return db.read("verify the audit chain", AuditChain::verify);
    }

    /**
     * What {@code audit verify} asks: the whole chain, then every release against it — each release row has the
     * event that requested it and each requested release its row, so a release deleted or written behind the
     * ledger's back is named though the chain holds — and which ids below the highest were never issued.
     */
    public ChainVerification verify() {
        return db.read("verify the audit chain and the releases", c -> AuditChain.verify(c, true));
    }

    /** One page of the audit log: at most {@code limit} (1 to 1000) events after {@code afterSeq}, oldest first. */
    public List<LedgerEvent> events(long afterSeq, int limit) {
        if (limit < 1 || limit > 1000) {
            throw new io.releaseledger.InvalidInputException("limit", String.valueOf(limit), "use 1 to 1000");
        }
        return db.read("read the audit log", c -> AuditChain.page(c, afterSeq, limit));
    }

    /** Streams the events after {@code afterSeq}, oldest first; returns the last sequence number sent. */
    public long exportEvents(long afterSeq, Consumer<LedgerEvent> sink) {
        return db.read("export the audit log", c -> AuditChain.export(c, afterSeq, sink));
    }

    @Override
    public void close() {
        db.close();
    }
}
