package io.releaseledger.plugin;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.AbortException;
import hudson.Extension;
import hudson.console.HyperlinkNote;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.releaseledger.Durations;
import io.releaseledger.InvalidInputException;
import io.releaseledger.approval.ApprovalStatus;
import io.releaseledger.approval.Decision;
import io.releaseledger.engine.DeployRequest;
import io.releaseledger.environment.ApprovalOverride;
import io.releaseledger.environment.EnvironmentConfig;
import io.releaseledger.environment.PolicyDurations;
import io.releaseledger.health.VerificationPlan;
import io.releaseledger.health.VerificationPolicy;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.Approval;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.promotion.PromotionRefusedException;
import io.releaseledger.release.Release;
import io.releaseledger.engine.ReleaseApprovals;
import io.releaseledger.release.ReleaseState;
import io.releaseledger.secrets.SecretMask;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.support.actions.PauseAction;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code approvalGate environment: 'production', artifact: 'payments-api', version: env.VERSION}: records a
 * release request for that version in that environment (the promotion rules must let it in) and waits, holding
 * no thread and, outside {@code node}, no executor, until the environment's approvers have approved it, one of
 * them rejected it, or it timed out. While it waits its node carries a {@link PauseAction} (Stage View and Pipeline
 * Graph View show the build waiting, as for {@code input}) and the log links to the release's page on the Releases
 * page. Returns {@code [releaseId, state, approvedBy, environment, artifact, version]} when approved; a rejection or
 * a timeout ends the build {@code ABORTED} with an {@link ApprovalRejection} or {@link ApprovalTimeout}, as the input
 * step's rejection and the {@code timeout} step do. The approved release stays {@code APPROVED} in the ledger
 * and is listed on the build as a gate's, so the {@code deployRelease} that follows in this build for the same
 * environment, artifact and version continues it rather than asking the approvers again.
 */
public final class ApprovalGateStep extends Step {
    /** How often the ledger is read while waiting; decisions made on the Releases page also settle it at once. */
    static final long POLL_SECONDS = 5;
    /** The {@link PauseAction}'s cause (the input step's is {@code Input}). */
    static final String PAUSE_CAUSE = "Approval";
    private static final Logger LOGGER = Logger.getLogger(ApprovalGateStep.class.getName());

    private final String environment;
    private final String artifact;
    private final String version;
    private String message;
    private String timeout;

    @DataBoundConstructor
    public ApprovalGateStep(String environment, String artifact, String version) {
        this.environment = Validation.trimToNull(environment);
        this.artifact = Validation.trimToNull(artifact);
        this.version = Validation.trimToNull(version);
    }

    public String getEnvironment() {
        return environment;
    }

    public String getArtifact() {
        return artifact;
    }

    public String getVersion() {
        return version;
    }

    public String getMessage() {
        return message;
    }

    /** Shown in the log and on the build's page with the request, e.g. "Ship 1.4.2 after the freeze?". */
    @DataBoundSetter
    public void setMessage(String message) {
        this.message = Validation.trimToNull(message);
    }

    public String getTimeout() {
        return timeout;
    }

    /** How long to wait, e.g. {@code 4h}; may only shorten the environment's approval timeout. */
    @DataBoundSetter
    public void setTimeout(String timeout) {
        this.timeout = Validation.trimToNull(timeout);
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new Execution(this, context);
    }

    // --- the mapping onto core, tested without Jenkins ---

    /**
     * The request core records: this version into this environment, by {@code initiator}, from {@code job}. The
     * gate verifies nothing itself, so its plan has no checks; {@code timeout} tightens the approval policy.
     *
     * @throws AbortException when a parameter is missing or the timeout is not a duration
     */
    DeployRequest request(String job, Actor initiator) throws AbortException {
        if (environment == null || artifact == null || version == null) {
            throw new AbortException(Messages.ApprovalGateStep_ParametersMissing());
        }
        ApprovalOverride approval = null;
        if (timeout != null) {
            try {
                Duration wait = PolicyDurations.parse("timeout", timeout);
                approval = ApprovalOverride.none().withTimeout(wait);
            } catch (InvalidInputException e) {
                throw new AbortException("approvalGate: " + e.getMessage());
            }
        }
        return new DeployRequest(environment, artifact, version, initiator, job,
                new VerificationPlan(List.of(), VerificationPolicy.DEFAULTS), approval, null);
    }

