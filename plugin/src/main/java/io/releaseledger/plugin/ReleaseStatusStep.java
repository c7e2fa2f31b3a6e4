package io.releaseledger.plugin;

import hudson.AbortException;
import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.releaseledger.environment.EnvironmentConfig;
import io.releaseledger.ledger.EnvironmentStatus;
import io.releaseledger.release.Release;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * {@code def s = releaseStatus environment: 'production'}: what is live in an environment, as a map —
 * {@code environment}, {@code live} ({@code null} before the first release, else {@code releaseId},
 * {@code artifact}, {@code version}, {@code digest}, {@code liveSince}, {@code deployedBy}), {@code degraded},
 * {@code degradedReason}, {@code inFlight} and {@code pendingApprovals}.
 */
public final class ReleaseStatusStep extends Step {
    private final String environment;

    @DataBoundConstructor
    public ReleaseStatusStep(String environment) {
        this.environment = Validation.trimToNull(environment);
    }

    public String getEnvironment() {
        return environment;
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new Execution(environment, context);
    }

    /** The environment must be configured (exact spelling); the error lists the ones that are. */
    static void checkConfigured(EnvironmentConfig config, String environment) throws AbortException {
        checkConfigured(config, environment, "releaseStatus");
    }

    /** The same check for any step, its name leading the message. */
    static void checkConfigured(EnvironmentConfig config, String environment, String step) throws AbortException {
        if (environment == null || config.find(environment).isEmpty()) {
            String configured = config.names().isEmpty() ? Messages.ReleaseStatusStep_NoneConfigured() : String.join(", ", config.names());
            throw new AbortException(environment == null ? Messages.ReleaseStatusStep_EnvironmentMissing(step, configured)
                    : Messages.ReleaseStatusStep_EnvironmentUnknown(step, environment, configured));
        }
    }

    /** The step's value; plain types only, as it lives on in the Pipeline's program state. */
    static Map<String, Object> status(String environment, Optional<EnvironmentStatus> status) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("environment", environment);
        Release live = status.map(EnvironmentStatus::live).orElse(null);
        result.put("live", live == null ? null : live(live));
        result.put("degraded", status.map(EnvironmentStatus::degraded).orElse(false));
        result.put("degradedReason", status.map(EnvironmentStatus::degradedReason).orElse(null));
        result.put("inFlight", status.map(s -> s.inFlight().size()).orElse(0));
        result.put("pendingApprovals", status.map(s -> (int) s.pendingApprovals()).orElse(0));
        return result;
    }

    private static Map<String, Object> live(Release release) {
        Map<String, Object> live = new LinkedHashMap<>();
        live.put("releaseId", release.id());
        live.put("artifact", release.artifactName());
        live.put("version", release.version());
        live.put("digest", release.digest().value());
        live.put("liveSince", release.liveAt() == null ? null : release.liveAt().toString());
        live.put("deployedBy", release.initiator());
        return live;
    }

    /** One ledger read: short, bounded, nothing to resume (see {@link RegisterArtifactStep.Execution}). */
    public static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;
        private final String environment;

        Execution(String environment, StepContext context) {
            super(context);
            this.environment = environment;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            checkConfigured(ReleaseLedgerConfiguration.get().toEnvironmentConfig(), environment);
            // An environment defined in Jenkins but with no release recorded yet has no row: nothing is live.
            Optional<EnvironmentStatus> row = PluginLedger.get().dashboard().stream()
                    .filter(s -> s.name().equals(environment)).findFirst();
            return status(environment, row);
        }
    }

    @Extension
    @Symbol("releaseStatus")
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "releaseStatus";
        }

        @Override
        public String getDisplayName() {
            return Messages.ReleaseStatusStep_DisplayName();
        }

        /** A ledger read needs no workspace, so it works outside {@code node} and holds no executor. */
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }
    }
}
