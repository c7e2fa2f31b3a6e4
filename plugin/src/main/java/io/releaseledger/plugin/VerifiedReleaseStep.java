package io.releaseledger.plugin;

import hudson.EnvVars;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.releaseledger.InvalidInputException;
import io.releaseledger.engine.ReleaseRules;
import io.releaseledger.health.VerificationPlan;
import io.releaseledger.release.Release;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * What {@code deployRelease} and {@code rollbackRelease} share: a release into an environment whose body is the
 * deployment and whose outcome is verified by the step's health checks, run by {@link ReleaseStepExecution}. As
 * workflow-durable-task-step's {@code DurableTaskStep}: Pipeline and Stapler bind the {@code @DataBoundSetter}s declared
 * here (structs' {@code DescribableModel} and Stapler walk the superclasses), and {@code Descriptor.getHelpFile} finds
 * the shared {@code help-*.html} beside this class. Never persisted: flow nodes keep the subclasses' descriptor ids, and
 * the execution holds the step only in a transient field, so only the subclasses' names are part of saved builds.
 */
public abstract class VerifiedReleaseStep extends Step {
    private final String environment;
    private List<HealthCheckSpec> healthChecks = new ArrayList<>();
    private VerificationSettings verification;

    /** Package-private: the two release steps of this plugin, not an extension point. */
    VerifiedReleaseStep(String environment) {
        this.environment = Validation.trimToNull(environment);
    }

    public String getEnvironment() {
        return environment;
    }

    public List<HealthCheckSpec> getHealthChecks() {
        return List.copyOf(healthChecks);
    }

    /** {@code httpCheck(…)}, {@code prometheusCheck(…)}, {@code commandCheck(…)}; none: the body's success is the evidence. */
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

    /**
     * Core's verification plan of this step: its checks and its verification settings.
     *
     * @throws InvalidInputException naming the check or setting
     */
    VerificationPlan plan() {
        return new VerificationPlan(HealthCheckSpec.toChecks(healthChecks), VerificationSettings.policy(verification));
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new ReleaseStepExecution(functionName(), environment, this::record, context);
    }

    /** The step's name in a Jenkinsfile, which its messages start with. */
    abstract String functionName();

    /** How this step records its release: see {@link ReleaseStepExecution.Request}. */
    abstract Release record(ReleaseRules rules, BuildOrigin origin, RollbackRequestAction pageRollback,
                            List<Long> approvalGates);

    static void require(String parameter, String value) {
        if (value == null) throw InvalidInputException.withoutValue(parameter, "it is required");
    }

    /** The descriptor of a release step: its body deploys, and it needs the build, its log and its environment. */
    public abstract static class VerifiedReleaseStepDescriptor extends StepDescriptor {
        /** The body deploys; outside {@code node} it holds no executor while waiting (approvals, lease, verification). */
        @Override
        public final boolean takesImplicitBlockArgument() {
            return true;
        }

        @Override
        public final Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, EnvVars.class);
        }
    }
}
