package io.releaseledger.engine;

import io.releaseledger.InvalidInputException;
import io.releaseledger.approval.ApprovalDecision;
import io.releaseledger.approval.ApprovalRequest;
import io.releaseledger.approval.ApprovalStatus;
import io.releaseledger.artifact.Artifact;
import io.releaseledger.environment.ApprovalOverride;
import io.releaseledger.environment.ApprovalPolicy;
import io.releaseledger.environment.Approver;
import io.releaseledger.environment.EnvironmentConfig;
import io.releaseledger.environment.EnvironmentPolicy;
import io.releaseledger.health.HealthCheck;
import io.releaseledger.health.HealthProbeRunner;
import io.releaseledger.health.HealthSample;
import io.releaseledger.health.Verdict;
import io.releaseledger.health.Verification;
import io.releaseledger.health.VerificationPlan;
import io.releaseledger.health.Verifier;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.ledger.ReleaseRequest;
import io.releaseledger.ledger.SampleRecord;
import io.releaseledger.ledger.Transition;
import io.releaseledger.notify.Notification;
import io.releaseledger.promotion.PromotionClearance;
import io.releaseledger.promotion.PromotionRequest;
import io.releaseledger.promotion.PromotionRules;
import io.releaseledger.release.Release;
import io.releaseledger.release.ReleaseMode;
import io.releaseledger.release.ReleasePlan;
import io.releaseledger.release.ReleaseState;
import io.releaseledger.secrets.SecretMask;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The release rules, applied against the ledger one short piece at a time, with nothing that waits and no state kept
 * between calls: check and record a request (promotion rules, the pipeline's approval tightening, which approval
 * gate's release a deploy takes over), apply an event through {@code ReleaseMachine} and record its moves, evaluate
 * approvals, say what a deploy body deploys, take one verification round, record an abort or a lost owner. Hosts
 * use the requests ({@link #requestOrTakeOver}, {@link #requestRollback}, {@link #rollbackTarget}); the rest is
 * {@link ReleaseRun}'s and {@link ReleaseEngine}'s.
 */
public final class ReleaseRules {
    private final Ledger ledger;
    private final EnvironmentConfig environments;
    private final Clock clock;
    private final SecretMask mask;

    public ReleaseRules(Ledger ledger, EnvironmentConfig environments, Clock clock) {
        this(ledger, environments, clock, SecretMask.none());
    }

    private ReleaseRules(Ledger ledger, EnvironmentConfig environments, Clock clock, SecretMask mask) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.environments = Objects.requireNonNull(environments, "environments");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.mask = Objects.requireNonNull(mask, "mask");
    }

    /**
     * These rules, masking the release's bound secrets — in every form {@link SecretMask} knows — in every text
     * they record: health samples (reason, observed value, output), a failed body's message and the reasons built
     * from them. A probe or a body that prints a secret never puts it in the ledger.
     */
    ReleaseRules masking(SecretMask secrets) {
        return new ReleaseRules(ledger, environments, clock, secrets);
    }

    /** The mask applied to what these rules record. */
    SecretMask mask() {
        return mask;
    }

    /** A sample as it may be recorded: every text masked. */
    HealthSample masked(HealthSample sample) {
        return mask.isEmpty() ? sample : sample.masked(mask::mask);
    }

    /** {@code runner}, its samples masked: the verdict's reason is built from them too. */
    HealthProbeRunner masked(HealthProbeRunner runner) {
        return mask.isEmpty() ? runner : check -> masked(runner.probe(check));
    }

    /** The outcome of a deploy body as the event to feed back, its failure's message masked. */
    ReleaseEvent outcome(Throwable failure) {
        ReleaseEvent event = deployOutcome(failure);
        return event instanceof ReleaseEvent.DeployFailed failed && !mask.isEmpty()
                ? new ReleaseEvent.DeployFailed(mask.mask(failed.reason())) : event;
    }

    /** The clock these rules decide by. */
    Clock clock() {
        return clock;
    }

    /** The ledger these rules record in. */
    Ledger ledger() {
        return ledger;
    }

    /** The environments' policies these rules apply. */
    EnvironmentConfig environments() {
        return environments;
    }

    /**
     * Checks a deploy against the promotion rules and the pipeline's approval tightening, then records it
     * as {@link ReleaseState#REQUESTED}; feed {@link ReleaseEvent.Requested} next. A refusal changes nothing.
     *
     * @throws io.releaseledger.environment.UnknownEnvironmentException for an environment not configured
     * @throws InvalidInputException                                   for an artifact version never registered
     * @throws io.releaseledger.promotion.PromotionRefusedException     when a promotion rule refuses it
     * @throws io.releaseledger.environment.PolicyWeakenedException     when the pipeline weakens the approval policy
     */
    Release request(DeployRequest request) {
        EnvironmentPolicy policy = environments.environment(request.environment());
        Artifact artifact = registered(request.artifactName(), request.version());
        PromotionRequest promotion = PromotionRequest.deploy(policy, artifact.digest().value(),
                ledger.environmentsReached(artifact.digest()), request.job(), clock.instant());
        PromotionClearance clearance = PromotionRules.check(
                request.emergency() == null ? promotion : promotion.withEmergency(request.emergency()));
        ReleasePlan plan = new ReleasePlan(request.verification(), request.approval(), request.job(),
                clearance.freezeOverride().orElse(null));
        policy.approval().tightenedBy(plan.approval()); // a weaker pipeline policy is refused here
        return ledger.requestRelease(new ReleaseRequest(request.environment(), artifact.name(),
                artifact.version(), ReleaseMode.DEPLOY, plan.toJson()), request.actor());
    }

    /**
     * Takes over a release that an approval gate opened and that is {@link ReleaseState#APPROVED}, for the deploy
     * {@code request} describes, instead of recording a second release that would ask the approvers again.
     * Approvals bind to (environment, digest), so the release must be for the request's environment and for the
     * digest registered as the request's artifact version. The promotion rules are checked again as of now (a
     * freeze that began after the approval refuses it, unless the request carries an emergency override; the
     * deployers rule applies to the deploying job), and the gate's decisions must satisfy the approval policy as
     * the request tightens it ({@link #approvalsCover}). The request's plan (checks, verification, job, any
     * freeze override) then replaces the gate's in one ledger transaction. Feed {@link ReleaseEvent.Resumed}
     * next: the machine goes on from APPROVED to the lease and the deploy. A refusal changes nothing.
     *
     * @throws InvalidInputException                               when the release is for another environment,
     *                                                             artifact or digest, or is a rollback
     * @throws IllegalStateException                               when it is not APPROVED, was already taken over,
     *                                                             or its approvals do not meet the request's policy
     * @throws io.releaseledger.promotion.PromotionRefusedException when a promotion rule refuses the deploy now
     */
    Release adopt(long releaseId, DeployRequest request) {
        Release release = ledger.release(releaseId);
        EnvironmentPolicy policy = environments.environment(request.environment());
        Artifact artifact = registered(request.artifactName(), request.version());
        if (release.mode() != ReleaseMode.DEPLOY) {
            throw new InvalidInputException("release", Long.toString(releaseId), "it is a rollback, not an approved deploy");
        }
        if (!release.environment().equals(request.environment())) {
            throw new InvalidInputException("environment", request.environment(), "release " + releaseId
                    + " was approved for " + release.environment() + "; approvals do not carry over to another environment");
        }
        if (!release.artifactName().equals(artifact.name()) || !release.digest().equals(artifact.digest())) {
            throw new InvalidInputException("version", artifact.coordinates(), "release " + releaseId + " approved "
                    + release.coordinates() + " (" + release.digest().shortForm() + "); approvals bind to a digest,"
                    + " so this one needs its own");
        }
        if (release.state() != ReleaseState.APPROVED) {
            throw new IllegalStateException("release " + releaseId + " (" + release.coordinates() + " in "
                    + release.environment() + ") is " + release.state() + ", not APPROVED; only an approved release"
                    + " that has not started deploying can be taken over");
        }
        if (!approvalsCover(release, request)) {
            ApprovalPolicy needed = approvalRequest(release, request).policy();
            throw new IllegalStateException("the approvals of release " + releaseId + " do not meet this deploy's"
                    + " approval settings (" + needed.required() + " from "
                    + (needed.approvers().isEmpty() ? "anyone allowed" : needed.approvers().stream()
                    .map(Approver::spelling).toList()) + "); request the deploy on its own");
        }
        PromotionRequest promotion = PromotionRequest.deploy(policy, artifact.digest().value(),
                ledger.environmentsReached(artifact.digest()), request.job(), clock.instant());
        PromotionClearance clearance = PromotionRules.check(
                request.emergency() == null ? promotion : promotion.withEmergency(request.emergency()));
        ReleasePlan plan = new ReleasePlan(request.verification(), approvalOverride(release, request), request.job(),
                clearance.freezeOverride().orElse(null));
        return ledger.replacePlan(releaseId, ReleaseState.APPROVED, plan.toJson(), request.actor());
    }

    /**
     * Records the deploy {@code request} describes, or takes over the release one of the host's approval gates opened
     * for it ({@link #adopt}), so that its approvers are not asked again: the newest of {@code approvalGates} (release
     * ids, oldest first) that is a deploy of the request's environment, artifact and version, still
     * {@link ReleaseState#APPROVED} (not yet deployed, aborted or taken over), and whose approvals meet the request's
     * approval settings. Otherwise a new release, as {@link #request}. A gate's release missing from the ledger (one
     * replaced since the gate ran) is passed over.
     */
    public Release requestOrTakeOver(DeployRequest request, List<Long> approvalGates) {
        for (int i = approvalGates.size() - 1; i >= 0; i--) {
            Release gate;
            try {
                gate = ledger.release(approvalGates.get(i));
            } catch (NoSuchElementException e) {
                continue;
            }
            if (isTakeOverOf(gate, request)) {
                return adopt(gate.id(), request);
            }
        }
        return request(request);
    }

    private boolean isTakeOverOf(Release r, DeployRequest request) {
        return r.mode() == ReleaseMode.DEPLOY && r.state() == ReleaseState.APPROVED
                && r.environment().equals(request.environment()) && r.artifactName().equals(request.artifactName())
                && r.version().equals(request.version()) && approvalsCover(r, request);
    }

    /**
     * Whether a release, as the ledger holds it now, may still take the environment's lease: one waiting for it is
     * {@link ReleaseState#APPROVED}; one {@code resuming} after a restart is still in flight. Anything else was aborted
     * or interrupted meanwhile, and the host settles it instead.
     */
    static boolean mayTakeLease(Release now, boolean resuming) {
        return resuming ? now.state().isInFlight() : now.state() == ReleaseState.APPROVED;
    }

    /**
     * The state a release is in while {@code phase}'s verification runs ({@code VERIFYING} after a deploy,
     * {@code ROLLING_BACK} for a rollback); a round that finds the release in another state settles it instead.
     */
    static ReleaseState verifying(ReleaseMode phase) {
        return switch (phase) {
            case DEPLOY -> ReleaseState.VERIFYING;
            case ROLLBACK -> ReleaseState.ROLLING_BACK;
        };
    }

    /**
     * Stops a release still in flight: recorded {@code ABORTED} by {@code abortedBy} (a person, or the build that was
     * stopped), which is never retried. Answers what was recorded; empty when the release had already ended.
     */
    Optional<Applied> abort(long releaseId, String abortedBy, String reason, Actor actor) {
        Release now = ledger.release(releaseId);
        return now.state().isInFlight() ? Optional.of(apply(now, new ReleaseEvent.Aborted(abortedBy, reason), actor))
                : Optional.empty();
    }

    /**
     * Its owner lost the environment's lease ({@code reason}): a release still in flight must not go on, and is
     * recorded {@code INTERRUPTED} (unless lease expiry already did). Answers what was recorded; empty when the
     * release had already ended.
     */
    Optional<Applied> ownerLost(long releaseId, String reason, Actor actor) {
        Release now = ledger.release(releaseId);
        return now.state().isInFlight() ? Optional.of(apply(now, new ReleaseEvent.OwnerLost(reason), actor))
                : Optional.empty();
    }

    /**
     * Whether the decisions recorded on {@code release} (approved at a gate) satisfy the environment's approval
     * policy as {@code request} tightens it: a deploy that asks for more approvers than the gate had must not
     * inherit the gate's approval.
     *
     * @throws io.releaseledger.environment.PolicyWeakenedException when the request weakens the policy
     */
    boolean approvalsCover(Release release, DeployRequest request) {
        return approvalRequest(release, request).evaluate(decisions(release), clock.instant())
                instanceof ApprovalStatus.Approved;
    }

    private ApprovalRequest approvalRequest(Release release, DeployRequest request) {
        EnvironmentPolicy policy = environments.environment(release.environment());
        ApprovalOverride asked = request.approval() == null ? ApprovalOverride.none() : request.approval();
        // The wait happened at the gate (under the gate's timeout): only whom and how many apply again.
        ApprovalPolicy stricter = policy.approval().tightenedBy(
                new ApprovalOverride(asked.required(), asked.approvers(), null, asked.allowSelfApproval()));
        return new ApprovalRequest(release.environment(), release.digest().value(), release.initiator(),
                release.requestedAt(), stricter);
    }

    /** The adopted release's approval settings: the deploy's, with the timeout the approvers were given at the gate. */
    private ApprovalOverride approvalOverride(Release release, DeployRequest request) {
        ApprovalOverride asked = request.approval() == null ? ApprovalOverride.none() : request.approval();
        return new ApprovalOverride(asked.required(), asked.approvers(), plan(release).approval().timeout(),
                asked.allowSelfApproval());
    }

    /**
     * Records a manual rollback (mode {@code rollback}) to {@code toVersion}, or to the release live before
     * the current one; allowed during a freeze, needs no approvals. Feed {@link ReleaseEvent.Requested} next.
     *
     * @throws InvalidInputException when there is nothing to roll back to, naming the field
     */
    public Release requestRollback(RollbackRequest request) {
        EnvironmentPolicy policy = environments.environment(request.environment());
        Release target = rollbackTarget(request);
        PromotionRules.check(PromotionRequest.rollback(policy, target.digest().value(),
                ledger.environmentsReached(target.digest()), request.job(), clock.instant()));
        ReleasePlan plan = new ReleasePlan(request.verification(), null, request.job(), null);
        return ledger.requestRelease(new ReleaseRequest(request.environment(), target.artifactName(),
                target.version(), ReleaseMode.ROLLBACK, plan.toJson()), request.actor());
    }

    /**
     * What applying an event gave: the release after its moves, each release as recorded by a move (in
     * order), and the effects to perform, in order.
     */
    record Applied(Release release, List<Release> moved, List<Effect> effects) {
        Applied {
            moved = List.copyOf(moved);
            effects = List.copyOf(effects);
        }
    }

    /**
     * Feeds {@code event} to the machine with the release's circumstances and records each move (one
     * transaction each).
     *
     * @throws IllegalStateException       if the event cannot happen in the release's state (nothing recorded)
     * @throws StaleReleaseStateException  if someone else moved the release meanwhile (re-read it)
     */
    Applied apply(Release release, ReleaseEvent event, Actor actor) {
        return apply(release, event, actor, moved -> { });
    }

    /** {@link #apply(Release, ReleaseEvent, Actor)}, telling {@code recorded} about each move as soon as it is recorded. */
    Applied apply(Release release, ReleaseEvent event, Actor actor, Consumer<Release> recorded) {
        Next next = ReleaseMachine.next(release, event, circumstances(release));
        List<Release> moved = new ArrayList<>();
        Release now = release;
        for (Move m : next.moves()) {
            now = record(now, m, actor);
            moved.add(now);
            recorded.accept(now);
        }
        return new Applied(now, moved, next.effects());
    }

    /** Records one move as one ledger transaction with its event. */
    Release record(Release release, Move move, Actor actor) {
        return ledger.transition(release.id(),
                new Transition(release.state(), move.to(), move.reason(), move.rollbackTarget(), Map.of()), actor);
    }

    /** What the machine needs besides the release and the event, looked up in the policy and the ledger. */
    Circumstances circumstances(Release release) {
        EnvironmentPolicy policy = environments.environment(release.environment());
        boolean approvals = release.mode() == ReleaseMode.DEPLOY && effectiveApproval(release, policy).required() > 0;
        Long knownGood = release.rollbackTargetId() != null ? release.rollbackTargetId()
                : ledger.lastKnownGood(release.environment(), release.id()).map(Release::id).orElse(null);
        boolean rollbackSampled = release.state() == ReleaseState.ROLLING_BACK
                && !ledger.samples(release.id(), ReleaseMode.ROLLBACK).isEmpty();
        // A manual rollback that fails is not rolled back again: a person chose to leave the current release.
        return new Circumstances(approvals, policy.autoRollback() && release.mode() == ReleaseMode.DEPLOY,
                policy.onInconclusive(), knownGood, rollbackSampled);
    }

    /** The plan recorded with the release. */
    ReleasePlan plan(Release release) {
        return ReleasePlan.fromJson(ledger.plan(release.id()).orElseThrow(() -> new IllegalStateException(
                "release " + release.id() + " was not requested through the engine: it has no plan to resume from")));
    }

    /** The environment's approval policy as the release's pipeline tightened it. */
    ApprovalRequest approvalRequest(Release release) {
        EnvironmentPolicy policy = environments.environment(release.environment());
        return new ApprovalRequest(release.environment(), release.digest().value(), release.initiator(),
                release.requestedAt(), effectiveApproval(release, policy));
    }

    /** The decisions recorded on a release, as the approval rules read them. */
    List<ApprovalDecision> decisions(Release release) {
        return ledger.approvals(release.id()).stream()
                .map(a -> new ApprovalDecision(a.environment(), a.digest().value(), a.approver(), a.groups(),
                        a.decision(), a.decidedAt(), a.comment()))
                .toList();
    }

    /** The approval status of a release, as of now. */
    ApprovalStatus approvalStatus(Release release) {
        return approvalRequest(release).evaluate(decisions(release), clock.instant());
    }

    /**
     * The event a settled approval status leads to ({@code Approved}, {@code Rejected},
     * {@code ApprovalTimedOut}); empty while it is still pending.
     */
    static Optional<ReleaseEvent> approvalEvent(ApprovalStatus status) {
        if (status instanceof ApprovalStatus.Approved approved) {
            return Optional.of(new ReleaseEvent.Approved(String.join(", ", approved.approvedBy())));
        } else if (status instanceof ApprovalStatus.Rejected rejected) {
            return Optional.of(new ReleaseEvent.Rejected(rejected.rejectedBy(), rejected.comment()));
        } else if (status instanceof ApprovalStatus.TimedOut timedOut) {
            return Optional.of(new ReleaseEvent.ApprovalTimedOut(timedOut.describe()));
        }
        return Optional.empty();
    }

    /** What a {@link Effect.RunDeploy} asks the body to deploy: the release's artifact, or the known-good one's. */
    Deployment deployment(Release release, Effect.RunDeploy run) {
        Release source = run.artifactOf() == release.id() ? release : ledger.release(run.artifactOf());
        return new Deployment(release.environment(), release.id(), run.mode(),
                registered(source.artifactName(), source.version()), ledger.leaseToken(release.id()).orElse(null));
    }

    /** The outcome of a deploy body as the event to feed back. */
    static ReleaseEvent deployOutcome(Throwable failure) {
        if (failure == null) {
            return new ReleaseEvent.DeploySucceeded();
        }
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return new ReleaseEvent.DeployFailed(message);
    }

    /**
     * Where a verification of {@code phase} stands, from the samples the ledger holds. With no checks in the
     * plan it has concluded HEALTHY at once: the body's success is the only evidence.
     *
     * @param startIfUnsampled when the verification started, used while no sample is recorded (afterwards the
     *                         start is derived from the first sample, so a restarted host keeps the schedule)
     */
    VerificationProgress verification(Release release, ReleaseMode phase, Instant startIfUnsampled) {
        VerificationPlan plan = plan(release).verification();
        if (plan.checks().isEmpty()) {
            return new VerificationProgress(plan, List.of(), startIfUnsampled, 0,
                    null, new Verification.Concluded(Verdict.HEALTHY,
                    "no health checks are configured: the deploy body's success is the only evidence", startIfUnsampled));
        }
        List<HealthSample> recorded = ledger.samples(release.id(), phase);
        // A resumed verification keeps its original clock: the first round was due at start + initial delay.
        Instant start = recorded.isEmpty() ? startIfUnsampled
                : recorded.get(0).takenAt().minus(plan.policy().initialDelay());
        List<HealthCheck> checks = Verifier.effectiveChecks(plan.policy(), plan.checks());
        Verification v = Verification.replay(plan.policy(), start,
                Verification.Step.fromSamples(recorded, checks.size()));
        int round = recorded.stream().mapToInt(HealthSample::round).max().orElse(0);
        return new VerificationProgress(plan, checks, start, round, v, v.decision());
    }

    /**
     * Where a verification stands: the plan, the checks as probed, its start, the last round number
     * recorded, the evaluator state (absent without checks) and its decision.
     */
    record VerificationProgress(VerificationPlan plan, List<HealthCheck> checks, Instant start, int lastRound,
                                       Verification state, Verification.Decision decision) {
        VerificationProgress {
            checks = List.copyOf(checks);
            Objects.requireNonNull(decision, "decision");
        }

        /** When the next round is due, or empty once concluded. */
        Optional<Instant> nextRoundAt() {
            return decision instanceof Verification.Continue c ? Optional.of(c.nextProbeAt()) : Optional.empty();
        }
    }

    /**
     * Takes the next round of a verification now, records each sample in the ledger as it is taken, and
     * says what the evaluator decided. When the maximum duration has already passed, concludes
     * INCONCLUSIVE without probing. Feed the result as {@link ReleaseEvent.HealthSampled}.
     *
     * @param sampleTaken told about each sample after it was recorded (e.g. to log it); may be {@code null}
     * @throws IllegalStateException when the verification has already concluded
     */
    Verification.Decision takeRound(Release release, ReleaseMode phase, Instant startIfUnsampled,
                                           HealthProbeRunner runner, Actor actor, Consumer<HealthSample> sampleTaken)
            throws InterruptedException {
        VerificationProgress progress = verification(release, phase, startIfUnsampled);
        if (!(progress.decision() instanceof Verification.Continue)) {
            throw new IllegalStateException("the " + phase.environmentValue() + " verification of release "
                    + release.id() + " already concluded: " + progress.decision());
        }
        Verification v = progress.state().expire(clock.instant());
        if (!(v.decision() instanceof Verification.Continue)) {
            return v.decision();
        }
        Verifier verifier = new Verifier(masked(runner), clock, at -> { });
        Verification.Step step = verifier.round(progress.checks(), progress.lastRound() + 1, sample -> {
            ledger.recordSample(release.id(), new SampleRecord(phase, sample), actor);
            if (sampleTaken != null) {
                sampleTaken.accept(sample);
            }
        });
        return v.record(step).decision();
    }

    /**
     * What a {@link Effect.Notify} tells people about {@code release}, its message masked, stamped now. No link: the
     * host's notifier links the release's page when it knows its own address.
     */
    Notification notification(Effect.Notify notify, Release release) {
        return new Notification(notify.kind(), release.environment(), release.id(), release.artifactName(),
                release.version(), release.digest().value(), mask.mask(notify.message()), Optional.empty(),
                clock.instant());
    }

    /** The registered artifact, or an error saying to register it first. */
    Artifact registered(String name, String version) {
        return ledger.artifact(name, version).orElseThrow(() -> new InvalidInputException("artifact",
                name + " " + version, "it is not registered; register it first (registerArtifact,"
                        + " or release-ledger register)"));
    }

    /** The release a manual rollback redeploys. */
    public Release rollbackTarget(RollbackRequest request) {
        Optional<Release> live = ledger.dashboard().stream()
                .filter(e -> e.name().equals(request.environment()))
                .findFirst()
                .map(e -> e.live());
        if (request.toVersion() != null) {
            String artifact = live.map(Release::artifactName).orElseGet(() -> ledger.history(request.environment(), null, 1)
                    .releases().stream().findFirst().map(Release::artifactName).orElse(null));
            if (artifact == null) {
                throw new InvalidInputException("to", request.toVersion(),
                        "nothing was ever deployed to " + request.environment() + ", so there is nothing to roll back");
            }
            return ledger.onceLive(request.environment(), artifact, request.toVersion())
                    .orElseThrow(() -> new InvalidInputException("to", request.toVersion(), artifact + " "
                            + request.toVersion() + " was never live in " + request.environment()
                            + "; name a version that was (see the environment's history)"));
        }
        return ledger.lastKnownGood(request.environment(), live.map(Release::id).orElse(null))
                .orElseThrow(() -> new InvalidInputException("environment", request.environment(),
                        "there is no earlier known-good release to roll back to"
                                + live.map(r -> " (only " + r.coordinates() + " was ever live)").orElse("")));
    }

    private ApprovalPolicy effectiveApproval(Release release, EnvironmentPolicy policy) {
        return policy.approval().tightenedBy(plan(release).approval());
    }
}
