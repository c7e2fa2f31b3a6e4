package io.releaseledger.plugin;

import hudson.AbortException;
import io.releaseledger.engine.Deployment;
import io.releaseledger.engine.ReleaseRun;
import io.releaseledger.engine.ReleaseRules;
import io.releaseledger.engine.RunHost;
import io.releaseledger.environment.CredentialBinding;
import io.releaseledger.health.HealthProbeRunner;
import io.releaseledger.ledger.Actor;
import io.releaseledger.ledger.LeaseOwner;
import io.releaseledger.notify.Notification;
import io.releaseledger.release.Release;
import io.releaseledger.release.ReleaseMode;
import io.releaseledger.release.ReleaseState;
import io.releaseledger.secrets.SecretMask;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * {@code ReleaseMachine} through {@link ReleaseRules}, performing each effect without ever blocking a thread on a
 * wait — approvals, a busy lease and verification rounds are timers on the shared scheduler, the deploy body is
 * the step's block (invoked again, with the known-good artifact and {@code RELEASE_MODE=rollback}, for an
 * automatic rollback), and each outcome is fed back as the machine's next event.
 *
 * <p>Threads: the scheduler ({@code jenkins.util.Timer}) only keeps time; when a timer fires, its work (ledger
 * transactions, a probe round) runs on {@link PluginRuntime#blockingWork()}. A probe round holds the execution's monitor
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
        Release request(ReleaseRules rules, BuildOrigin origin, RollbackRequestAction pageRollback,
                        List<Long> approvalGates);
    }

    private final String stepName;
    private final transient Request request;
    // What River keeps of the run (ReleaseRun.Checkpoint), as plain fields, named as 0.1.0 saved them.
    private volatile long releaseId = -1;
    private volatile String environment;
    private volatile String coordinates;
    /** When the current phase's verification started (epoch ms; 0 before it did). */
    private long verificationStartMs;
    private String verificationPhase;
    /** Set while Pipeline runs the block; cleared as soon as its callback comes (see {@link #bodyEnded}). */
    private volatile boolean bodyRunning;
    private int roundsTaken;
    private volatile String status = "starting";
    private volatile boolean done;
    /**
     * The secrets bound to the last body, as it got them: kept in the program (encrypted, as the body's own
     * {@link BodyBindings.Variables}), so that after a restart what the step logs and records is still masked with them
     * rather than with values rotated since.
     */
    private List<hudson.util.Secret> bodySecrets;

    /** What was last written with the program on purpose ({@link #saveState}); unchanged, it is not written again. */
    private transient ReleaseRun.Checkpoint written;
    /** Core's run of the release; made anew from the fields above when the program is read back. */
    private transient volatile ReleaseRun run;
    private transient BuildOrigin origin;
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
     * request (checks and two short ledger transactions) happens on the pool for blocking work. A refusal then fails
     * the step with its one line, before anything is recorded.
     */
    @Override
    public boolean start() {
        PluginRuntime.get().runBlocking(this::begin);
        return false;
    }

    private void begin() {
        if (done) return; // stopped before it began: nothing is recorded
        Release release;
        try {
            PluginRuntime host = PluginRuntime.get();
            BuildOrigin o = origin();
            checkBindings(host);
            RollbackRequestAction asked = host.rollbackRequest(getContext());
            if (asked != null && !asked.getEnvironment().equals(environment)) asked = null;
            if (asked != null) log(Messages.ReleaseStepExecution_ScheduledFromPage(asked));
            List<Long> gates = asked == null ? host.approvalGateReleases(getContext()) : List.of();
            release = request.request(host.rules(), o, asked, gates);
            releaseId = release.id();
            saveState(); // the id must survive a crash too, not only a safe restart
            environment = release.environment();
            coordinates = release.coordinates();
            if (release.state() != ReleaseState.REQUESTED) {
                log(Messages.ReleaseStepExecution_Continuing(Long.toString(release.id()), coordinates, environment,
                        release.reason()));
            } else {
                log(release.mode() == ReleaseMode.ROLLBACK
                        ? Messages.ReleaseStepExecution_RollbackRequested(Long.toString(release.id()), environment, coordinates, o.buildId())
                        : Messages.ReleaseStepExecution_DeployRequested(Long.toString(release.id()), coordinates, environment, o.buildId()));
            }
            recordOnBuild(host, release.id(), asked != null && release.mode() == ReleaseMode.ROLLBACK
                    ? "rollback requested by " + asked.getRequestedBy() + " from the Releases page" : null);
        } catch (IOException | RuntimeException e) {
            failBeforeRecord(e);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failBeforeRecord(e);
            return;
        }
        run().begin(release);
    }

    /**
     * Lists the release on the build's page. The release is already in the ledger and goes on either way: a build
     * that cannot be saved now loses only this link, so that is logged rather than failing the deployment.
     */
    private void recordOnBuild(PluginRuntime host, long id, String message) throws InterruptedException {
        try {
            host.recordRelease(getContext(), id, message);
        } catch (IOException | RuntimeException e) {
            log(Messages.ReleaseStepExecution_NotListed(Long.toString(id), e.getMessage()));
        }
    }

    /** Bad input gets its error before anything changes: every credential the body will get must resolve. */
    private void checkBindings(PluginRuntime host) throws IOException, InterruptedException {
        if (environment == null || host.environments().find(environment).isEmpty()) return;
        BodyBindings.SecretFiles files = host.secretFiles(getContext()) == null ? null : (name, content) -> "(checked)";
        BodyBindings.resolve(environment, Map.of(), bindings(environment), host.credentials(getContext()), files);
    }

    /** Returns at once, like {@link #start()}: the release is read again on the pool for blocking work. */
    @Override
    public void onResume() {
        if (done) return;
        if (releaseId < 0) {
            getContext().onFailure(new AbortException(Messages.ReleaseStepExecution_RestartedBeforeRecord(stepName)));
            return;
        }
        PluginRuntime.get().runBlocking(() -> run().resume());
    }

    /**
     * Returns at once: Pipeline may call it on the CPS thread, which must not wait for a probe round or for the
     * ledger. The abort itself (cancel the wake-up and the body, record {@code ABORTED}, give the lease back, fail the
     * step) runs on the pool for blocking work.
     */
    @Override
    public void stop(Throwable cause) {
        if (done) return;
        status = "stopping";
        PluginRuntime.get().runBlocking(() -> run().stop(cause));
    }

    /** A safe restart waits for a round's probes (bounded by their timeouts) rather than cutting them off. */
    @Override
    public boolean blocksRestart() {
        ReleaseRun r = run;
        return r != null && r.probing();
    }

    /** Answers while a round is being probed. */
    @Override
    public String getStatus() {
        return releaseId < 0 ? status : Messages.ReleaseStepExecution_Status(Long.toString(releaseId), coordinates, environment, status);
    }

    /**
     * What this execution keeps of its run, as core's checkpoint. The phase is read in either spelling: 0.1.0 kept
     * {@code deploy}, this version {@code DEPLOY}.
     */
    ReleaseRun.Checkpoint checkpoint() {
        return new ReleaseRun.Checkpoint(releaseId, verificationPhase == null ? null
                : ReleaseMode.valueOf(verificationPhase.toUpperCase(Locale.ROOT)), verificationStartMs, roundsTaken, bodyRunning);
    }

    private ReleaseRun run() {
        ReleaseRun r = run;
        if (r == null) {
            synchronized (this) {
                r = run;
                if (r == null) {
                    PluginRuntime host = PluginRuntime.get();
                    r = new ReleaseRun(host.rules(), new JenkinsRun(), new BuildLogNarrator(this::log, s -> status = s,
                            () -> environment), new ReleaseRun.Terms(
                            LeaseOwner.named(host.owner()), host.leaseTtl(), host.pollInterval()), actor(), checkpoint());
                    run = r;
                }
            }
        }
        return r;
    }

    /** Writes the program now, unless what this execution keeps has not changed since it last did. */
    private synchronized void saveState() {
        ReleaseRun.Checkpoint now = checkpoint();
        if (!now.equals(written)) {
            written = now;
            getContext().saveState();
        }
    }

    /** The request was refused (or the build is gone) before anything was recorded. */
    private void failBeforeRecord(Throwable e) {
        done = true;
        status = Messages.ReleaseStepExecution_StatusFailed(String.valueOf(e.getMessage()));
        getContext().onFailure(StepErrors.map(stepName, e));
    }

    // --- the body -------------------------------------------------------------------------------

    /**
     * The body's callback. Pipeline calls it on the CPS thread, which must not wait for the agent (secret files) or the
     * ledger, so the outcome is handed to the pool for blocking work.
     */
    void bodyEnded(Throwable failure, List<String> secretFiles) {
        // Pipeline writes the program after this callback: should Jenkins die before the outcome is in the ledger
        // (still DEPLOYING), the resumed step runs the body again — it must be idempotent — rather than wait for a
        // block that already ended.
        bodyRunning = false;
        PluginRuntime.get().runBlocking(() -> {
            deleteSecretFiles(secretFiles);
            run().bodyEnded(failure);
        });
    }

    private void deleteSecretFiles(List<String> secretFiles) {
        try {
            if (!secretFiles.isEmpty()) PluginRuntime.get().deleteSecretFiles(getContext(), secretFiles);
        } catch (IOException | RuntimeException e) {
            log(Messages.ReleaseStepExecution_SecretFilesNotDeleted(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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

    /**
     * What core's run needs from Jenkins (timers on {@code jenkins.util.Timer} whose work runs on the pool for
     * blocking work, the step's block as the body, probes on the workspace's agent), and how the step ends. What the
     * build's log shows is {@link BuildLogNarrator}'s.
     */
    private final class JenkinsRun implements RunHost {

        @Override
        public RunHost.Timer at(Instant at, Runnable task) {
            PluginRuntime host = PluginRuntime.get();
            long delay = Math.max(0, Duration.between(host.clock().instant(), at).toMillis());
            // The scheduler's few shared threads only keep time: the task runs on the pool for blocking work.
            ScheduledFuture<?> f = host.scheduler().schedule(() -> PluginRuntime.get().runBlocking(task), delay, TimeUnit.MILLISECONDS);
            return () -> f.cancel(false);
        }

        @Override
        public RunHost.Timer every(Duration period, Runnable task) {
            long ms = Math.max(1, period.toMillis());
            ScheduledFuture<?> f = PluginRuntime.get().scheduler().scheduleAtFixedRate(() -> PluginRuntime.get().runBlocking(task),
                    ms, ms, TimeUnit.MILLISECONDS);
            return () -> f.cancel(false);
        }

        @Override
        public RunHost.Body startBody(Release release, Deployment deployment) throws Exception {
            PluginRuntime host = PluginRuntime.get();
            StepContext context = getContext();
            BodyBindings bindings;
            try {
                bindings = BodyBindings.resolve(release.environment(), deployment.variables(), bindings(release.environment()),
                        host.credentials(context), host.secretFiles(context));
            } catch (IOException | RuntimeException e) {
                // For the ledger a failed deploy, with the step's one line.
                throw StepErrors.map(stepName, e) instanceof Exception mapped ? mapped : e;
            }
            bodyMask = bindings.mask();
            bodySecrets = bindings.secretValues();
            ReleaseMode mode = deployment.mode();
            String coords = deployment.artifact().coordinates();
            status = mode == ReleaseMode.DEPLOY ? Messages.ReleaseStepExecution_RunningDeployBody(coords)
                    : Messages.ReleaseStepExecution_RunningRollbackBody(coords);
            String digest = deployment.artifact().digest().shortForm();
            log(mode == ReleaseMode.DEPLOY
                    ? Messages.ReleaseStepExecution_Deploying(coords, digest, release.environment(), mode.environmentValue())
                    : Messages.ReleaseStepExecution_RollingBack(coords, digest, release.environment(), mode.environmentValue()));
            BodyExecution body = context.newBodyInvoker()
                    .withContexts(EnvironmentExpander.merge(context.get(EnvironmentExpander.class), bindings.expander()),
                            TaskListenerDecorator.merge(context.get(TaskListenerDecorator.class), bindings.decorator()))
                    .withCallback(new BodyDone(ReleaseStepExecution.this, List.copyOf(bindings.files)))
                    .start();
            return body::cancel;
        }

        @Override
        public HealthProbeRunner probes() throws IOException, InterruptedException {
            return PluginRuntime.get().probes(getContext());
        }

        @Override
        public SecretMask mask() {
            return bodyMask();
        }

        @Override
        public void notify(Notification notification) {
            PluginRuntime.get().notifier(bodyMask()).notify(notification);
        }

        @Override
        public String abortedBy() {
            return origin().buildId();
        }

        @Override
        public String abortReason(Throwable cause) {
            return cause == null || cause.getMessage() == null ? "the build was stopped" : cause.getMessage();
        }

        @Override
        public void checkpoint(ReleaseRun.Checkpoint c, boolean writeNow) {
            releaseId = c.releaseId();
            verificationPhase = c.verificationPhase() == null ? null : c.verificationPhase().name();
            verificationStartMs = c.verificationStartMs();
            roundsTaken = c.roundsTaken();
            bodyRunning = c.bodyRunning();
            if (writeNow) saveState(); // a crash, not only a safe restart, must find them
        }

        @Override
        public void settled(Release release) {
            done = true;
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

        @Override
        public void stopped(Throwable cause) {
            done = true;
            status = "stopped";
            getContext().onFailure(cause == null ? null : StepErrors.masked(cause, bodyMask()));
        }

        @Override
        public void failed(Throwable error) {
            done = true;
            status = Messages.ReleaseStepExecution_StatusFailed(bodyMask().mask(String.valueOf(error.getMessage())));
            getContext().onFailure(StepErrors.masked(StepErrors.map(stepName, error), bodyMask()));
        }
    }

    // --- small things ---------------------------------------------------------------------------

    private List<CredentialBinding> bindings(String environmentName) {
        return PluginRuntime.get().environments().environment(environmentName).credentials();
    }

    private synchronized BuildOrigin origin() {
        if (origin == null) {
            try {
                origin = PluginRuntime.get().origin(getContext());
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

    /** Outside the body's log filter: a line quoting an error or a reason is masked here. */
    private void log(String line) {
        StepLog.println(getContext(), bodyMask(), line);
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