    /**
     * Records the request, or refuses it with one line the pipeline author can act on (unknown environment,
     * unregistered version, promotion rules, a timeout longer than the policy's).
     */
    static Release open(ReleaseApprovals approvals, DeployRequest request) throws AbortException {
        try {
            return approvals.request(request);
        } catch (PromotionRefusedException | InvalidInputException e) {
            throw new AbortException("approvalGate: " + e.getMessage());
        }
    }

    /** Who asked: the user who started the build (so they cannot approve it themselves), else the build. */
    static Actor initiator(String userId, BuildOrigin origin) {
        return new Actor(userId != null ? userId : origin.buildId(), origin.buildUrl() != null ? origin.buildUrl() : origin.buildId());
    }

    /** Where the gate stands after one look at the ledger. */
    sealed interface Outcome {
        record Waiting(String status) implements Outcome {}

        record Approved(Map<String, Object> result) implements Outcome {}

        /** An approver rejected it: the build ends {@code ABORTED}, naming them. */
        record Rejected(ApprovalRejection cause) implements Outcome {}

        /** Nobody decided in time: the build ends {@code ABORTED}, saying how long it waited. */
        record TimedOut(ApprovalTimeout cause) implements Outcome {}

        /** It ended otherwise (aborted in the ledger, its owner lost): the build fails with the ledger's reason. */
        record Ended(String reason) implements Outcome {}
    }

    /**
     * Looks at the release once: core records how the request ended (its rules: enough approvals, a rejection, the
     * deadline) and says who rejected it or how long it waited; this maps that onto what the build sees.
     */
    static Outcome poll(ReleaseApprovals approvals, Ledger ledger, long releaseId, Actor actor) {
        Release release = approvals.settle(releaseId, actor);
        if (release.state() == ReleaseState.AWAITING_APPROVAL) {
            return new Outcome.Waiting(approvals.status(releaseId).describe());
        }
        if (release.state() == ReleaseState.APPROVED) return new Outcome.Approved(result(release, ledger));
        String what = release.coordinates() + " to " + release.environment();
        if (release.state() == ReleaseState.REJECTED) {
            // The rejection as the ledger recorded it (not re-evaluated under today's approvers).
            List<Approval> rejections = ledger.approvals(releaseId).stream()
                    .filter(a -> a.decision() == Decision.REJECT).toList();
            if (!rejections.isEmpty()) {
                Approval rejected = rejections.get(rejections.size() - 1);
                return new Outcome.Rejected(new ApprovalRejection(releaseId, what, rejected.approver(),
                        rejected.comment(), rejected.decidedAt().toEpochMilli()));
            }
        }
        if (release.state() == ReleaseState.APPROVAL_TIMED_OUT) {
            ApprovalStatus status;
            try {
                status = approvals.status(releaseId);
            } catch (RuntimeException e) {
                status = null; // e.g. the environment's approvers changed since: the ledger's reason still says it
            }
            if (status instanceof ApprovalStatus.TimedOut timedOut) {
                return new Outcome.TimedOut(new ApprovalTimeout(releaseId, what, Durations.format(timedOut.timeout()),
                        timedOut.deadline().toEpochMilli()));
            }
        }
        return new Outcome.Ended(release.reason() == null
                ? Messages.ApprovalGateStep_Ended(Long.toString(releaseId), release.artifactName(), release.version(), release.environment(), release.state())
                : Messages.ApprovalGateStep_EndedBecause(Long.toString(releaseId), release.artifactName(), release.version(), release.environment(), release.state(), release.reason()));
    }

