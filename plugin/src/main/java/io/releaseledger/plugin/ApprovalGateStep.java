package io.releaseledger.plugin;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.AbortException;
import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.releaseledger.InvalidInputException;
import io.releaseledger.approval.ApprovalStatus;
import io.releaseledger.approval.Decision;
import io.releaseledger.engine.DeployRequest;
import io.releaseledger.engine.ReleaseEngine;
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
import io.releaseledger.release.ReleaseState;
import io.releaseledger.secrets.SecretMask;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code approvalGate environment: 'production', artifact: 'payments-api', version: env.VERSION}: records a
 * release request for that version in that environment (the promotion rules must let it in) and waits, holding
 * no thread and, outside {@code node}, no executor, until the environment's approvers have approved it, one of
 * them rejected it, or it timed out. Returns {@code [releaseId, state, approvedBy, environment, artifact,
 * version]} when approved; fails the build otherwise. The approved release stays {@code APPROVED} in the ledger
 * and is listed on the build as a gate's, so the {@code deployRelease} that follows in this build for the same
 * environment, artifact and version continues it rather than asking the approvers again.
 */
public final class ApprovalGateStep extends Step {
    /** How often the ledger is read while waiting; decisions made on the Releases page also settle it at once. */
    static final long POLL_SECONDS = 5;

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
            throw new AbortException("approvalGate: give environment:, artifact: and version:");
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
    static Release open(ReleaseEngine engine, DeployRequest request) throws AbortException {
        try {
            return engine.requestApproval(request);
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

        record Ended(String reason) implements Outcome {}
    }

    static Outcome poll(ReleaseEngine engine, Ledger ledger, long releaseId, Actor actor) {
        Release release = engine.settleApproval(releaseId, actor);
        if (release.state() == ReleaseState.AWAITING_APPROVAL) {
            return new Outcome.Waiting(engine.approvalStatus(releaseId).describe());
        }
        if (release.state() == ReleaseState.APPROVED) return new Outcome.Approved(result(release, ledger));
        return new Outcome.Ended("approvalGate: release " + releaseId + " of " + release.artifactName() + " "
                + release.version() + " to " + release.environment() + " ended " + release.state()
                + (release.reason() == null ? "" : ": " + release.reason()));
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
     * hands a look at the ledger to {@link StepHost#blockingWork()} (never run on the timer's own threads), which
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
            StepHost.get().blockingWork().execute(this::begin);
            return false;
        }

        private synchronized void begin() {
            if (stopped) return; // the stop reports the step's end
            StepContext context = getContext();
            try {
                StepHost host = StepHost.get();
                TaskListener listener = context.get(TaskListener.class);
                EnvironmentConfig environments = host.environments();
                ReleaseStatusStep.checkConfigured(environments, step.getEnvironment(), "approvalGate");
                RollbackRequestAction rollback = host.rollbackRequest(context);
                if (rollback != null && rollback.getEnvironment().equals(step.getEnvironment())) {
                    // This build deploys the page's known-good release, not the pipeline's version: nothing to ask.
                    listener.getLogger().println("Release Ledger: this build was scheduled from the Releases page: "
                            + rollback + ". A rollback to a release once live there needs no approval: this gate"
                            + " records no request and passes.");
                    context.onSuccess(rollbackResult(rollback));
                    return;
                }
                Ledger ledger = host.ledger();
                // The request is announced (approval.requested) to the configured webhooks; no body, no secrets to mask.
                ReleaseEngine engine = PluginEngine.forDecisions(ledger, environments, host.notifier(SecretMask.none()));
                BuildOrigin origin = host.origin(context);
                Release release = open(engine, step.request(origin.job(), initiator(host.startedBy(context), origin)));
                releaseId = release.id();
                host.recordApprovalGate(context, releaseId, step.getMessage());
                String link = ReleasesBuildAction.releaseUrl(host.rootUrl(), releaseId)
                        .orElse("/" + ReleasesBuildAction.releasePath(releaseId));
                if (step.getMessage() != null) listener.getLogger().println(step.getMessage());
                if (release.state() == ReleaseState.APPROVED) {
                    listener.getLogger().println("Release Ledger: release " + releaseId + " (" + release.coordinates()
                            + " to " + release.environment() + ") needs no approval: " + link);
                    context.onSuccess(result(release, ledger));
                    return;
                }
                ApprovalStatus status = engine.approvalStatus(releaseId);
                if (status instanceof ApprovalStatus.Pending pending) deadline = pending.deadline().toEpochMilli();
                listener.getLogger().println("Release Ledger: release " + releaseId + " (" + release.coordinates()
                        + " to " + release.environment() + ") is " + status.describe());
                listener.getLogger().println("Release Ledger: approve or reject it at " + link);
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
                getContext().onFailure(new AbortException("approvalGate: Jenkins restarted before the request was"
                        + " recorded; nothing was asked: run the build again"));
                return;
            }
            schedule(0);
        }

        private void schedule(long delaySeconds) {
            if (stopped) return;
            StepHost host = StepHost.get();
            task = host.scheduler().schedule(() -> StepHost.get().blockingWork().execute(this::check), delaySeconds,
                    TimeUnit.SECONDS);
        }

        private void check() {
            if (stopped) return;
            StepContext context = getContext();
            try {
                StepHost host = StepHost.get();
                Ledger ledger = host.ledger();
                ReleaseEngine engine = PluginEngine.forDecisions(ledger, host.environments());
                String root = host.rootUrl();
                Outcome outcome = poll(engine, ledger, releaseId, Actor.system(root == null ? "jenkins" : root));
                if (stopped) return; // the stop reports the step's end
                if (outcome instanceof Outcome.Waiting waiting) {
                    if (!waiting.status().equals(shown)) {
                        shown = waiting.status();
                        log("Release Ledger: release " + releaseId + " is " + waiting.status());
                    }
                    schedule(POLL_SECONDS);
                } else if (outcome instanceof Outcome.Approved approved) {
                    log("Release Ledger: release " + releaseId + " approved by " + approved.result().get("approvedBy"));
                    context.onSuccess(approved.result());
                } else {
                    context.onFailure(new AbortException(((Outcome.Ended) outcome).reason()));
                }
            } catch (RuntimeException e) {
                // The ledger may be unreachable for a while: say so once, keep waiting; the gate never passes by default.
                String line = "Release Ledger: cannot read release " + releaseId + " (" + e.getMessage() + "); trying again";
                if (!line.equals(shown)) {
                    shown = line;
                    log(line);
                }
                schedule(POLL_SECONDS);
            }
        }

        private void log(String line) {
            try {
                getContext().get(TaskListener.class).getLogger().println(line);
            } catch (IOException | InterruptedException | RuntimeException e) {
                // The log is gone (build being torn down); the ledger has the record.
            }
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
            try {
                StepHost.get().blockingWork().execute(() -> abort(cause));
            } catch (RejectedExecutionException e) {
                abort(cause); // the pool is gone (Jenkins is stopping): late is better than never
            }
        }

        /** Synchronized with {@link #begin}: a stop during the request aborts the request once it is recorded. */
        private synchronized void abort(Throwable cause) {
            try {
                if (releaseId > 0) {
                    StepHost host = StepHost.get();
                    Ledger ledger = host.ledger();
                    if (ledger.release(releaseId).state().isInFlight()) {
                        PluginEngine.forDecisions(ledger, host.environments())
                                .abort(releaseId, Actor.system("jenkins"), "the build was stopped: " + cause);
                    }
                }
            } catch (RuntimeException e) {
                log("Release Ledger: could not record the abort of release " + releaseId + ": " + e.getMessage());
            } finally {
                getContext().onFailure(cause);
            }
        }

        @Override
        public String getStatus() {
            return "waiting for approval of release " + releaseId
                    + (deadline > 0 ? " until " + Instant.ofEpochMilli(deadline) : "");
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
            return "Wait for approval to release a version into a Release Ledger environment";
        }

        /** No workspace and no executor: use it outside {@code node} while people decide. */
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }
    }
}
