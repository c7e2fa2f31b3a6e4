package io.releaseledger.plugin;

import hudson.EnvVars;
import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.releaseledger.engine.RollbackRequest;
import io.releaseledger.health.VerificationPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code rollbackRelease(environment: 'production', to: '1.4.1') { sh './deploy.sh' }}: a manual rollback as the
 * engine does it — to {@code to} (a version once live there) or to the release live before the current one; no
 * approvals, allowed during a freeze, the body run with {@code RELEASE_MODE=rollback}, then verified. A failed
 * manual rollback is not rolled back again. It names its own target, so a rollback requested from the Releases
 * page (which {@code deployRelease} honours) does not change it.
 */
public final class RollbackReleaseStep extends Step {
    private final String environment;
    private String to;
    private List<HealthCheckSpec> healthChecks = new ArrayList<>();
    private VerificationSettings verification;

    @DataBoundConstructor
    public RollbackReleaseStep(String environment) {
        this.environment = Validation.trimToNull(environment);
    }

    public String getEnvironment() {
        return environment;
    }

    public String getTo() {
        return to;
    }

    /** The version to go back to; empty: the release live before the current one. */
    @DataBoundSetter
    public void setTo(String to) {
        this.to = Validation.trimToNull(to);
    }

    public List<HealthCheckSpec> getHealthChecks() {
        return List.copyOf(healthChecks);
    }

    @DataBoundSetter
    public void setHealthChecks(List<HealthCheckSpec> healthChecks) {
        this.healthChecks = healthChecks == null ? new ArrayList<>() : new ArrayList<>(healthChecks);
    }

    public VerificationSettings getVerification() {
        return verification;
    }

    @DataBoundSetter
    public void setVerification(VerificationSettings verification) {
        this.verification = verification;
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new ReleaseStepExecution(DescriptorImpl.NAME, environment, (steps, origin, pageRollback, gates) -> steps.requestRollback(request(origin)), context);
    }

    RollbackRequest request(BuildOrigin origin) {
        DeployReleaseStep.require("environment", environment);
        VerificationPlan plan = new VerificationPlan(HealthCheckSpec.toChecks(healthChecks), VerificationSettings.policy(verification));
        return new RollbackRequest(environment, to, origin.actor(), origin.job(), plan);
    }

    @Extension
    @Symbol("rollbackRelease")
    public static final class DescriptorImpl extends StepDescriptor {
        static final String NAME = "rollbackRelease";

        @Override
        public String getFunctionName() {
            return NAME;
        }

        @Override
        public String getDisplayName() {
            return Messages.RollbackReleaseStep_DisplayName();
        }

        @Override
        public boolean takesImplicitBlockArgument() {
            return true;
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, EnvVars.class);
        }
    }
}