    /**
     * How a settled request that did not pass ends the step: a rejection as the input step's ({@code ABORTED}, an
     * actual interruption: {@code retry} does not ask again), a timeout as the {@code timeout} step's own
     * ({@code ABORTED}, not an actual interruption: {@code retry} asks again, {@code catchError(catchInterruptions:
     * false)} catches it), anything else as a failure with the ledger's reason.
     */
    static Exception failure(Outcome outcome) {
        if (outcome instanceof Outcome.Rejected rejected) {
            return new FlowInterruptedException(Result.ABORTED, true, rejected.cause());
        }
        if (outcome instanceof Outcome.TimedOut timedOut) {
            return new FlowInterruptedException(Result.ABORTED, false, timedOut.cause());
        }
        if (outcome instanceof Outcome.Ended ended) return new AbortException(ended.reason());
        throw new IllegalArgumentException("not an ending: " + outcome);
    }

    /**
     * The gate's value in a build the Releases page scheduled to roll its environment back: no request was recorded
     * ({@code releaseId} null), {@code state} ROLLBACK, and the version the build goes back to.
     */
    static Map<String, Object> rollbackResult(RollbackRequestAction rollback) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("releaseId", null);
        result.put("state", "ROLLBACK");
        result.put("approvedBy", List.of());
        result.put("environment", rollback.getEnvironment());
        result.put("artifact", rollback.getArtifact());
        result.put("version", rollback.getVersion());
        return result;
    }

    static Map<String, Object> result(Release release, Ledger ledger) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("releaseId", release.id());
        result.put("state", release.state().name());
        result.put("approvedBy", ledger.approvals(release.id()).stream()
                .filter(a -> a.decision() == Decision.APPROVE).map(Approval::approver).toList());
        result.put("environment", release.environment());
        result.put("artifact", release.artifactName());
        result.put("version", release.version());
        return result;
    }

    /**
     * Asynchronous: {@link #start} records the request and returns; every {@link #POLL_SECONDS} seconds a timer
     * hands a look at the ledger to {@link PluginRuntime#blockingWork()} (never run on the timer's own threads), which
     * ends the step once the request is decided. Its durable state is the release id and the deadline only, so after a
     * controller restart {@link #onResume} simply starts polling again: approvals given while Jenkins was down count,
     * and a deadline that passed meanwhile ends it as timed out. {@link #stop} returns at once and aborts the request
     * on the pool for blocking work. Once the request is recorded it asks Pipeline to write the program
     * ({@link StepContext#saveState()}): the id must survive a crash too. Public, as Pipeline writes it with JBoss
     * Marshalling River.
     */
    public static final class Execution extends StepExecution {
        private static final long serialVersionUID = 1L;
        private final transient ApprovalGateStep step;
        // Written on the pool for blocking work, read by the polls and by getStatus on Jenkins' web threads.
        private volatile long releaseId;
        private volatile long deadline;
        private transient volatile ScheduledFuture<?> task;
        @SuppressFBWarnings(value = "SE_TRANSIENT_FIELD_NOT_RESTORED",
                justification = "only the status line last logged, so a poll logs a change once; after a restart the"
                        + " first poll logs the status again, which is wanted")
        private transient volatile String shown;
        @SuppressFBWarnings(value = "SE_TRANSIENT_FIELD_NOT_RESTORED",
                justification = "whether this life of the controller marked the node paused; after a restart the first"
                        + " poll that finds the request waiting checks the node again, which is wanted")
        private transient volatile boolean paused;
        /** Set by {@link #stop}: a look at the ledger already under way neither ends the step nor polls again. */
        private transient volatile boolean stopped;

        Execution(ApprovalGateStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        /** The execution of a request already recorded, as a controller restart brings it back. */
        Execution(long releaseId, StepContext context) {
            super(context);
            this.step = null;
            this.releaseId = releaseId;
        }

        /**
         * Returns at once: {@code start} runs on the Pipeline's CPS thread, which must not wait for the ledger, so the
         * checks and the request are made on the pool for blocking work ({@link #begin}).
         */
        @Override
        public boolean start() {
            PluginRuntime.get().blockingWork().execute(this::begin);
            return false;
        }

        private synchronized void begin() {
            if (stopped) return; // the stop reports the step's end
            StepContext context = getContext();
            try {
                PluginRuntime host = PluginRuntime.get();
                TaskListener listener = context.get(TaskListener.class);
                EnvironmentConfig environments = host.environments();
                ReleaseStatusStep.checkConfigured(environments, step.getEnvironment(), "approvalGate");
                RollbackRequestAction rollback = host.rollbackRequest(context);
                if (rollback != null && rollback.getEnvironment().equals(step.getEnvironment())) {
                    // This build deploys the page's known-good release, not the pipeline's version: nothing to ask.
                    log(Messages.ApprovalGateStep_RollbackPasses(rollback));
                    context.onSuccess(rollbackResult(rollback));
                    return;
                }
                Ledger ledger = host.ledger();
                // The request is announced (approval.requested) to the configured webhooks; no body, no secrets to mask.
                ReleaseApprovals approvals = PluginApprovals.of(ledger, environments, host.notifier(SecretMask.none()));
                BuildOrigin origin = host.origin(context);
                Release release = open(approvals, step.request(origin.job(), initiator(host.startedBy(context), origin)));
                releaseId = release.id();
                host.recordApprovalGate(context, releaseId, step.getMessage());
                String link = ReleasesBuildAction.releaseUrl(host.rootUrl(), releaseId)
                        .orElse("/" + ReleasesBuildAction.releasePath(releaseId));
                if (step.getMessage() != null) listener.getLogger().println(step.getMessage());
                if (release.state() == ReleaseState.APPROVED) {
                    log(Messages.ApprovalGateStep_NoApprovalNeeded(Long.toString(releaseId), release.coordinates(), release.environment(), link));
                    context.onSuccess(result(release, ledger));
                    return;
                }
                ApprovalStatus status = approvals.status(releaseId);
                if (status instanceof ApprovalStatus.Pending pending) deadline = pending.deadline().toEpochMilli();
                pause();
                log(Messages.ApprovalGateStep_Waiting(Long.toString(releaseId), release.coordinates(), release.environment(), status.describe()));
                // The link works where the log is read (Jenkins' context path), the text shows the address in full.
                log(Messages.ApprovalGateStep_DecideAt(
                        HyperlinkNote.encodeTo("/" + ReleasesBuildAction.releasePath(releaseId), link)));
                shown = status.describe();
                context.saveState(); // the id and the deadline must survive a crash too, not only a safe restart
                schedule(POLL_SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                context.onFailure(e);
            } catch (IOException | RuntimeException e) {
                context.onFailure(e);
            }
        }

        @Override
        public void onResume() {
            if (releaseId == 0) {
                // Stopped between start and the request: the step (its parameters) is gone, and nothing was asked.
                getContext().onFailure(new AbortException(Messages.ApprovalGateStep_RestartedBeforeRequest()));
                return;
            }
            schedule(0);
        }

        private void schedule(long delaySeconds) {
            if (stopped) return;
            PluginRuntime host = PluginRuntime.get();
            task = host.scheduler().schedule(() -> PluginRuntime.get().blockingWork().execute(this::check), delaySeconds,
                    TimeUnit.SECONDS);
        }

        private void check() {
            if (stopped) return;
            StepContext context = getContext();
            try {
                PluginRuntime host = PluginRuntime.get();
                Ledger ledger = host.ledger();
                ReleaseApprovals approvals = PluginApprovals.of(ledger, host.environments());
                String root = host.rootUrl();
                Outcome outcome = poll(approvals, ledger, releaseId, Actor.system(root == null ? "jenkins" : root));
                if (stopped) return; // the stop reports the step's end
                if (outcome instanceof Outcome.Waiting waiting) {
                    if (!paused) pause(); // the first look after a restart: paused, whatever the node had saved
                    if (!waiting.status().equals(shown)) {
                        shown = waiting.status();
                        log(Messages.ApprovalGateStep_StatusChanged(Long.toString(releaseId), waiting.status()));
                    }
                    schedule(POLL_SECONDS);
                } else if (outcome instanceof Outcome.Approved approved) {
                    log(Messages.ApprovalGateStep_Approved(Long.toString(releaseId), approved.result().get("approvedBy")));
                    endPause();
                    context.onSuccess(approved.result());
                } else {
                    endPause();
                    context.onFailure(failure(outcome));
                }
            } catch (RuntimeException e) {
                // The ledger may be unreachable for a while: say so once, keep waiting; the gate never passes by default.
                String line = Messages.ApprovalGateStep_Unreadable(Long.toString(releaseId), e.getMessage());
                if (!line.equals(shown)) {
                    shown = line;
                    log(line);
                }
                schedule(POLL_SECONDS);
            }
        }

        /** The gate's lines name releases, people and states: nothing to mask. */
        private void log(String line) {
            StepLog.println(getContext(), SecretMask.none(), line);
        }

        /**
         * The build was stopped: the request is aborted in the ledger (never retried), then the step fails. Returns at
         * once (Pipeline may call it on the CPS thread, which must not wait for the ledger); the abort runs on the pool
         * for blocking work.
         */
        @Override
        public void stop(Throwable cause) {
            stopped = true;
            ScheduledFuture<?> current = task;
            if (current != null) current.cancel(false);
            PluginRuntime.get().runBlocking(() -> abort(cause)); // inline if the pool is gone: late is better than never
        }

        /** Synchronized with {@link #begin}: a stop during the request aborts the request once it is recorded. */
        private synchronized void abort(Throwable cause) {
            try {
                if (releaseId > 0) {
                    PluginRuntime host = PluginRuntime.get();
                    Actor jenkins = Actor.system("jenkins");
                    PluginApprovals.of(host.ledger(), host.environments()).abort(releaseId, jenkins.name(), "the build was stopped: " + cause, jenkins);
                }
            } catch (RuntimeException e) {
                log(Messages.ApprovalGateStep_AbortNotRecorded(Long.toString(releaseId), e.getMessage()));
            } finally {
                endPause();
                getContext().onFailure(cause);
            }
        }

        /** Marks the step's node as waiting (Stage View, Pipeline Graph View), unless it already is. */
        private void pause() {
            try {
                FlowNode node = getContext().get(FlowNode.class);
                if (node != null && !PauseAction.isPaused(node)) node.addAction(new PauseAction(PAUSE_CAUSE));
                paused = true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException | RuntimeException e) {
                LOGGER.log(Level.WARNING, "could not mark approvalGate of release " + releaseId + " as paused", e);
            }
        }

        /** Ends the node's pause, before the step reports its outcome (as the input step's postSettlement does). */
        private void endPause() {
            try {
                FlowNode node = getContext().get(FlowNode.class);
                if (node != null) PauseAction.endCurrentPause(node);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException | RuntimeException e) {
                LOGGER.log(Level.WARNING, "could not end the pause of approvalGate of release " + releaseId, e);
            }
        }

        @Override
        public String getStatus() {
            return deadline > 0 ? Messages.ApprovalGateStep_StatusUntil(Long.toString(releaseId), Instant.ofEpochMilli(deadline))
                    : Messages.ApprovalGateStep_Status(Long.toString(releaseId));
        }

        long releaseId() {
            return releaseId;
        }
    }

    @Extension
    @Symbol("approvalGate")
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "approvalGate";
        }

        @Override
        public String getDisplayName() {
            return Messages.ApprovalGateStep_DisplayName();
        }

        /** No workspace and no executor: use it outside {@code node} while people decide. */
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }
    }
}
