package io.releaseledger.plugin;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Cause;
import hudson.model.Computer;
import hudson.model.Run;
import hudson.slaves.WorkspaceList;
import io.releaseledger.engine.ReleaseRules;
import io.releaseledger.environment.EnvironmentConfig;
import io.releaseledger.health.HealthProbeRunner;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.notify.Notifier;
import io.releaseledger.plugin.agent.StepProbes;
import io.releaseledger.plugin.credentials.JenkinsCredentials;
import io.releaseledger.plugin.credentials.ResolvedCredential;
import io.releaseledger.secrets.SecretMask;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import jenkins.model.Jenkins;
import jenkins.util.Timer;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * What the asynchronous release steps need from their surroundings, looked up whenever they need it: an
 * execution keeps none of it, so after a controller restart it finds everything again. {@link #get()} is the
 * Jenkins one; unit tests install their own (a real H2 ledger, a test clock, fake credentials).
 */
abstract class PluginRuntime {
    private static volatile PluginRuntime installed;

    static PluginRuntime get() {
        PluginRuntime host = installed;
        return host != null ? host : InJenkins.INSTANCE;
    }

    /** For tests: use {@code host} until {@code null} is installed again. */
    static void install(PluginRuntime host) {
        installed = host;
    }

    abstract Ledger ledger();

    abstract EnvironmentConfig environments();

    abstract Clock clock();

    /**
     * Keeps the steps' time: when to look at approvals or a busy lease again, when the next probe round is due, when
     * to renew a lease ({@code jenkins.util.Timer} in Jenkins). Its few shared threads are for short tasks, so what
     * fires there only hands its work to {@link #blockingWork()}.
     */
    ScheduledExecutorService scheduler() {
        return Timer.get();
    }

    /**
     * Where the steps' work that may block runs: probe rounds (HTTP calls up to their timeout, or a call to the agent),
     * ledger transactions, and what {@code stop} does, which must not hold up the Pipeline's CPS thread. In Jenkins
     * {@code Computer.threadPoolForRemoting}: unbounded, daemon threads, the pool Jenkins runs remoting calls on.
     */
    Executor blockingWork() {
        return Computer.threadPoolForRemoting;
    }

    /**
     * Runs {@code work} on {@link #blockingWork()}; on this thread only if the pool refuses it (it is shut down: Jenkins
     * is stopping), since late is better than never for an abort.
     */
    final void runBlocking(Runnable work) {
        try {
            blockingWork().execute(work);
        } catch (RejectedExecutionException e) {
            work.run();
        }
    }

    /** Who holds environment leases: stable across restarts of this controller, so it can take them back. */
    abstract String owner();

    Duration leaseTtl() {
        return Duration.ofSeconds(60);
    }

    /** How often approvals and a busy lease are looked at again. */
    Duration pollInterval() {
        return Duration.ofSeconds(5);
    }

    /**
     * Where the steps' notifications go; none unless the host says otherwise.
     *
     * @param mask the secrets bound to the release's deploy body, masked in what is sent
     */
    Notifier notifier(SecretMask mask) {
        return n -> { };
    }

    ReleaseRules rules() {
        return new ReleaseRules(ledger(), environments(), clock());
    }

    abstract BuildOrigin origin(StepContext context) throws IOException, InterruptedException;

    abstract ResolvedCredential.Source credentials(StepContext context) throws IOException, InterruptedException;

    /** Where secret files go for the body; {@code null} outside {@code node}. */
    abstract BodyBindings.SecretFiles secretFiles(StepContext context) throws IOException, InterruptedException;

    /** Deletes what {@link #secretFiles} wrote. */
    abstract void deleteSecretFiles(StepContext context, List<String> paths) throws IOException, InterruptedException;

    /** Takes probes on the workspace's agent inside {@code node}, else in this JVM. */
    abstract HealthProbeRunner probes(StepContext context) throws IOException, InterruptedException;

    /** The rollback the Releases page scheduled this build for, or {@code null} for an ordinary build. */
    abstract RollbackRequestAction rollbackRequest(StepContext context) throws IOException, InterruptedException;

    /** Lists a release the step made on its build's page ({@link ReleasesBuildAction}), with an optional note. */
    abstract void recordRelease(StepContext context, long releaseId, String message) throws IOException, InterruptedException;

    /** The releases the build's {@code approvalGate} steps opened, oldest first ({@link ReleasesBuildAction}). */
    abstract List<Long> approvalGateReleases(StepContext context) throws IOException, InterruptedException;

    /** Lists a release an {@code approvalGate} opened on its build's page, with the gate's message. */
    abstract void recordApprovalGate(StepContext context, long releaseId, String message)
            throws IOException, InterruptedException;

    /** The user who started the build, or {@code null} when something else did (a timer, an upstream build). */
    abstract String startedBy(StepContext context) throws IOException, InterruptedException;

    /** Jenkins' root URL, or {@code null} when it is not configured. */
    abstract String rootUrl();

    /** Jenkins itself. */
    static final class InJenkins extends PluginRuntime {
        static final InJenkins INSTANCE = new InJenkins();

        @Override
        Ledger ledger() {
            return PluginLedger.get();
        }

        @Override
        EnvironmentConfig environments() {
            return ReleaseLedgerConfiguration.get().toEnvironmentConfig();
        }

        @Override
        Clock clock() {
            return Clock.systemUTC();
        }

        @Override
        String owner() {
            return "jenkins:" + Jenkins.get().getRootDir().getAbsolutePath();
        }

        @Override
        Notifier notifier(SecretMask mask) {
            return ReleaseLedgerConfiguration.get().notifier(mask);
        }

        @Override
        BuildOrigin origin(StepContext context) throws IOException, InterruptedException {
            return BuildOrigin.of(context.get(Run.class), context.get(EnvVars.class));
        }

        @Override
        ResolvedCredential.Source credentials(StepContext context) throws IOException, InterruptedException {
            return new JenkinsCredentials(context.get(Run.class));
        }

        @Override
        BodyBindings.SecretFiles secretFiles(StepContext context) throws IOException, InterruptedException {
            FilePath workspace = context.get(FilePath.class);
            if (workspace == null) return null;
            return (fileName, content) -> {
                FilePath dir = WorkspaceList.tempDir(workspace);
                dir.mkdirs();
                FilePath file = dir.createTempFile("release-ledger-", "-" + fileName.replaceAll("[^A-Za-z0-9._-]", "_"));
                file.copyFrom(new ByteArrayInputStream(content));
                file.chmod(0400);
                return file.getRemote();
            };
        }

        @Override
        void deleteSecretFiles(StepContext context, List<String> paths) throws IOException, InterruptedException {
            FilePath workspace = context.get(FilePath.class);
            if (workspace == null) return;
            for (String path : paths) workspace.child(path).delete();
        }

        @Override
        HealthProbeRunner probes(StepContext context) throws IOException, InterruptedException {
            FilePath workspace = context.get(FilePath.class);
            return StepProbes.on(credentials(context), workspace == null ? null : workspace.getChannel(),
                    workspace == null ? null : workspace.getRemote(), clock());
        }

        @Override
        RollbackRequestAction rollbackRequest(StepContext context) throws IOException, InterruptedException {
            // The queue item's actions are copied onto the build when it starts, so the page's request is here.
            return context.get(Run.class).getAction(RollbackRequestAction.class);
        }

        @Override
        void recordRelease(StepContext context, long releaseId, String message) throws IOException, InterruptedException {
            ReleasesBuildAction.record(context.get(Run.class), releaseId, message);
        }

        @Override
        List<Long> approvalGateReleases(StepContext context) throws IOException, InterruptedException {
            ReleasesBuildAction action = context.get(Run.class).getAction(ReleasesBuildAction.class);
            return action == null ? List.of() : action.getApprovalGateIds();
        }

        @Override
        void recordApprovalGate(StepContext context, long releaseId, String message)
                throws IOException, InterruptedException {
            ReleasesBuildAction.recordApprovalGate(context.get(Run.class), releaseId, message);
        }

        @Override
        String startedBy(StepContext context) throws IOException, InterruptedException {
            Run<?, ?> run = context.get(Run.class);
            Cause.UserIdCause cause = run.getCause(Cause.UserIdCause.class);
            return cause == null ? null : cause.getUserId();
        }

        @Override
        String rootUrl() {
            return Jenkins.get().getRootUrl();
        }
    }
}
